"""An API process starts without the Kafka client or the document libraries: they are loaded where used.

Each service's app is built the way `python -m <service> api` builds it, in a fresh interpreter, and the modules it
loaded are listed.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kit.service import service_names

HEAVY = ("kafka", "openpyxl", "docx", "reportlab")
BUILD = """
import json, sys
from kit import db
from kit.service import load
service = load(sys.argv[1])
service.api_app(service.runtime(db.make_engine("sqlite://")), None)
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


@pytest.mark.parametrize("name", service_names())
def test_building_the_api_app_loads_no_kafka_client_and_no_document_library(name):
    done = subprocess.run([sys.executable, "-c", BUILD, name], capture_output=True, text=True, check=True)

    loaded = set(json.loads(done.stdout))

    assert "flask" in loaded and not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
