"""Issue 20, the gateway as it is served (kit.serve's gunicorn, as `python -m gateway embedded|api` runs it), over a
stub service: slow clients do not make it unresponsive, and an over-long request target or header is answered by
the gateway (problem+json with the security headers), not by gunicorn's HTML page."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from localinfra._proc import free_port, port_accepts

READ_TIMEOUT = 3  # REQUEST_READ_TIMEOUT_SECONDS for the served gateway: short, so that the test is
SERVE = """
import sys
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import Flask, jsonify
from gateway.app import create_app
from gateway.devauth import DevIssuer
from gateway.proxy import WsgiUpstream
from kit import auth, serve

def load():
    stub = Flask("stub")
    stub.add_url_rule("/api/v1/echo/<path:rest>", "echo", lambda rest: jsonify(path=rest))
    issuer = DevIssuer(rsa.generate_private_key(public_exponent=65537, key_size=2048), issuer="i", audience="a")
    verifier = auth.TokenVerifier(auth.AuthSettings(issuer="i", audience="a", jwks=issuer.jwks()))
    return create_app({"echo": WsgiUpstream(stub)}, verifier, None)

serve.run_gunicorn(load, bind=sys.argv[1], workers=1, threads=2, service="test", log_format="text")
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    port = free_port()
    script = Path(tmp_path_factory.mktemp("served")) / "serve.py"
    script.write_text(SERVE)
    env = {**os.environ, "REQUEST_READ_TIMEOUT_SECONDS": str(READ_TIMEOUT)}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    process = subprocess.Popen([sys.executable, str(script), f"127.0.0.1:{port}"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not port_accepts(port) and time.monotonic() < deadline:
        time.sleep(0.2)
    yield f"http://127.0.0.1:{port}", port
    process.terminate()
    process.wait(timeout=30)


def test_8_slow_connections_do_not_make_the_server_unresponsive(served):
    url, port = served
    slow = []
    for _ in range(8):  # each sends a request line and then nothing: four times the threads there are
        connection = socket.create_connection(("127.0.0.1", port))
        connection.sendall(b"GET /livez HTTP/1.1\r\nHost: x\r\n")
        slow.append(connection)
    time.sleep(0.5)

    started = time.monotonic()
    answers = [requests.get(f"{url}/livez", timeout=READ_TIMEOUT * 3).status_code for _ in range(3)]
    elapsed = time.monotonic() - started
    for connection in slow:
        connection.close()

    assert answers == [200, 200, 200] and elapsed < READ_TIMEOUT


def test_a_slow_client_is_closed_after_the_read_timeout(served):
    _, port = served
    connection = socket.create_connection(("127.0.0.1", port))
    connection.settimeout(READ_TIMEOUT * 4)
    connection.sendall(b"GET /livez HTTP/1.1\r\n")

    started = time.monotonic()
    try:
        received = connection.recv(100)
    except ConnectionResetError:
        received = b""
    connection.close()

    assert received == b"" and time.monotonic() - started < READ_TIMEOUT * 3


@pytest.mark.parametrize(("request_", "status"), [
    ({"path": "/api/v1/echo/" + "a" * 5000}, 414),
    ({"path": "/livez", "headers": {"X-Long": "b" * 9000}}, 431),
], ids=["request target", "header"])
def test_an_over_long_request_target_or_header_is_a_problem_with_the_security_headers(served, request_, status):
    url, _ = served

    response = requests.get(url + request_["path"], headers=request_.get("headers"), timeout=10)

    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
