"""Routes of the inspections service: parse, call one use case, dump. Roles are checked on every route."""

from inspections.api import documents, inspections, plans, recommendations, reference

BLUEPRINTS = [plans.blp, inspections.blp, recommendations.blp, reference.blp, documents.blp]
