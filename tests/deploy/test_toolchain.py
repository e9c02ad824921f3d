"""What `make k8s-check` needs before it can check anything: a Go recent enough to install kustomize
(localinfra.golang), the CRD schemas (K8S_CRDS), and apt-get that waits for the locks of another program
(localinfra.debian). Each failure is one line saying what is missing.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from localinfra import InfraError, debian, golang
from tests.conftest import ROOT


def _load_k8s_check():
    if "k8s_check" in sys.modules:
        return sys.modules["k8s_check"]
    spec = importlib.util.spec_from_file_location("k8s_check", ROOT / "tools" / "k8s_check.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["k8s_check"] = module
    spec.loader.exec_module(module)
    return module


k8s_check = _load_k8s_check()


# -- Go versions ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("found", "expected"), [
    ("go1.19.8", False),              # Debian bookworm's golang-go
    ("go1.22.6", False),
    ("go1.22", False),                # 1.22.0
    ("go1.22.7", True),
    ("go1.22.7 X:boringcrypto", True),
    ("go1.23rc1", True),
    ("go1.26.8", True),
    ("go2.0.0", True),
    ("devel go1.25-1a2b3c4 Tue Jan 7 10:00:00 2025 +0000", True),
    ("", False),
    ("not a version", False),
])
def test_a_go_version_is_compared_with_the_minimum_as_numbers(found, expected):
    assert golang.version_at_least(found, "1.22.7") is expected


def test_a_release_candidate_comes_before_its_release():
    assert not golang.version_at_least("go1.21rc2", "1.21.0")
    assert golang.version_at_least("go1.21.0", "go1.21rc2")
    assert golang.version_at_least("go1.10.0", "1.9.5")  # numbers, not strings


def test_the_minimum_must_be_a_version():
    with pytest.raises(ValueError):
        golang.version_at_least("go1.22.7", "latest")


def test_the_toolchain_module_version_names_the_release_and_the_platform():
    assert golang.toolchain_module_version("1.22.7", "linux", "amd64") == "v0.0.1-go1.22.7.linux-amd64"
    assert golang.toolchain_module_version("go1.23.4", "darwin", "arm64") == "v0.0.1-go1.23.4.darwin-arm64"


@pytest.mark.skipif(not (sys.platform == "linux" and platform.machine() == "x86_64"), reason="linux/amd64 only")
def test_the_toolchain_module_version_of_this_linux_amd64_machine():
    assert golang.toolchain_module_version("1.22.7") == "v0.0.1-go1.22.7.linux-amd64"


@pytest.mark.skipif(shutil.which("go") is None, reason="no go on PATH to compare with")
def test_the_platform_is_the_one_go_itself_runs_on():
    done = subprocess.run(["go", "env", "GOHOSTOS", "GOHOSTARCH"], capture_output=True, text=True, check=True)

    assert golang.go_platform() == tuple(done.stdout.split())


# -- choosing a go -------------------------------------------------------------------------------------------

def fake_go(path: Path, version: str) -> Path:
    """A `go` that answers `go env GOVERSION` with VERSION."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho {version}\n")
    path.chmod(0o755)
    return path


def test_a_recent_enough_go_on_path_is_used(tmp_path, monkeypatch):
    go = fake_go(tmp_path / "bin" / "go", "go1.24.2")
    monkeypatch.setenv("PATH", str(go.parent))

    assert golang.ensure_go("1.22.7", cache=tmp_path / "cache") == str(go)
    assert not (tmp_path / "cache").exists()


def test_an_older_go_on_path_gives_way_to_the_release_fetched_before(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(fake_go(tmp_path / "old" / "go", "go1.19.8").parent))
    home = tmp_path / "cache" / "mod" / "golang.org" / f"toolchain@{golang.toolchain_module_version('1.22.7')}"
    cached = fake_go(home / "bin" / "go", "go1.22.7")

    assert golang.ensure_go("1.22.7", cache=tmp_path / "cache") == str(cached)


def test_the_fetched_toolchain_is_made_runnable(tmp_path):
    home = tmp_path / "toolchain"
    for name in ("bin/go", "bin/gofmt", "pkg/tool/linux_amd64/compile", "src/_go.mod", "src/cmd/_go.mod"):
        (home / name).parent.mkdir(parents=True, exist_ok=True)
        (home / name).write_text("module std\n" if name.endswith("_go.mod") else "binary")
        (home / name).chmod(0o444)  # as the module cache unpacks a zip

    golang._unpack(home)

    for name in ("bin/go", "bin/gofmt", "pkg/tool/linux_amd64/compile"):
        assert os.access(home / name, os.X_OK), name
    assert (home / "src" / "go.mod").read_text() == "module std\n"
    assert (home / "src" / "cmd" / "go.mod").exists()
    assert not stat.S_IMODE((home / "src" / "go.mod").stat().st_mode) & 0o111


def test_without_go_and_without_root_the_error_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(golang, "DEBIAN_GO", tmp_path / "usr" / "bin" / "go")
    monkeypatch.setattr(debian.os, "geteuid", lambda: 1000)

    with pytest.raises(InfraError) as raised:
        golang.ensure_go("1.22.7", cache=tmp_path / "cache")

    message = str(raised.value)
    assert "\n" not in message
    assert "no `go` on PATH" in message and "apt-get install -y golang-go" in message


# -- k8s_check's settings and its one-line errors -----------------------------------------------------------

def test_the_crds_are_beside_the_repository_by_default(monkeypatch):
    monkeypatch.delenv("K8S_CRDS", raising=False)

    assert k8s_check.crds_dir() == ROOT.parent / "shared" / "k8s-crds"


def test_a_missing_crd_directory_is_one_line_naming_the_setting_and_what_it_holds(tmp_path, monkeypatch):
    monkeypatch.setenv("K8S_CRDS", str(tmp_path / "nonexistent"))

    with pytest.raises(k8s_check.CheckError) as raised:
        k8s_check.crd_schemas()

    message = str(raised.value)
    assert "\n" not in message
    assert "K8S_CRDS" in message and str(tmp_path / "nonexistent") in message
    for project in ("Strimzi", "CloudNativePG", "Prometheus operator", "KEDA", "one YAML file per CRD"):
        assert project in message


def test_a_crd_directory_without_crds_is_refused(tmp_path, monkeypatch):
    (tmp_path / "notes.yaml").write_text("kind: ConfigMap\n")
    monkeypatch.setenv("K8S_CRDS", str(tmp_path))

    with pytest.raises(k8s_check.CheckError, match="K8S_CRDS"):
        k8s_check.crd_schemas()


def test_main_prints_a_check_error_as_one_line_and_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("K8S_CRDS", str(tmp_path / "nonexistent"))

    assert k8s_check.main() == 2

    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith("k8s-check: ") and "K8S_CRDS" in line


def test_kustomize_setting_must_name_an_executable(tmp_path, monkeypatch):
    monkeypatch.setenv("KUSTOMIZE", str(tmp_path / "no-kustomize"))

    with pytest.raises(k8s_check.CheckError, match="KUSTOMIZE="):
        k8s_check.kustomize()


def test_no_go_to_install_kustomize_with_is_one_line(tmp_path, monkeypatch):
    monkeypatch.delenv("KUSTOMIZE", raising=False)
    monkeypatch.setattr(k8s_check, "KUSTOMIZE_CACHE", tmp_path / "bin")

    def no_go(minimum, cache):
        raise InfraError("apt-get install golang-go failed (exit 100): apt-get install golang-go\nE: no network")

    monkeypatch.setattr(k8s_check.golang, "ensure_go", no_go)

    with pytest.raises(k8s_check.CheckError) as raised:
        k8s_check.kustomize()

    message = k8s_check.one_line(raised.value)
    assert message == str(raised.value)
    assert "Go >= 1.22.7" in message and "E: no network" in message and "KUSTOMIZE" in message


# -- apt-get waits for the locks -------------------------------------------------------------------------------

@pytest.fixture
def apt_calls(monkeypatch):
    """The argv of every apt-get that apt_install runs, as root on a machine with apt-get (nothing runs)."""
    calls: list[list[str]] = []

    def run_checked(argv, what, **kwargs):
        calls.append(argv)
        return ""

    monkeypatch.setattr(debian, "run_checked", run_checked)
    monkeypatch.setattr(debian.os, "geteuid", lambda: 0)
    monkeypatch.setattr(debian.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.delenv("APT_LOCK_TIMEOUT", raising=False)
    return calls


def test_apt_get_waits_600_s_for_the_dpkg_lock_by_default(apt_calls, capsys):
    debian.apt_install("golang-go")

    assert apt_calls == [
        ["apt-get", "-o", "DPkg::Lock::Timeout=600", "update"],
        ["apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "--no-install-recommends", "golang-go"],
    ]
    said = capsys.readouterr().err
    assert "golang-go" in said and "600 s" in said and "APT_LOCK_TIMEOUT" in said


def test_the_lock_timeout_is_a_setting(apt_calls, monkeypatch):
    monkeypatch.setenv("APT_LOCK_TIMEOUT", "42")

    debian.apt_install("redis-server")

    assert [argv[1:3] for argv in apt_calls] == [["-o", "DPkg::Lock::Timeout=42"]] * 2


def test_a_lock_timeout_that_is_no_number_is_refused(apt_calls, monkeypatch):
    monkeypatch.setenv("APT_LOCK_TIMEOUT", "ten minutes")

    with pytest.raises(InfraError, match="APT_LOCK_TIMEOUT"):
        debian.apt_install("redis-server")
    assert apt_calls == []


LISTS_HELD = ("apt-get update failed (exit 100): apt-get update\n"
              "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)\n"
              "E: Unable to lock directory /var/lib/apt/lists/")


def test_apt_get_tries_again_while_another_program_holds_the_lists_lock(apt_calls, monkeypatch):
    """apt 2.6 waits for dpkg's lock, but not for the package lists' one: apt_install tries again."""
    failures = [InfraError(LISTS_HELD)]
    recorded = debian.run_checked

    def run_checked(argv, what, **kwargs):
        recorded(argv, what)
        if failures:
            raise failures.pop()
        return ""

    monkeypatch.setattr(debian, "run_checked", run_checked)
    monkeypatch.setattr(debian.time, "sleep", lambda seconds: None)

    debian.apt_install("golang-go")

    assert [argv[3] for argv in apt_calls] == ["update", "update", "install"]


def test_apt_get_gives_up_on_the_lock_after_the_timeout_in_one_line(apt_calls, monkeypatch):
    monkeypatch.setenv("APT_LOCK_TIMEOUT", "0")

    def run_checked(argv, what, **kwargs):
        apt_calls.append(argv)
        raise InfraError(LISTS_HELD)

    monkeypatch.setattr(debian, "run_checked", run_checked)

    with pytest.raises(InfraError) as raised:
        debian.apt_install("golang-go")

    assert len(apt_calls) == 1
    message = str(raised.value)
    assert "\n" not in message and "APT_LOCK_TIMEOUT" in message and "/var/lib/apt/lists/lock" in message


def test_other_apt_get_failures_are_not_tried_again(apt_calls, monkeypatch):
    def run_checked(argv, what, **kwargs):
        apt_calls.append(argv)
        raise InfraError("apt-get install failed (exit 100): apt-get install\nE: Unable to locate package nope")

    monkeypatch.setattr(debian, "run_checked", run_checked)

    with pytest.raises(InfraError, match="Unable to locate package"):
        debian.apt_install("nope")
    assert len(apt_calls) == 1
