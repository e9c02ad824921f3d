"""A schema built by the factories documents exactly as the hand-written one it replaces (apispec output)."""

import json

import marshmallow as ma
import pytest
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import validate

from kit.pagination_schemas import page_args, page_fields, page_of


class ItemSchema(ma.Schema):
    id = ma.fields.UUID()
    name = ma.fields.String()


class HandPageArgs(ma.Schema):
    page = ma.fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    page_size = ma.fields.Integer(load_default=20, validate=validate.Range(1, 100))


class HandPlanQuerySchema(HandPageArgs):
    year = ma.fields.Integer(validate=validate.Range(2000, 2100))
    status = ma.fields.String()


class HandLineQuerySchema(ma.Schema):
    fiscal_year = ma.fields.Integer(validate=validate.Range(2000, 2100))
    status = ma.fields.String()
    page = ma.fields.Integer(load_default=1, validate=validate.Range(1, 10_000))
    page_size = ma.fields.Integer(load_default=20, validate=validate.Range(1, 100))


class HandAuditQuerySchema(ma.Schema):
    entity = ma.fields.String()
    page = ma.fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    page_size = ma.fields.Integer(load_default=50, validate=validate.Range(1, 200))


class ItemPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(ItemSchema))
    total = ma.fields.Integer()
    page = ma.fields.Integer()
    page_size = ma.fields.Integer()


PageArgs = page_args()


class PlanQuerySchema(PageArgs):
    year = ma.fields.Integer(validate=validate.Range(2000, 2100))
    status = ma.fields.String()


class LineQuerySchema(ma.Schema):
    class Meta:
        include = page_fields(last_page=10_000)

    fiscal_year = ma.fields.Integer(validate=validate.Range(2000, 2100))
    status = ma.fields.String()


class AuditQuerySchema(ma.Schema):
    class Meta:
        include = page_fields(page_size=50, max_page_size=200)

    entity = ma.fields.String()


def document(query, page) -> str:
    """The OpenAPI document of one list route, as flask-smorest's MarshmallowPlugin writes it."""
    spec = APISpec("t", "1", "3.0.3", plugins=[MarshmallowPlugin()])
    spec.path("/items", operations={"get": {
        "parameters": [{"in": "query", "schema": query}],
        "responses": {"200": {"content": {"application/json": {"schema": page}}}},
    }})
    return json.dumps(spec.to_dict())


class TestQueryArguments:
    def test_inheriting_page_args_lists_page_and_page_size_first_as_before(self):
        assert document(PlanQuerySchema, ItemSchema) == document(HandPlanQuerySchema, ItemSchema)

    def test_included_page_fields_come_after_the_schemas_own_as_before(self):
        assert document(LineQuerySchema, ItemSchema) == document(HandLineQuerySchema, ItemSchema)

    def test_defaults_and_limits_are_the_services_own(self):
        assert document(AuditQuerySchema, ItemSchema) == document(HandAuditQuerySchema, ItemSchema)

    def test_the_page_arguments_can_still_be_excluded(self):
        parameters = json.loads(document(LineQuerySchema(exclude=("page", "page_size")), ItemSchema))

        names = [p["name"] for p in parameters["paths"]["/items"]["get"]["parameters"]]
        assert names == ["fiscal_year", "status"]

    def test_missing_arguments_load_their_defaults(self):
        assert LineQuerySchema().load({}) == {"page": 1, "page_size": 20}
        assert AuditQuerySchema().load({"page": "2"}) == {"page": 2, "page_size": 50}

    @pytest.mark.parametrize("args", [{"page": "0"}, {"page": "10001"}, {"page_size": "101"}, {"page_size": "0"}])
    def test_arguments_out_of_range_are_refused(self, args):
        with pytest.raises(ma.ValidationError):
            LineQuerySchema().load(args)

    def test_schemas_do_not_share_field_objects(self):
        assert PageArgs._declared_fields["page"] is not LineQuerySchema._declared_fields["page"]


class TestPageOf:
    def test_a_page_built_by_page_of_is_the_hand_written_component(self):
        built = page_of(ItemSchema, "ItemPageSchema")

        assert document(HandPageArgs, built) == document(HandPageArgs, ItemPageSchema)

    def test_the_component_is_named_after_the_name_given_minus_schema(self):
        components = json.loads(document(HandPageArgs, page_of(ItemSchema, "ItemPage")))["components"]["schemas"]

        assert set(components) == {"Item", "ItemPage"}

    def test_a_name_not_ending_in_schema_is_kept_whole(self):
        built = page_of(ItemSchema, f"{ItemSchema.__name__}Page")

        assert "ItemSchemaPage" in json.loads(document(HandPageArgs, built))["components"]["schemas"]

    def test_a_page_dumps_its_items_with_the_item_schema(self):
        page = {"items": [{"id": "2f1c0e4e-5c3b-4a53-9d0a-8f1e1c3a4b5d", "name": "Sở Y tế", "x": 1}],
                "total": 1, "page": 1, "page_size": 20}

        dumped = page_of(ItemSchema, "ItemPage")().dump(page)

        assert dumped["items"] == [{"id": "2f1c0e4e-5c3b-4a53-9d0a-8f1e1c3a4b5d", "name": "Sở Y tế"}]
