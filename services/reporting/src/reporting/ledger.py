"""The as-of ledgers in the database (ADR 24), of the agency counters and of the open and overdue
recommendations: kept in step by the projections, in their transaction, read as sums, and filled from the
detailed read models by `backfill` and `backfill_recommendations` (the migrations and the benchmark call them)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import BigInteger, Connection, bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from contracts import registry, training
from contracts.registry import OfficerRole
from kit import batching, tenancy
from reporting.model import ledger, recommendation_ledger
from reporting.model.ledger import COUNTERS, History
from reporting.orm import (
    AgencyView,
    CertificateView,
    LedgerEntry,
    MaintenanceView,
    OfficerView,
    RecommendationLedgerEntry,
    RecommendationView,
    up_to,
)
from reporting.orm import QualitySystemStatusView as StatusView

TABLE = LedgerEntry.__table__
# The events whose projections keep the ledger of the agency they name (reporting.consumers).
NAMING = (registry.AgencyRegistered, registry.AgencyUpdated, registry.AgencyDissolved, registry.AgencyMerged,
          registry.QualitySystemStatusChanged, registry.QualitySystemStepDateCorrected, registry.OfficerAppointed,
          registry.OfficerRemoved, registry.MaintenanceRecorded, training.CertificateIssued)
BATCH = "reporting_ledger_befores"  # session.info, in a consumer's batch: each agency's contribution before it
RECOMMENDATIONS = RecommendationLedgerEntry.__table__


@contextmanager
def kept(session: Session, agency_id: uuid.UUID | None) -> Iterator[None]:
    """Keep the ledger in step with what the block changes of the agency's rows: its contribution before and
    after, the difference posted in the same transaction. In a consumer's batch (kit.batching) the contribution
    before is read at the agency's first event of the batch and the differences of all its agencies are posted
    once at the batch's end: the same sums, without reading every agency's rows again and posting after each
    event."""
    if agency_id is None:
        yield
        return
    befores = _batch_befores(session)
    key = (session.info["tenant"], agency_id)
    if befores is not None and key in befores:
        yield
        return
    lock(session, agency_id)
    before = ledger.contribution(history(session, agency_id))
    if befores is not None:
        befores[key] = before
        yield
        return
    yield
    session.flush()
    post(session, ledger.entries(before, ledger.contribution(history(session, agency_id))))


def _batch_befores(session: Session) -> dict | None:
    """(province, agency) -> its contribution before the batch, when the session is a batch's; else None. At the
    batch's first kept agency, every agency its events name is locked and read at once (`_read_ahead`)."""
    befores = session.info.get(BATCH)
    if befores is None:
        befores = {}
        if not batching.at_end(session, BATCH, lambda batch: _post_batch(batch, befores)):
            return None
        session.info[BATCH] = befores
        _read_ahead(session, befores)
    return befores


def _read_ahead(session: Session, befores: dict) -> None:
    """The contributions of the agencies the batch's events name, before any of them changes: locked in one order
    and read in five queries a province. A name is a hint (a certificate's agency is its officer's): an agency
    kept that was not named is read when it comes, one that was named and not changed posts nothing."""
    named = defaultdict(set)
    for tenant, event in batching.events(session):
        if isinstance(event, NAMING):
            named[tenant].add(event.agency_id)
    bound = session.info["tenant"]
    session.flush()  # anything pending is stamped with its own province before the session reads another's
    for tenant, agency_ids in named.items():
        ordered = sorted(agency_ids)
        tenancy.bind(session, tenant)
        lock(session, *ordered)
        for agency_id, history_now in histories(session, ordered).items():
            befores[tenant, agency_id] = ledger.contribution(history_now)
    if session.info["tenant"] != bound:
        tenancy.bind(session, bound)


def _post_batch(session: Session, befores: dict) -> None:
    """The batch's differences, each province's in one upsert: every agency it touched read again at once."""
    session.info.pop(BATCH, None)
    session.flush()
    provinces = defaultdict(list)
    for tenant, agency_id in befores:
        provinces[tenant].append(agency_id)
    for tenant, agency_ids in provinces.items():
        tenancy.bind(session, tenant)
        after = histories(session, agency_ids)
        post(session, ledger.summed_changes(
            (befores[tenant, agency_id], ledger.contribution(after[agency_id])) for agency_id in agency_ids))


@contextmanager
def kept_recommendation(session: Session, recommendation_id: uuid.UUID) -> Iterator[None]:
    """Keep the recommendations' ledger in step with what the block changes of the recommendation's row (issued,
    closed, reopened, its deadline): its contribution before and after, the difference posted in the same
    transaction. Its events share a key and arrive in order; the lock covers a redelivery racing a rebalance."""
    lock(session, recommendation_id)
    before = recommendation_ledger.contribution(session.get(RecommendationView, recommendation_id))
    yield
    session.flush()
    after = recommendation_ledger.contribution(session.get(RecommendationView, recommendation_id))
    post(session, ledger.entries(before, after), RECOMMENDATIONS, recommendation_ledger.COUNTERS)


def lock(session: Session, *keys: uuid.UUID) -> None:
    """Two consumers changing one agency's rows at once (its agency and its status topics, say; or one
    recommendation's) would each post the difference from the same `before` and one change would be lost: the
    second waits here for the first to commit, and then reads its rows (READ COMMITTED reads anew at each
    statement). Several keys are locked in one statement, in their order. SQLite has one writer anyway."""
    if session.get_bind().dialect.name != "postgresql" or not keys:
        return
    numbers = [int.from_bytes(key.bytes[:8], "big", signed=True) for key in keys]
    if len(numbers) == 1:  # a SELECT: a batch does not count it as a write
        session.execute(select(func.pg_advisory_xact_lock(numbers[0])))
        return
    each = func.unnest(bindparam("keys", numbers, type_=postgresql.ARRAY(BigInteger))).column_valued("key")
    session.execute(select(func.pg_advisory_xact_lock(each)))


def history(session: Session, agency_id: uuid.UUID) -> History:
    """The agency's rows as the province's session sees them."""
    return histories(session, [agency_id])[agency_id]


def histories(session: Session, agency_ids: list[uuid.UUID]) -> dict[uuid.UUID, History]:
    """The agencies' rows as the province's session sees them, in five queries however many they are."""
    def rows(view, *where):
        return session.scalars(select(view).where(view.agency_id.in_(agency_ids), *where))
    secretaries = list(rows(OfficerView, OfficerView.role == OfficerRole.THU_KY_ISO))
    certificates = session.scalars(select(CertificateView).where(
        CertificateView.officer_id.in_([o.officer_id for o in secretaries]))) if secretaries else []
    return _assembled(agency_ids, rows(AgencyView), rows(StatusView), rows(MaintenanceView), secretaries,
                      certificates)


def _assembled(agency_ids: Iterable[uuid.UUID], agencies: Iterable, statuses: Iterable, upkeep: Iterable,
               secretaries: Iterable, certificates: Iterable) -> dict[uuid.UUID, History]:
    """Each agency's history from rows of many agencies (the secretaries' certificates among `certificates`)."""
    found, by_officer = {row.agency_id: row for row in agencies}, defaultdict(list)
    statuses_of, upkeep_of, secretaries_of = defaultdict(list), defaultdict(list), defaultdict(list)
    for grouped, found_rows in ((statuses_of, statuses), (upkeep_of, upkeep), (secretaries_of, secretaries)):
        for row in found_rows:
            grouped[row.agency_id].append(row)
    for certificate in certificates:
        by_officer[certificate.officer_id].append(certificate)
    return {agency_id: History(
        agency=found.get(agency_id), statuses=_in_version_order(statuses_of[agency_id]),
        upkeep=completions(upkeep_of[agency_id]), secretaries=secretaries_of[agency_id],
        certified=certified(c for o in secretaries_of[agency_id] for c in by_officer[o.officer_id]))
        for agency_id in agency_ids}


def post(session: Session, entries: dict, table=TABLE, counters: tuple[str, ...] = COUNTERS) -> None:
    """Add the entries to the province's ledger (an upsert that adds, in key order so that two transactions
    posting to the same rows take their locks in the same order)."""
    if not entries:
        return
    insert = (postgresql if session.get_bind().dialect.name == "postgresql" else sqlite).insert(table)
    session.execute(insert.values(_rows(session.info["tenant"], entries, table, counters)).on_conflict_do_update(
        index_elements=[column.name for column in table.primary_key.columns],
        set_={name: table.c[name] + insert.excluded[name] for name in counters}))


def sums_on(as_of: date):
    """The query of the counters on `as_of` per province, agency type and level (`orm.up_to`)."""
    e = LedgerEntry
    return (select(e.tenant_id, e.agency_type, e.admin_level, *(func.sum(e.__table__.c[n]) for n in COUNTERS))
            .where(up_to(e, as_of)).group_by(e.tenant_id, e.agency_type, e.admin_level))


def groups_on(session: Session, as_of: date) -> list[tuple[str, str, str, dict[str, int]]]:
    """(province, agency type, level, counters) on `as_of`, of the provinces the session reads."""
    return [(tenant, kind, level, dict(zip(COUNTERS, (int(v or 0) for v in values), strict=True)))
            for tenant, kind, level, *values in session.execute(sums_on(as_of))]


def _rows(tenant: str, entries: dict, table=TABLE, counters: tuple[str, ...] = COUNTERS) -> list[dict]:
    """The entries as rows of `table`: its key after the province is the entries' key (grain, period, group)."""
    keys = [column.name for column in table.primary_key.columns if column.name != "tenant_id"]
    return [{"tenant_id": tenant, **dict(zip(keys, key, strict=True)), **dict(zip(counters, change, strict=True))}
            for key, change in entries.items()]


def completions(records: Iterable) -> dict[int, date | None]:
    """Year -> the day its upkeep was complete, as the newest record of the year says (the reference's order:
    recorded_at with the unrecorded last, then record id)."""
    ordered = sorted((r for r in records if r.year is not None),
                     key=lambda r: (r.recorded_at is None, r.recorded_at or 0, r.record_id))
    return {r.year: r.upkeep_completed_on for r in ordered}


def certified(certificates: Iterable) -> dict:
    found = defaultdict(list)
    for certificate in certificates:
        if certificate.officer_id is not None and ledger.qualifies(certificate):
            found[certificate.officer_id].append(certificate.issued_on)
    return found


def _in_version_order(statuses: Iterable) -> list:
    return sorted(statuses, key=lambda s: (s.version, str(s.quality_system_id)))


# The backfill: every province's ledger from its read models, on a connection that reads them all.


def backfill(connection: Connection, tenants: Iterable[str] | None = None) -> int:
    """Fill the (empty) ledger from the detailed read models of `tenants` (default: every province the
    connection reads); returns the entries written. A migration opens the connection across provinces first."""
    tenants = tenants if tenants is not None else _provinces(connection, AgencyView)
    return _filled(connection, tenants, entries_from_rows, TABLE, COUNTERS)


def _filled(connection: Connection, tenants: Iterable[str], entries_of, table, counters: tuple[str, ...]) -> int:
    """Each province's entries (`entries_of(connection, tenant)`) written to the ledger `table`; returns how many."""
    written = 0
    for tenant in tenants:
        rows = _rows(tenant, entries_of(connection, tenant), table, counters)
        if rows:
            connection.execute(table.insert(), rows)
        written += len(rows)
    return written


def entries_from_rows(connection: Connection, tenant: str) -> dict:
    """The province's ledger entries computed afresh from its detailed read models."""
    return ledger.summed_entries(ledger.contribution(h) for h in _histories(connection, tenant))


def _provinces(connection: Connection, view) -> list[str]:
    return list(connection.scalars(select(view.tenant_id).distinct().order_by(view.tenant_id)))


def _histories(connection: Connection, tenant: str) -> list[History]:
    """The province's agencies' histories, from a handful of queries."""
    def rows(view, *where):
        return list(connection.execute(select(view.__table__).where(view.__table__.c.tenant_id == tenant, *where)))
    agencies = rows(AgencyView)
    return list(_assembled([a.agency_id for a in agencies], agencies, rows(StatusView), rows(MaintenanceView),
                           rows(OfficerView, OfficerView.__table__.c.role == OfficerRole.THU_KY_ISO),
                           rows(CertificateView)).values())


def backfill_recommendations(connection: Connection, tenants: Iterable[str] | None = None) -> int:
    """Fill the (empty) recommendations' ledger from the read model of `tenants` (default: every province with a
    recommendation the connection reads); returns the entries written."""
    tenants = tenants if tenants is not None else _provinces(connection, RecommendationView)
    return _filled(connection, tenants, recommendation_entries_from_rows, RECOMMENDATIONS,
                   recommendation_ledger.COUNTERS)


def recommendation_entries_from_rows(connection: Connection, tenant: str) -> dict:
    """The province's recommendations' ledger entries computed afresh from its read model."""
    view = RecommendationView.__table__
    found = connection.execute(select(view).where(view.c.tenant_id == tenant))
    return ledger.summed_entries(recommendation_ledger.contribution(row) for row in found)
