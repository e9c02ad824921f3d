"""`python -m notifications scheduler` as the process kind it is: two replicas on the same database, one leads
(the advisory lock), the e-mail reaches the SMTP server once; when the leader stops, the other takes over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kit import calendar
from notifications.services import settings
from tests.notifications.conftest import ROOT, address, applying_agency

LEADING = "scheduler: leading"


def scheduler(runtime, smtp_server, log: Path) -> subprocess.Popen:
    environment = {**os.environ, "DATABASE_URL": runtime.engine.url.render_as_string(hide_password=False),
                   "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_server.port), "SMTP_STARTTLS": "0",
                   "SCHEDULER_INTERVAL_SECONDS": "1", "LOG_FORMAT": "text"}
    with log.open("w") as stderr:
        return subprocess.Popen([sys.executable, "-m", "notifications", "scheduler"], cwd=ROOT, env=environment,
                                stdout=subprocess.DEVNULL, stderr=stderr)


def wait_for(check, seconds: float = 40) -> bool:
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:
        time.sleep(0.2)
    return check()


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_two_scheduler_processes_send_once_and_the_other_takes_over(runtime, tenant, smtp_server, tmp_path):
    today = calendar.today()  # the processes run on the real clock: the deadline is today, a 0-day reminder
    settings.change(runtime.uow(tenant), {"deadline_month": today.month, "deadline_day": today.day,
                                          "lead_days": [0], "send_hour": 0}, expected=0)
    first_secretary, second_secretary = address(tenant, "first"), address(tenant, "second")
    applying_agency(runtime, tenant, secretary=first_secretary)
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    processes = [scheduler(runtime, smtp_server, log) for log in logs]
    try:
        assert wait_for(lambda: len(smtp_server.messages(first_secretary)) >= 1)
        time.sleep(3)  # three more passes of each
        leading = [LEADING in log.read_text() for log in logs]
        assert sorted(leading) == [False, True], [log.read_text() for log in logs]
        leader = leading.index(True)

        stop(processes[leader])
        applying_agency(runtime, tenant, secretary=second_secretary)

        assert wait_for(lambda: len(smtp_server.messages(second_secretary)) >= 1)
        assert LEADING in logs[1 - leader].read_text()
    finally:
        for process in processes:
            stop(process)
    assert len(smtp_server.messages(first_secretary)) == 1
    assert len(smtp_server.messages(second_secretary)) == 1
