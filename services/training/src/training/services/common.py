"""Helpers the use cases share: getters that raise, effective settings, agency-officer scoping."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from training import model, repository
from training.orm import Registration, TrainingClass


@dataclass(frozen=True)
class Actor:
    """Who acts, as far as the use cases care: `agency_id` is set for an agency officer (their only agency)."""

    subject: str
    agency_id: uuid.UUID | None = None

    @property
    def is_province(self) -> bool:
        return self.agency_id is None


@dataclass(frozen=True)
class EffectiveSettings:
    completion_percent: int
    season_start_month: int
    season_end_month: int
    certificate_format: str
    overridden: bool


SETTING_FIELDS = ("completion_percent", "season_start_month", "season_end_month", "certificate_format")


def settings(session: Session) -> EffectiveSettings:
    own = repository.find_tenant_settings(session)
    source = own or repository.default_settings(session)
    return EffectiveSettings(**{name: getattr(source, name) for name in SETTING_FIELDS}, overridden=own is not None)


def get_class(session: Session, class_id: uuid.UUID, *, lock: bool = False) -> TrainingClass:
    found = repository.find_class(session, class_id, lock=lock)
    if found is None:
        raise model.ClassNotFound(class_id)
    return found


def get_registration(session: Session, registration_id: uuid.UUID, actor: Actor) -> Registration:
    """Another agency's registration answers 404 to an agency officer, as another province's would."""
    found = repository.find_registration(session, registration_id)
    if found is None or (actor.agency_id is not None and found.agency_id != actor.agency_id):
        raise model.RegistrationNotFound(registration_id)
    return found


def ensure_course_type(session: Session, code: str) -> None:
    if repository.find_course_type(session, code) is None:
        raise model.UnknownCourseType(code)
