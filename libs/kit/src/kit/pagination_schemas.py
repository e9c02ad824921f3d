"""Marshmallow shapes of paging: the `page` and `page_size` query arguments, and the page a list answers.

The factories take the names, defaults and limits a service already publishes, so that adopting them leaves
its OpenAPI document byte for byte as it was. apispec names a response component after its class name minus
a trailing "Schema" (`page_of(AgencySchema, "AgencyPageSchema")` and `"AgencyPage"` both give `AgencyPage`);
query schemas are spelled out as parameters, in field order, and give no component.
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from kit.fields import Integer

LAST_PAGE = 100_000
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def page_fields(*, last_page: int = LAST_PAGE, page_size: int = PAGE_SIZE,
                max_page_size: int = MAX_PAGE_SIZE) -> dict[str, ma.fields.Field]:
    """New `page` (1 to `last_page`, default 1) and `page_size` (1 to `max_page_size`, default `page_size`)
    fields, in that order. A query schema that lists them after its own fields takes them as
    `class Meta: include = page_fields()`."""
    return {
        "page": Integer(load_default=1, validate=validate.Range(1, last_page)),
        "page_size": Integer(load_default=page_size, validate=validate.Range(1, max_page_size)),
    }


def page_args(name: str = "PageArgs", **limits: int) -> type[ma.Schema]:
    """A query schema class of only the `page_fields(**limits)`, to inherit from: a subclass lists `page` and
    `page_size` before its own fields."""
    return type(name, (ma.Schema,), {"__module__": __name__, **page_fields(**limits)})


def page_of(item_schema: type[ma.Schema], name: str) -> type[ma.Schema]:
    """The schema class `name` of a page: `{items: [item_schema], total, page, page_size}`."""
    return ma.Schema.from_dict({
        "items": ma.fields.List(ma.fields.Nested(item_schema)), "total": ma.fields.Integer(),
        "page": ma.fields.Integer(), "page_size": ma.fields.Integer(),
    }, name=name)
