"""Routes of the training service: parse, call one use case, dump. Roles are checked on every route."""

from training.api import classes, records, registrations, requests

BLUEPRINTS = [classes.blp, registrations.blp, records.blp, requests.blp]
