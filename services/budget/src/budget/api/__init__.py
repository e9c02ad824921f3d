"""Routes of the budget service: parse, call one use case, dump. Roles are checked on every route."""

from budget.api import lines, norms, reports

BLUEPRINTS = [lines.blp, norms.blp, reports.blp]
