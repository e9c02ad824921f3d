"""The notifications service on a real, migrated PostgreSQL database, with a Flask test client and test tokens,
and a real SMTP server (aiosmtpd) in a process of its own, counting what it received."""

from __future__ import annotations

import contextlib
import email
import email.policy
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from contracts import registry as events
from notifications import consumers
from notifications.services.smtp import SmtpMailer, SmtpSettings
from tests.support.service import service_fixtures

API = "/api/v1/notifications"
ROOT = Path(__file__).resolve().parents[2]

under_test, runtime, app, client = service_fixtures("notifications")


@dataclass
class SmtpServer:
    port: int
    folder: Path

    def messages(self, to: str | None = None) -> list[EmailMessage]:
        found = []
        for path in sorted(self.folder.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if to is None or to in message.get_all("X-Envelope-To", []):
                found.append(message)
        return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def smtp_recorder(folder: Path) -> Iterator[SmtpServer]:
    """The Recorder (tests/notifications/smtp_sink.py) in an aiosmtpd process of its own on a free port, keeping
    its messages in `folder`; stopped on the way out."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c",
         "tests.notifications.smtp_sink.Recorder", str(folder)], cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"aiosmtpd did not start: {process.stderr.read().decode()}") from None
                time.sleep(0.1)
        yield SmtpServer(port, folder)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def smtp_server(tmp_path_factory):
    with smtp_recorder(tmp_path_factory.mktemp("smtp")) as server:
        yield server


@pytest.fixture
def mailer(smtp_server) -> SmtpMailer:
    return SmtpMailer(SmtpSettings(host="127.0.0.1", port=smtp_server.port, starttls=False, timeout=10))


def apply(runtime, tenant: str, event) -> None:
    """Apply one registry event as the consumer does (its handler, in the event's province)."""
    consumers.HANDLERS[type(event)](runtime.uow(tenant), event)


def applying_agency(runtime, tenant: str, *, name: str = "Sở Tư pháp", secretary: str | None = None,
                    status: str = "DA_CONG_BO") -> uuid.UUID:
    """An agency whose quality system is in use, with an ISO secretary at `secretary` (an e-mail) if given."""
    agency_id = uuid.uuid4()
    now = datetime(2026, 1, 5, 2, 0)
    apply(runtime, tenant, events.AgencyRegistered(agency_id=agency_id, version=1, name=name, agency_type="SO",
                                                   registered_at=now))
    apply(runtime, tenant, events.QualitySystemStatusChanged(
        quality_system_id=uuid.uuid4(), agency_id=agency_id, version=1, status=status,
        standard_version="TCVN_ISO_9001_2015", changed_on=date(2026, 1, 5), changed_at=now))
    if secretary:
        appoint(runtime, tenant, agency_id, secretary)
    return agency_id


def appoint(runtime, tenant: str, agency_id: uuid.UUID, address: str | None, *,
            role: str = "THU_KY_ISO") -> uuid.UUID:
    officer_id = uuid.uuid4()
    apply(runtime, tenant, events.OfficerAppointed(
        officer_id=officer_id, agency_id=agency_id, role=role, full_name="Nguyễn Thị Lan",
        appointed_on=date(2026, 1, 5), appointed_at=datetime(2026, 1, 5, 2, 0), email=address))
    return officer_id


def record_activity(runtime, tenant: str, agency_id: uuid.UUID, activity_type: str, *, year: int = 2026,
                    completed: date | None = None) -> None:
    apply(runtime, tenant, events.MaintenanceRecorded(
        record_id=uuid.uuid4(), quality_system_id=uuid.uuid4(), agency_id=agency_id, year=year,
        activity_type=activity_type, activity_date=date(year, 6, 1), recorded_at=datetime(year, 6, 2),
        upkeep_completed_on=completed))


def address(tenant: str, local: str = "thuky") -> str:
    """An address no other test writes to (the SMTP server is shared by the session)."""
    return f"{local}.{tenant}@so.example.vn"
