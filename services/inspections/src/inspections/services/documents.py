"""The inspection documents: issued into the province's numbering register (a số of the issuing body's sequence
of the year, given once), and written as DOCX or PDF from the records, numbered when issued, blank before."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError

from inspections import model, orm, repository
from inspections.documents import (
    KINDS,
    SO_BODY,
    common,
    conclusion,
    decision,
    minutes,
    notice,
    plan,
    write,
    year_report,
)
from inspections.model import allowed
from kit import calendar
from kit.access import AgencyScope
from kit.errors import Conflict
from kit.official import Official
from kit.uow import UnitOfWork

Key = uuid.UUID | int  # a record's id, or the year of the yearly report


@dataclass(frozen=True)
class Source:
    """A document's record, read: the register it is numbered in, a few words naming it in the file's name, the
    agency it is about (None for the province's own documents) and how to build it once stamped."""

    body: str
    detail: str
    agency_id: uuid.UUID | None
    build: Callable[[common.Heading, common.Stamp], Official]
    status: str | None = None  # the inspection's, for a document of an inspection


@dataclass(frozen=True)
class DocumentFile:
    body: bytes
    fmt: str
    title: str
    ascii_name: str


def issue(uow: UnitOfWork, actor: model.Actor, kind: str, key: Key, number: int | None,
          issued_on: date | None) -> tuple[orm.IssuedDocument, bool]:
    """The document's entry in the register and whether this call made it: `number` typed by the văn thư, else
    the next free number of its body's sequence of the year it is issued in. A document issued before keeps its
    first entry, whatever this call asks; a number already used is a conflict (409)."""
    with uow:
        source = _source(uow.session, kind, key)
        on = issued_on or calendar.day_of(uow.now())
        # taken before the look-up: of one document issued twice at once, the second finds the first's entry
        repository.take_register(uow.session, source.body, on.year)
        first = repository.issued(uow.session, kind, str(key))
        if first is not None:
            return first, False
        allowed.check_document(kind, source.status)
        if number is not None and repository.number_holder(uow.session, source.body, on.year, number):
            raise _taken(kind, number, on.year)
        entry = orm.IssuedDocument(
            id=uuid.uuid4(), body=source.body, year=on.year, kind=kind, record=str(key), issued_on=on,
            number=number or repository.next_free_number(uow.session, source.body, on.year),
            symbol=KINDS[kind].symbol, issued_by=actor.subject)
        uow.session.add(entry)
        try:
            uow.session.flush()
        except IntegrityError as error:  # issued at the same moment by someone else (SQLite: no lock above)
            raise _taken(kind, entry.number, on.year) from error
        uow.commit()
        return entry, True


def document_file(uow: UnitOfWork, actor: model.Actor, kind: str, key: Key, fmt: str) -> DocumentFile:
    """The document as `fmt` (docx, pdf); an agency officer reads only the documents of their agency's
    inspections that are addressed to it (another's is not found)."""
    with uow:
        source = _source(uow.session, kind, key)
        if source.agency_id is not None:
            AgencyScope.of(actor.roles, actor.agency_id).ensure(source.agency_id, model.not_found, "inspection", key)
        entry = repository.issued(uow.session, kind, str(key))
        stamp = common.Stamp(KINDS[kind].symbol, entry.issued_on, entry.number) if entry else \
            common.Stamp(KINDS[kind].symbol, calendar.day_of(uow.now()))
        body = write(source.build(common.heading(repository.province_ubnd(uow.session)), stamp), fmt)
        return DocumentFile(body, fmt, f"{KINDS[kind].title} {source.detail}", KINDS[kind].ascii_name)


def entries(uow: UnitOfWork, actor: model.Actor, records: list[str]) -> dict:
    with uow:
        return {"items": [entry_view(entry, False) for entry in repository.issued_for(uow.session, records)],
                "actions": allowed.document_actions(actor)}


def entry_view(entry: orm.IssuedDocument, created: bool) -> dict:
    return {"kind": entry.kind, "record": entry.record, "body": entry.body, "year": entry.year,
            "number": entry.number, "symbol": entry.symbol, "number_symbol": f"{entry.number}/{entry.symbol}",
            "issued_on": entry.issued_on, "issued_by": entry.issued_by, "created": created}


def _taken(kind: str, number: int, year: int) -> Conflict:
    return Conflict("number_taken", number=number, symbol=KINDS[kind].symbol, year=year)


def _source(session, kind: str, key: Key) -> Source:
    return SOURCES[kind](session, key)


def _plan(session, key: uuid.UUID) -> Source:
    record = repository.get(session, orm.Plan, key)
    teams = repository.teams_of(session, record.id)
    return Source(SO_BODY, f"năm {record.year}", None, lambda h, s: plan.document(record, teams, h, s))


def _decision(session, key: uuid.UUID) -> Source:
    team = repository.get(session, orm.Team, key)
    of_plan = repository.find(session, orm.Plan, team.plan_id) if team.plan_id else None
    return Source(SO_BODY, team.decision_date.strftime("%d-%m-%Y"), None,
                  lambda h, s: decision.document(team, of_plan, h, s))


def _inspection(session, key: uuid.UUID) -> tuple[orm.Inspection, orm.Team | None]:
    """The inspection, and its team (the plan's first when it names none)."""
    inspection = repository.get(session, orm.Inspection, key)
    team = repository.find(session, orm.Team, inspection.team_id) if inspection.team_id else None
    if team is None and inspection.plan_id:
        team = next(iter(repository.teams_of(session, inspection.plan_id)), None)
    return inspection, team


def _cited(session, kind: str, key: Key, typed: str | None) -> str | None:
    """How another document names this one: the register's number when it was issued here, else the number
    typed on the record."""
    entry = repository.issued(session, kind, str(key))
    return f"{entry.number}/{entry.symbol}" if entry else typed


def _notice(session, key: uuid.UUID) -> Source:
    inspection, team = _inspection(session, key)
    of_plan = repository.find(session, orm.Plan, inspection.plan_id) if inspection.plan_id else None
    decision_no = _cited(session, "decision", team.id, team.decision_no) if team else None
    return Source(SO_BODY, common.agency(inspection), inspection.agency_id,
                  lambda h, s: notice.document(inspection, of_plan, team, decision_no, h, s), inspection.status)


def _minutes(session, key: uuid.UUID) -> Source:
    inspection, team = _inspection(session, key)
    titles = repository.criterion_titles(session)
    decision_no = _cited(session, "decision", team.id, team.decision_no) if team else None
    return Source(f"DKT-{team.id}" if team else "DKT", common.agency(inspection), inspection.agency_id,
                  lambda h, s: minutes.document(inspection, team, decision_no, titles, h, s), inspection.status)


def _conclusion(session, key: uuid.UUID) -> Source:
    inspection = repository.get(session, orm.Inspection, key)
    record_no = _cited(session, "minutes", inspection.id, inspection.record_doc)
    found = sorted(repository.recommendations_of(session, inspection.id), key=lambda r: (r.deadline, r.description))
    return Source(SO_BODY, common.agency(inspection), inspection.agency_id,
                  lambda h, s: conclusion.document(inspection, record_no, found, h, s), inspection.status)


def _report(session, year: int) -> Source:
    plans = [p for p in repository.plans_of_year(session, year) if p.status in model.COUNTED_PLANS]
    done = repository.inspections_done(session, year)
    found = repository.recommendations_of_inspections(session, [i.id for i in done])
    records = year_report.Year(year, plans, done, found)
    return Source(SO_BODY, f"năm {year}", None, lambda h, s: year_report.document(records, h, s))


SOURCES: dict[str, Callable[..., Source]] = {
    "plan": _plan, "decision": _decision, "notice": _notice, "minutes": _minutes, "conclusion": _conclusion,
    "report": _report,
}
