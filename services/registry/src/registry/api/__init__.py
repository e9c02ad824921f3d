"""Routes of the registry: parse, call one use case, dump. Roles are checked on every route but the public
list's (`public`, no login: kit.auth.public).

One module per aggregate, with its routes and their schemas. Five blueprints, as published: `tenants` and
`province_successions` add their routes to the one of `agencies`, `officers`, `successions`, `attachments` and
`step_dates` to the one of `quality_systems`, and `reference` to the one of `oversight`.
"""

from registry.api import (
    agencies,
    attachments,
    officers,
    oversight,
    province_successions,
    public,
    quality_systems,
    reference,
    spreadsheets,
    step_dates,
    successions,
    tenants,
)

ROUTES = (agencies, tenants, province_successions, quality_systems, officers, successions, attachments, step_dates,
          oversight, reference, spreadsheets, public)
BLUEPRINTS = [agencies.blp, quality_systems.blp, oversight.blp, spreadsheets.blp, public.blp]
