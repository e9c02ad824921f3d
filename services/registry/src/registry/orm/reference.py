"""Law as data: legal bases, obligation rules, standard versions, activity types, settings, administrative
units and their 2025 successions. Platform-wide reference data (not tenant-scoped), editable by an admin."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Uuid, true
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import UtcDateTime
from kit.tenancy import TenantScoped
from registry.orm.base import Base


class LegalBasis(Base):
    __tablename__ = "legal_bases"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    document: Mapped[str] = mapped_column(String(100))
    article: Mapped[str | None] = mapped_column(String(40))
    clause: Mapped[str | None] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(String(500))
    verification: Mapped[str] = mapped_column(String(16))


class ObligationRule(Base):
    """The default obligation of an agency type under QĐ 19/2014 Điều 2 (DOMAIN.md 6.4)."""

    __tablename__ = "obligation_rules"

    agency_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    obligation: Mapped[str] = mapped_column(String(32))
    legal_basis_code: Mapped[str] = mapped_column(String(40), ForeignKey("legal_bases.code"))
    verification: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # raised on every correction


class StandardVersion(Base):
    __tablename__ = "standard_versions"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    new_builds_until: Mapped[date | None] = mapped_column(Date)
    transition_deadline: Mapped[date | None] = mapped_column(Date)
    legal_basis_code: Mapped[str] = mapped_column(String(40), ForeignKey("legal_bases.code"))


class MaintenanceActivityType(Base):
    __tablename__ = "maintenance_activity_types"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    required_yearly: Mapped[bool] = mapped_column(Boolean, default=False)
    legal_basis_code: Mapped[str] = mapped_column(String(40), ForeignKey("legal_bases.code"))


class DefaultSetting(Base):
    """A platform default (e.g. the yearly maintenance deadline 30/11) with its basis; tenants may override."""

    __tablename__ = "default_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    legal_basis_code: Mapped[str] = mapped_column(String(40), ForeignKey("legal_bases.code"))


class TenantSetting(TenantScoped, Base):
    __tablename__ = "tenant_settings"

    key: Mapped[str] = mapped_column(String(60), ForeignKey("default_settings.key"), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # raised on every change


class AdministrativeUnit(Base):
    """A province, district (legacy) or commune under one code scheme, valid over a period. `source` names the
    package the row was loaded from (`reference_sources`); None for a row typed by a migration or an admin."""

    __tablename__ = "administrative_units"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    scheme: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(8), index=True)
    level: Mapped[str] = mapped_column(String(8))
    unit_type: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    parent_code: Mapped[str | None] = mapped_column(String(8), index=True)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    tenant_id: Mapped[str | None] = mapped_column(String(64), index=True)
    legal_basis_code: Mapped[str] = mapped_column(String(40), ForeignKey("legal_bases.code"))
    source: Mapped[str | None] = mapped_column(String(40), ForeignKey("reference_sources.name"))


class UnitSuccession(Base):
    """Where a unit's territory went on `effective_date`: MERGED_INTO (all of it, into one unit), DIVIDED_INTO (a
    part, one row per new unit) or LEVEL_ABOLISHED (a district, into its province). `is_default` marks the one
    successor to take when an old code must become one code in force (a divided commune's main part)."""

    __tablename__ = "unit_successions"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    from_scheme: Mapped[str] = mapped_column(String(16))
    from_code: Mapped[str] = mapped_column(String(8), index=True)
    to_scheme: Mapped[str] = mapped_column(String(16))
    to_code: Mapped[str] = mapped_column(String(8), index=True)
    event_type: Mapped[str] = mapped_column(String(16))
    effective_date: Mapped[date] = mapped_column(Date)
    legal_basis_code: Mapped[str] = mapped_column(String(40), ForeignKey("legal_bases.code"))
    is_default: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    source: Mapped[str | None] = mapped_column(String(40), ForeignKey("reference_sources.name"))


class ReferenceSource(Base):
    """A package the reference was loaded from: its version, when, and how many rows it gave (docs/adr/0015)."""

    __tablename__ = "reference_sources"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[str] = mapped_column(String(40))
    provides: Mapped[str] = mapped_column(String(300))
    row_count: Mapped[int] = mapped_column(Integer)
    loaded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    notes: Mapped[str | None] = mapped_column(String(500))
