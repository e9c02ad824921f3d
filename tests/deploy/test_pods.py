"""The sandbox the manifest test runs each container in (tests/deploy/pods.py) is what a pod gets: its user without
capabilities, a read-only root, writable folders only where a volume is mounted (made if the image lacks them),
and the command as PID 1."""

from __future__ import annotations

import pytest

from tests.deploy import pods

SCRIPT = """
id -u; id -g; grep CapEff /proc/self/status; echo pid $$
touch /var/run/iso-hcc/metrics/x && echo metrics writable
touch /tmp/x && echo tmp writable
touch /etc/iso-hcc-x 2>/dev/null || echo etc read-only
touch /var/run/iso-hcc/other 2>/dev/null || echo beside the mount read-only
mkdir /var/run/iso-hcc/health 2>/dev/null || echo no health folder without its mount
"""


def workload(mounts: list[str]) -> dict:
    container = {"name": "c", "image": "iso-hcc/registry", "command": ["sh", "-c", SCRIPT],
                 "volumeMounts": [{"name": f"v{i}", "mountPath": m} for i, m in enumerate(mounts)],
                 "securityContext": {"readOnlyRootFilesystem": True}}
    return {"kind": "Job", "metadata": {"name": "probe"},
            "spec": {"template": {"metadata": {"labels": {}},
                                  "spec": {"securityContext": {"runAsUser": 10001, "runAsGroup": 10002},
                                           "containers": [container]}}}}


@pytest.fixture
def output(tmp_path) -> list[str]:
    obj = workload(["/tmp", "/var/run/iso-hcc/metrics"])
    container = obj["spec"]["template"]["spec"]["containers"][0]
    pod = pods.Pod(obj, container, pods.argv(container), {"PATH": pods.local_path()}, tmp_path / "probe.log")
    assert pod.start().wait(30) == 0, pod.tail()
    return pod.tail().splitlines()


def test_the_process_runs_as_the_pods_user_without_capabilities_as_pid_1(output):
    assert output[:4] == ["10001", "10002", "CapEff:\t0000000000000000", "pid 1"]


def test_only_the_mounted_folders_are_writable(output):
    assert output[4:] == ["metrics writable", "tmp writable", "etc read-only", "beside the mount read-only",
                          "no health folder without its mount"]


def test_python_is_the_images_under_manifest_image_root_else_the_virtualenvs(tmp_path):
    obj = workload([])
    container = obj["spec"]["template"]["spec"]["containers"][0]
    container["command"] = ["python", "-c", "import sys; print(sys.prefix)"]
    pod = pods.Pod(obj, container, pods.argv(container), {"PATH": pods.local_path(container)}, tmp_path / "py.log")

    assert pod.start().wait(30) == 0, pod.tail()

    expected = "/opt/iso-hcc" if pods.built_image(container) else str(pods.VENV_BIN.parent)
    assert pod.tail().splitlines() == [expected]


def test_kubernetes_expands_only_variables_defined_before():
    env = pods.pod_env({"env": [{"name": "A", "value": "a"}, {"name": "B", "value": "$(A)-$(C)-$$(A)"},
                                {"name": "C", "value": "c"}]}, {}, {}, {})

    assert env["B"] == "a-$(C)-$(A)"
