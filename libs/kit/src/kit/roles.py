"""Role sets named for what their holders may do, built from the roles of `kit.auth.ROLES`. Pure Python.

Routes take them as `@require(*PROVINCE_STAFF)`. A service whose rule fits none of these builds a local,
well-named set from them (`PROVINCE_MANAGERS | {"inspector"}`) rather than listing role names again.
"""

from __future__ import annotations

# Keep the province's records: register, change, schedule, draft.
PROVINCE_MANAGERS = frozenset({"province_admin", "province_officer"})

# Work for the province (the Sở, its leader, its inspectors): read every record of the province.
PROVINCE_STAFF = PROVINCE_MANAGERS | {"province_leader", "inspector"}

# Speak for one agency (its ISO secretary): reach only that agency's records (see `kit.access`).
AGENCY_OFFICERS = frozenset({"agency_officer"})

# Read the province's records, an agency officer only their agency's: every role a province's user holds.
STAFF_AND_AGENCIES = PROVINCE_STAFF | AGENCY_OFFICERS

# Write an agency's records: the province's managers for any agency, an agency officer for their own.
MANAGERS_AND_AGENCIES = PROVINCE_MANAGERS | AGENCY_OFFICERS

# Bound to no province: the platform's operator and the Ministry's oversight.
NATIONAL = frozenset({"platform_admin", "national_viewer"})

# Anyone signed in, whatever their role.
EVERYONE = STAFF_AND_AGENCIES | NATIONAL
