"""`make run` from a clean checkout: the embedded single process answers and serves the demo users."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import requests

from localinfra.topology import free_port, wait_http

ROOT = Path(__file__).resolve().parents[2]


def test_make_run_serves_the_gateway_and_the_registry_with_demo_data(tmp_path):
    port = free_port()
    env = {**os.environ, "PORT": str(port), "DEV_LOGIN": "1", "VAR_DIR": str(tmp_path / "var"),
           "DEV_SIGNING_KEY": str(tmp_path / "var" / "dev-key.pem")}
    with open(tmp_path / "embedded.log", "wb") as log:
        process = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}/livez", log=tmp_path / "embedded.log")
        login = requests.post(f"{base}/auth/dev-token", json={"username": "an-giang.admin"}, timeout=10).json()
        headers = {"Authorization": f"Bearer {login['access_token']}"}

        created = requests.post(f"{base}/api/v1/registry/agencies", headers=headers, timeout=10,
                                json={"name": "Sở Văn hóa, Thể thao và Du lịch", "agency_type": "SO"})
        fetched = requests.get(f"{base}/api/v1/registry/agencies/{created.json()['id']}", headers=headers,
                               timeout=10)
        demo = requests.get(f"{base}/api/v1/registry/agencies", headers=headers, timeout=10).json()

        assert login["token_type"] == "Bearer" and login["expires_in"] > 0
        assert created.status_code == 201
        assert fetched.json()["name"] == "Sở Văn hóa, Thể thao và Du lịch"
        assert demo["total"] >= 5
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
