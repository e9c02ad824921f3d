"""The `borders` query argument of every figure, in every service (issue 19, ADR 16).

`as_reported` (the default): each province with its own records, as it existed on the date asked. `current`:
history re-aggregated into today's provinces, a successor with the provinces merged into it (its unit of work
opened with `lineage=True`)."""

from __future__ import annotations

import marshmallow as ma

BORDERS = ("as_reported", "current")


class BordersSchema(ma.Schema):
    borders = ma.fields.String(load_default="as_reported", validate=ma.validate.OneOf(BORDERS), metadata={
        "description": "as_reported: the provinces as they existed on the date; current: history re-aggregated "
                       "into today's provinces (a successor with the provinces merged into it)"})


def current(args) -> bool:
    """Whether the request asked for today's borders."""
    return args.get("borders") == "current"
