"""Routes of the inspections service: parse, call one use case, dump. Roles are checked on every route.

`attachments` (a recommendation's remediation evidence) adds its routes to the blueprint of `recommendations`.
"""

from inspections.api import attachments, documents, inspections, plans, recommendations, reference

ROUTES = (plans, inspections, recommendations, attachments, reference, documents)
BLUEPRINTS = [plans.blp, inspections.blp, recommendations.blp, reference.blp, documents.blp]
