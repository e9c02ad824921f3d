"""Routes of the training service: parse, call one use case, dump. Roles are checked on every route."""

from training.api import classes, onsite, records, registrations

BLUEPRINTS = [classes.blp, registrations.blp, records.blp, onsite.blp]
