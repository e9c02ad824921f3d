"""The footprint's memory readings, on processes of this test: a server's master and its largest worker apart,
and any other process with its descendants, as proportional set sizes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from bench.footprint import _children, _pss, _sizes

# A parent that starts two children holding 0 and 40 MiB, as a gunicorn master starts its workers.
FAMILY = """
import subprocess, sys, time
for size in (0, 40):
    subprocess.Popen([sys.executable, "-c", f"b = bytearray({size} * 2**20); import time; time.sleep(60)"])
time.sleep(60)
"""
MIB = 2**20


def test_a_server_shows_its_master_and_its_largest_worker_and_others_their_whole_tree():
    family = subprocess.Popen([sys.executable, "-c", FAMILY])
    try:
        deadline = time.monotonic() + 30
        while (sizes := _sizes({"demo-api": family.pid}))["demo API worker"] < 40 * MIB:
            assert time.monotonic() < deadline, sizes
            time.sleep(0.1)
        tree = _sizes({"demo-relay": family.pid})

        assert set(sizes) == {"demo API master", "demo API worker"}
        assert 0 < sizes["demo API master"] < 40 * MIB
        assert 40 * MIB <= sizes["demo API worker"] < 80 * MIB
        assert tree["demo-relay"] >= sizes["demo API master"] + sizes["demo API worker"]
    finally:
        for child in _children(family.pid):
            os.kill(child, signal.SIGKILL)
        family.kill()
        family.wait()


def test_a_process_gone_weighs_nothing():
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()

    assert _pss(gone.pid) == 0
