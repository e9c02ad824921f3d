"""`make run` from a clean checkout: the embedded single process answers, serves the demo users (the notifications
service with them), says when the demo is ready, and its log is one readable line per event with no warning or
error in it.

The demo of one province and its successor (`DEMO_PROVINCES=thai-binh`, with Hưng Yên): the same code as the whole
demo, whose figures the distributed demo test checks (tests/e2e/test_demo_figures.py), in a fraction of its time."""

from __future__ import annotations

import os
import re
import signal
import subprocess
from pathlib import Path

import requests

from localinfra.topology import free_port, wait_http
from tests.e2e.conftest import eventually

ROOT = Path(__file__).resolve().parents[2]
# `23:00:51 registry.demo: demo provinces ready: 468 agencies added`: time, logger, message, and no level (INFO).
INFO_LINE = re.compile(r"^\d\d:\d\d:\d\d [\w.]+: ")
BANNERS = ("DEV_LOGIN=1 ", "ISO-HCC embedded mode on http://")


def test_make_run_serves_the_gateway_and_the_registry_with_demo_data(tmp_path):
    port = free_port()
    env = {**os.environ, "PORT": str(port), "DEV_LOGIN": "1", "VAR_DIR": str(tmp_path / "var"),
           "DEV_SIGNING_KEY": str(tmp_path / "var" / "dev-key.pem"), "DEMO_PROVINCES": "thai-binh"}
    with open(tmp_path / "embedded.log", "wb") as log:
        process = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}/livez", log=tmp_path / "embedded.log")
        # Thái Bình merges into Hưng Yên in the demo (1/7/2025): Hưng Yên's admin registers, Thái Bình's reads
        login = requests.post(f"{base}/auth/dev-token", json={"username": "hung-yen.admin"}, timeout=10).json()
        headers = {"Authorization": f"Bearer {login['access_token']}"}
        reader = requests.post(f"{base}/auth/dev-token", json={"username": "thai-binh.officer"}, timeout=10).json()

        created = requests.post(f"{base}/api/v1/registry/agencies", headers=headers, timeout=10,
                                json={"name": "Sở Văn hóa, Thể thao và Du lịch", "agency_type": "SO",
                                      "valid_from": "2026-01-01"})
        fetched = requests.get(f"{base}/api/v1/registry/agencies/{created.json()['id']}", headers=headers,
                               timeout=10)
        eventually(lambda: "gateway.embedded: demo ready in " in log_of(tmp_path), timeout=300)
        figures = requests.get(f"{base}/api/v1/reporting/figures?as_of=2020-12-31&from=2016-01-01", timeout=10,
                               headers={"Authorization": f"Bearer {reader['access_token']}"}).json()
        successor = requests.get(f"{base}/api/v1/reporting/figures?as_of=2025-07-01&from=2025-01-01",
                                 headers=headers, timeout=10).json()
        # the notifications service runs too, its consumer fed by the registry's demo events: Hưng Yên's applying
        # agencies owe this year's upkeep by the province's deadline (30/11 unless the province set another)
        deadlines = eventually(lambda: requests.get(f"{base}/api/v1/notifications/deadlines", headers=headers,
                                                    timeout=10).json() or None, timeout=120)
        lines = log_of(tmp_path).splitlines()  # before the shutdown, whose lines are `make`'s and gunicorn's

        assert login["token_type"] == "Bearer" and login["expires_in"] > 0
        assert created.status_code == 201
        assert fetched.json()["name"] == "Sở Văn hóa, Thể thao và Du lịch"
        # Thái Bình's 41 agencies (UBND tỉnh, 20 Sở, 8 UBND huyện, 12 Chi cục), all mandatory, all applying
        assert (figures["total"], figures["applying"]) == (41, 41)
        assert figures["obliged_share"]["label"] == "41 of 41, 100%"
        # on 1/7/2025 the 33 that continued (not the 8 district committees) are Hưng Yên's, still applying
        assert (successor["total"], successor["applying"]) == (33, 33)
        assert {d["deadline"][5:] for d in deadlines} == {"11-30"} and all(d["agency_name"] for d in deadlines)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    progress = [line for line in lines if ".demo: demo " in line]
    assert [line for line in lines if not line.startswith(BANNERS) and not INFO_LINE.match(line)] == []
    assert len(progress) >= 6  # a line per service and province, then each service's totals


def log_of(tmp_path: Path) -> str:
    return (tmp_path / "embedded.log").read_text(errors="replace")
