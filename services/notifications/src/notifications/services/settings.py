"""The province's deadline and reminder settings (model.schedule.ProvinceRules), kept by its admin."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kit import preconditions
from kit.errors import RuleViolated
from kit.uow import UnitOfWork
from notifications import repository
from notifications.model.schedule import ProvinceRules
from notifications.orm import ProvinceSetting


def rules_of(session: Session) -> ProvinceRules:
    row = repository.setting(session)
    if row is None:
        return ProvinceRules()
    return ProvinceRules(deadline_month=row.deadline_month, deadline_day=row.deadline_day,
                         lead_days=tuple(int(lead) for lead in row.lead_days.split(",")), send_hour=row.send_hour)


def read(uow: UnitOfWork) -> tuple[ProvinceRules, int]:
    """The province's rules and their version (0: the defaults, never changed)."""
    with uow:
        row = repository.setting(uow.session)
        return rules_of(uow.session), row.version if row else 0


def change(uow: UnitOfWork, fields: dict, expected: int) -> tuple[ProvinceRules, int]:
    """Replace the province's rules, made from version `expected` (0 for the defaults)."""
    try:
        rules = ProvinceRules(deadline_month=fields["deadline_month"], deadline_day=fields["deadline_day"],
                              lead_days=tuple(sorted(set(fields["lead_days"]), reverse=True)),
                              send_hour=fields["send_hour"])
    except ValueError as error:
        raise RuleViolated("invalid_schedule", reason=str(error)) from None
    with uow:
        row = repository.setting(uow.session, lock=True)
        preconditions.check(row.version if row else 0, expected)
        if row is None:
            row = ProvinceSetting(version=0)
            uow.session.add(row)
        row.deadline_month, row.deadline_day, row.send_hour = rules.deadline_month, rules.deadline_day, rules.send_hour
        row.lead_days = ",".join(str(lead) for lead in rules.lead_days)
        row.version += 1
        row.updated_by = uow.actor
        uow.commit()
        return rules, row.version
