"""An API process starts without the Kafka client or the document libraries: they are loaded where used.

Each app is built the way `python -m <service> api` (kit.cli) and `python -m gateway api` build it for gunicorn, in a
fresh interpreter, and the modules it loaded are listed.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kit.service import service_names

# kafka-python, the spreadsheet, Word and PDF libraries (kit.pdf uses reportlab) and a PDF signer, if one comes.
HEAVY = ("kafka", "openpyxl", "docx", "reportlab", "pyhanko", "weasyprint", "fpdf")
VERIFIER = 'auth.TokenVerifier(auth.AuthSettings(issuer="i", audience="a", jwks={"keys": []}))'
SERVICE = f"""
import json, sys
import kit.cli, kit.serve
from kit import auth, db
from kit.service import load
service = load(sys.argv[1])
service.api_app(service.runtime(db.make_engine("sqlite://")), {VERIFIER})
print(json.dumps(sorted({{name.split(".")[0] for name in sys.modules}})))
"""
GATEWAY = f"""
import json, sys
from gateway import __main__ as main, web
from gateway.app import create_app
from gateway.config import Settings
from gateway.proxy import HttpUpstream
from kit import auth
from kit.service import service_names
settings = Settings(upstreams={{name: "http://127.0.0.1:9" for name in service_names()}})
upstreams = {{name: HttpUpstream(url) for name, url in settings.upstreams.items()}}
app = create_app(upstreams, {VERIFIER}, None, settings.max_body_bytes, main.edge_policy(settings))
web.configure(app, settings)
print(json.dumps(sorted({{name.split(".")[0] for name in sys.modules}})))
"""


def loaded(script: str, *args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout))


@pytest.mark.parametrize("name", service_names())
def test_building_the_api_app_loads_no_kafka_client_and_no_document_library(name):
    modules = loaded(SERVICE, name)

    assert "flask" in modules and not modules & set(HEAVY), sorted(modules & set(HEAVY))


def test_building_the_gateway_loads_no_kafka_client_no_document_library_and_not_requests():
    modules = loaded(GATEWAY)

    assert "flask" in modules and "urllib3" in modules
    assert not modules & {*HEAVY, "requests"}, sorted(modules & {*HEAVY, "requests"})
