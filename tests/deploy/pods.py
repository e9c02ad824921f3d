"""Run a container of the rendered manifests as a local process, the way its pod would run it.

What a kubelet gives a container, and what this gives the process:
- the environment: the image's ENV (deploy/docker/Dockerfile), then envFrom ConfigMaps and Secrets, then `env`
  with `$(VAR)` expanded; Secrets come from the test's values (`secrets`), and the cluster's addresses
  (iso-hcc-pg-rw, the Kafka bootstrap, the Services) are pointed at the local PostgreSQL, Kafka, Redis and APIs;
- the filesystem: bubblewrap binds the machine's root read only, and mounts an empty tmpfs (mode 0777, as an
  emptyDir) at each volumeMount: nothing else is writable, as with readOnlyRootFilesystem;
- the user: the pod's runAsUser and runAsGroup, no capabilities (`setpriv` inside the sandbox when the test runs
  as root; else bubblewrap's user namespace maps the test's user to that uid);
- PID 1: the command is PID 1 of its own PID namespace (`--as-pid-1`), so SIGTERM reaches it only if it handles
  it, as in a container.
What stays the machine's: the network (loopback ports instead of Services), the Python of the virtualenv instead
of the image's /opt/iso-hcc (so `python` is the virtualenv's; its interpreter is made reachable for the pod's user
when it sits in a private home, see `interpreter`), and sizes (WEB_CONCURRENCY is lowered to 2).
tests/deploy/test_pods.py shows the sandbox holds: the uid, no capabilities, writes only under the mounts.

With MANIFEST_IMAGE_ROOT=<folder> (`make image-check`, tests/deploy/built_images.py), each of our containers runs
in its built image instead: <folder>/<image>/rootfs is bound read only as `/`, and <folder>/<image>/config.json
gives the image's Env (PATH included), Entrypoint, Cmd and WorkingDir, so `python` is the image's /opt/iso-hcc
one. Third-party containers (redis) keep the machine's root.
"""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import make_url

from localinfra.debian import ensure_bwrap, ensure_redis
from tests.deploy.built_images import built_image, image_name, resolve_in

VENV_BIN = Path(__file__).resolve().parents[2] / ".venv" / "bin"
# What an image's ENTRYPOINT and WORKDIR are, for the containers that give only args (third-party images).
ENTRYPOINTS = {"redis": (ensure_redis, "/data")}
# The cluster's Kafka listener wants TLS and SCRAM (ADR 20); the test broker's is PLAINTEXT, so these go.
KAFKA_SIGN_IN = frozenset({"KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_USERNAME", "KAFKA_PASSWORD",
                           "KAFKA_CA_CERT", "KAFKA_CA_FILE"})
REFERENCE = re.compile(r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


def expand(value: str, env: dict[str, str]) -> str:
    """Kubernetes' `$(VAR)` expansion: a variable defined before is replaced, `$$` is `$`, anything else stays."""
    def one(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        return env.get(match.group(1), match.group(0))
    return REFERENCE.sub(one, value)


def pod_env(container: dict, image_env: dict[str, str], configmaps: dict[str, dict],
            secrets: dict[str, dict]) -> dict[str, str]:
    """The environment the container starts with, as the kubelet builds it."""
    env = dict(image_env)
    for source in container.get("envFrom") or []:
        kind = "configMapRef" if "configMapRef" in source else "secretRef"
        ref, store = source[kind], configmaps if kind == "configMapRef" else secrets
        if ref["name"] not in store and ref.get("optional"):
            continue  # an optional source the cluster does not have adds nothing (e.g. iso-hcc-signing, ADR 30)
        data = store[ref["name"]]
        env.update({source.get("prefix", "") + key: str(value) for key, value in data.items()})
    for item in container.get("env") or []:
        if "value" in item:
            env[item["name"]] = expand(str(item["value"]), env)
            continue
        source = item["valueFrom"]
        if ref := source.get("secretKeyRef"):
            if ref.get("optional") and ref["key"] not in secrets.get(ref["name"], {}):
                continue
            env[item["name"]] = secrets[ref["name"]][ref["key"]]
        elif ref := source.get("configMapKeyRef"):
            env[item["name"]] = str(configmaps[ref["name"]][ref["key"]])
        else:
            raise NotImplementedError(f"env {item['name']}: {source}")
    return env

POOLER_HOST = "iso-hcc-pg-pooler-rw"  # CNPG's PgBouncer (transaction mode): tested on its own, test_rls_pgbouncer.py


@dataclass
class Cluster:
    """Where the cluster's names point locally: `hosts` maps a host name to `127.0.0.1:<port>`, `databases` a
    database name on iso-hcc-pg-rw to the test database's URL (its host, port and name are used)."""

    postgres_host: str
    databases: dict[str, str]
    kafka: str
    hosts: dict[str, str] = field(default_factory=dict)

    def localise(self, env: dict[str, str]) -> dict[str, str]:
        out = {}
        for name, value in env.items():
            if value.startswith("postgresql"):
                url = make_url(value)
                if url.host in (self.postgres_host, POOLER_HOST):
                    local = make_url(self.databases[url.database])
                    # the test server has no TLS: the one setting dropped
                    query = {k: v for k, v in url.query.items() if k != "sslmode"}
                    value = url.set(host=local.host, port=local.port, database=local.database,
                                    query=query).render_as_string(hide_password=False)
            elif name == "KAFKA_BOOTSTRAP_SERVERS":
                value = self.kafka
            elif name in KAFKA_SIGN_IN:  # the test broker's listener is PLAINTEXT: no TLS, no SCRAM user
                continue
            elif "://" in value:
                parts = urlsplit(value)
                if parts.hostname in self.hosts:
                    value = urlunsplit(parts._replace(netloc=self.hosts[parts.hostname]))
            out[name] = value
        return out


@dataclass
class Pod:
    """One container of a workload, started in its sandbox; `ports` are the local ports of its named ports."""

    workload: dict
    container: dict
    argv: list[str]
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None
    pid: int | None = None  # the container's PID 1, seen from the machine

    @property
    def name(self) -> str:
        return f"{self.workload['kind']}/{self.workload['metadata']['name']}"

    @property
    def spec(self) -> dict:
        return template(self.workload)["spec"]

    @property
    def grace(self) -> int:
        return self.spec.get("terminationGracePeriodSeconds", 30)

    def start(self) -> Pod:
        read, write = os.pipe()
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                sandbox(self.spec, self.container, info_fd=write) + self.argv, env=self.env, stdout=out,
                stderr=subprocess.STDOUT, pass_fds=(write,), stdin=subprocess.DEVNULL)
        os.close(write)
        info = b""
        with os.fdopen(read, "rb") as pipe:
            info = pipe.read()  # bubblewrap closes it once the child runs (or when it fails)
        if info:
            self.pid = json.JSONDecoder().raw_decode(info.decode().strip())[0]["child-pid"]
        return self

    def wait(self, timeout: float) -> int:
        return self.process.wait(timeout)

    def stop(self) -> float:
        """SIGTERM to the container's PID 1, as the kubelet sends it; seconds until it exited (the grace period
        plus one when it did not: then it is killed)."""
        started = time.monotonic()
        os.kill(self.pid, signal.SIGTERM)
        try:
            self.process.wait(self.grace)
            return time.monotonic() - started
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
            return self.grace + 1

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def tail(self, size: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-size:] if self.log.exists() else ""

    def why(self) -> str:
        """The last exception its log names (e.g. `FileNotFoundError: ... counter_1.db`), and where the log is."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        errors = re.findall(r"\b[A-Z]\w*(?:Error|Exception): [^\n\\\"]{0,300}", text)
        return f"{errors[-1] if errors else text[-500:]} (log: {self.log})"


def template(workload: dict) -> dict:
    if workload["kind"] == "CronJob":
        return workload["spec"]["jobTemplate"]["spec"]["template"]
    return workload["spec"]["template"]


def sandbox(pod: dict, container: dict, info_fd: int) -> list[str]:
    """bwrap's arguments: the root read only, a tmpfs at each volumeMount, the pod's user, its own PIDs."""
    image = built_image(container)
    root = image.root if image else Path("/")
    args = [str(ensure_bwrap()), "--ro-bind", str(root), "/", "--dev", "/dev", "--proc", "/proc", "--unshare-pid",
            "--as-pid-1", "--die-with-parent", "--info-fd", str(info_fd)]
    mounts = sorted(resolve_in(root, m["mountPath"]) for m in container.get("volumeMounts") or [])
    args += ([] if image else interpreter()) + mount_points(mounts, root)
    context = {**(pod.get("securityContext") or {}), **(container.get("securityContext") or {})}
    uid, gid = str(context.get("runAsUser", 0)), str(context.get("runAsGroup", context.get("runAsUser", 0)))
    workdir = image.workdir if image else image_of(container)[1]
    args += ["--chdir", workdir]
    if os.geteuid() == 0:
        return args + ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--inh-caps=-all",
                       "--bounding-set=-all", "--"]
    return args + ["--unshare-user", "--uid", uid, "--gid", gid, "--cap-drop", "ALL"]


def interpreter() -> list[str]:
    """The image's Python is readable by any user; this machine's may sit in a private home (/root, mode 0700):
    the first folder on its way that others may not enter is replaced by a read-only one holding only the way on."""
    prefix = Path(os.path.realpath(sys.base_prefix))
    for folder in [*reversed(prefix.parents), prefix][1:]:
        if not folder.stat().st_mode & stat.S_IXOTH:
            way_on = prefix.parts[: len(folder.parts) + 1]
            child = str(Path(*way_on))
            return ["--perms", "0755", "--tmpfs", str(folder), "--ro-bind", child, child, "--remount-ro", str(folder)]
    return []


def mount_points(mounts: list[str], root: Path = Path("/")) -> list[str]:
    """A writable tmpfs at each mount. A mount point missing from the read-only root (a container runtime makes
    it): its deepest existing folder is shadowed by a tmpfs holding read-only binds of what it had, the missing
    folders are made in it, then it is made read only again. ROOT is where `/` of the sandbox comes from."""
    def on_host(path: str | Path) -> Path:
        return root / Path(path).relative_to("/")

    args, shadowed = [], {}
    for mount in mounts:
        if on_host(mount).is_dir():
            args += ["--perms", "0777", "--tmpfs", mount]
            continue
        folder = Path(mount).parent
        while not on_host(folder).is_dir():
            folder = folder.parent
        shadowed.setdefault(str(folder), []).append(mount)
    for folder, inside in shadowed.items():
        args += ["--tmpfs", folder]
        for child in sorted(on_host(folder).iterdir()):
            inside_path = str(Path(folder) / child.name)
            if child.is_symlink():
                args += ["--symlink", os.readlink(child), inside_path]
            else:
                args += ["--ro-bind", str(child), inside_path]
        for mount in inside:
            args += ["--perms", "0777", "--tmpfs", mount]  # bubblewrap makes the folders on the way
        args += ["--remount-ro", folder]
    return args


def image_of(container: dict) -> tuple[list[str], str]:
    """(ENTRYPOINT, WORKDIR) of the container's image, locally: ours is `python -m <service>` from /tmp."""
    image = image_name(container)
    if image in ENTRYPOINTS:
        binary, workdir = ENTRYPOINTS[image]
        return [str(binary())], workdir
    return [], "/tmp"


def argv(container: dict) -> list[str]:
    """command + args, or the image's ENTRYPOINT + args (+ its CMD when neither command nor args is given)."""
    if image := built_image(container):
        if container.get("command"):
            return [*container["command"], *(container.get("args") or [])]
        return [*image.entrypoint, *(container.get("args") or image.cmd)]
    command = container.get("command") or image_of(container)[0]
    return [*command, *(container.get("args") or [])]


def local_path(container: dict | None = None) -> str:
    """PATH in the sandbox: the built image's own, else the virtualenv's bin first, as the image's /opt/iso-hcc/bin."""
    if container and (image := built_image(container)):
        return image.env["PATH"]
    return f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin"
