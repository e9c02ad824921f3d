"""Routes of the notifications service: parse, call one use case, dump. Roles are checked on every route but
the calendar feed, whose secret URL is its credential (api.calendars)."""

from notifications.api import calendars, inbox, schedule, settings

BLUEPRINTS = [settings.blp, schedule.blp, inbox.blp, calendars.blp]
