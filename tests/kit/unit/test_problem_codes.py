"""Every problem a service sends carries `code` and `params` beside `detail` (ADR 34); a refused body also carries
`error_codes`: the paths of `errors`, each with the codes of marshmallow's refusals, got without reading words."""

from datetime import date

import flask_smorest
import marshmallow as ma
import pytest
from marshmallow import validate

from kit import errors, fields, http, validation


class PlanSchema(ma.Schema):
    title = ma.fields.String(required=True, validate=validate.Length(1, 20))
    kind = ma.fields.String(load_default="DINH_KY", validate=validate.OneOf(["DINH_KY", "DOT_XUAT"]))
    email = ma.fields.Email(load_default=None)
    starts = ma.fields.Date(load_default=None)
    targets = ma.fields.List(ma.fields.Nested(lambda: TargetSchema()), load_default=list)


class TargetSchema(ma.Schema):
    planned_month = fields.Integer(required=True, validate=validate.Range(min=1, max=12))


@pytest.fixture
def client():
    app, api = http.create_app(http.AppSpec(name="probe", prefix="/api/v1/probe", verifier=None))
    app.extensions[http.MESSAGES] = {"over_cap": "Vượt định mức {amount} > {cap} / over the cap {amount} > {cap}"}
    blp = flask_smorest.Blueprint("plans", __name__, url_prefix="/api/v1/probe")

    @blp.post("/plans")
    @blp.arguments(PlanSchema)
    def create(args):
        return {}

    @blp.post("/lines")
    def over_cap():
        raise errors.RuleViolated("over_cap", amount=15_000_000, cap=12_000_000, on=date(2026, 12, 4))

    api.register_blueprint(blp)
    return app.test_client()


def test_a_domain_error_sends_its_code_and_json_safe_params_beside_the_catalogue_s_detail(client):
    problem = client.post("/api/v1/probe/lines").get_json()

    assert problem["code"] == "over_cap"
    assert problem["params"] == {"amount": 15_000_000, "cap": 12_000_000, "on": "2026-12-04"}
    assert problem["detail"] == "Vượt định mức 15000000 > 12000000 / over the cap 15000000 > 12000000"


def test_a_refused_body_keeps_its_errors_and_adds_their_codes_at_the_same_paths(client):
    answer = client.post("/api/v1/probe/plans", json={"kind": "X", "email": "no", "starts": "4/12",
                                                      "targets": [{"planned_month": 13}, {}], "extra": 1})

    problem = answer.get_json()
    assert answer.status_code == 422 and problem["code"] == "invalid_request"
    assert problem["errors"]["targets"]["0"]["planned_month"] == [
        "Must be greater than or equal to 1 and less than or equal to 12."]
    assert problem["error_codes"] == {
        "title": [{"code": "required", "params": {"type": "string"}}],
        "kind": [{"code": "one_of", "params": {"choices": ["DINH_KY", "DOT_XUAT"]}}],
        "email": [{"code": "email", "params": {}}],
        "starts": [{"code": "invalid", "params": {"type": "date", "input": "4/12"}}],
        "targets": {"0": {"planned_month": [{"code": "range", "params": {"min": 1, "max": 12}}]},
                    "1": {"planned_month": [{"code": "required", "params": {"type": "integer"}}]}},
        "extra": [{"code": "unknown_field", "params": {}}],
    }


def test_a_length_a_null_and_a_fraction_are_coded_too(client):
    problem = client.post("/api/v1/probe/plans", json={"title": "x" * 21, "kind": None,
                                                       "targets": [{"planned_month": 2.5}]}).get_json()

    assert problem["error_codes"] == {
        "title": [{"code": "length", "params": {"min": 1, "max": 20}}],
        "kind": [{"code": "null", "params": {"type": "string"}}],
        "targets": {"0": {"planned_month": [{"code": "invalid", "params": {"type": "integer", "input": 2.5}}]}},
    }


def test_a_schema_s_own_check_gives_its_code_and_plain_words_give_invalid():
    refusal = validation.refused("nothing_to_change", "give at least one field", "_schema", fields=2)

    assert validation.codes_of({"_schema": refusal.messages, "x": ["words"]}) == {
        "_schema": [{"code": "nothing_to_change", "params": {"fields": 2}}], "x": [{"code": "invalid", "params": {}}]}


@pytest.mark.parametrize(("method", "path", "status", "code", "params"), [
    ("get", "/api/v1/probe/nowhere", 404, "no_such_resource", {}),
    ("delete", "/api/v1/probe/plans", 405, "method_not_allowed", {"method": "DELETE"}),
])
def test_the_framework_s_refusals_have_codes(client, method, path, status, code, params):
    answer = getattr(client, method)(path)

    assert (answer.status_code, answer.get_json()["code"], answer.get_json()["params"]) == (status, code, params)


def test_a_body_over_the_limit_sends_the_limit_as_a_number():
    app, _ = http.create_app(http.AppSpec(name="probe", prefix="/api/v1/probe", verifier=None, max_body_bytes=1024))
    app.add_url_rule("/api/v1/probe/things", "things", lambda: ({}, 201), methods=["POST"])

    problem = app.test_client().post("/api/v1/probe/things", data=b"x" * 2048,
                                     content_type="application/json").get_json()

    assert (problem["code"], problem["params"]) == ("body_too_large", {"limit": 1024})


def test_an_expired_or_missing_token_has_its_own_code():
    from kit.auth import AuthSettings, TokenVerifier

    verifier = TokenVerifier(AuthSettings(issuer="i", audience="a", jwks={"keys": []}))
    app, _ = http.create_app(http.AppSpec(name="probe", prefix="/api/v1/probe", verifier=verifier))

    problem = app.test_client().get("/api/v1/probe/things").get_json()

    assert (problem["status"], problem["code"]) == (401, "token_missing")
