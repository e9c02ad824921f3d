"""An agency officer reaches only their own agency's records; the province's staff reach the whole province.

Pure Python: build an `AgencyScope` from the caller's roles and `agency_id` claim (a `kit.auth.Principal`
has both), then filter lists with `scope.agency_id` and check single objects with `scope.ensure(...)`.
Another agency's object answers 404, as another province's would: the caller learns nothing of it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass

from kit.errors import NotFound
from kit.roles import PROVINCE_STAFF

NO_AGENCY = uuid.UUID(int=0)


def agency_of(claim: str | uuid.UUID | None) -> uuid.UUID:
    """The agency an `agency_id` claim names; NO_AGENCY, which owns no record, if it is missing or not a UUID."""
    if isinstance(claim, uuid.UUID):
        return claim
    try:
        return uuid.UUID(claim) if claim else NO_AGENCY
    except ValueError:
        return NO_AGENCY


@dataclass(frozen=True)
class AgencyScope:
    """The agencies a caller reaches: every agency of the province when `agency_id` is None, else that one."""

    agency_id: uuid.UUID | None = None

    @classmethod
    def of(cls, roles: Collection[str], agency_claim: str | uuid.UUID | None, *,
           province_wide: Collection[str] = PROVINCE_STAFF) -> AgencyScope:
        """The whole province for a caller holding any of `province_wide`; otherwise (an agency officer, or any
        other role) only the agency of `agency_claim`, which is NO_AGENCY when the claim is missing or invalid.
        `province_wide=()` limits every caller to their own agency."""
        if set(roles) & set(province_wide):
            return cls(None)
        return cls(agency_of(agency_claim))

    @property
    def whole_province(self) -> bool:
        return self.agency_id is None

    def allows(self, agency_id: uuid.UUID | None) -> bool:
        """Whether a record of `agency_id` is within reach; a record of no agency only for the whole province."""
        return self.agency_id is None or agency_id == self.agency_id

    def ensure(self, agency_id: uuid.UUID | None, not_found: Callable[..., NotFound], /, *args, **params) -> None:
        """Raises `not_found(*args, **params)` unless a record of `agency_id` is within reach."""
        if not self.allows(agency_id):
            raise not_found(*args, **params)
