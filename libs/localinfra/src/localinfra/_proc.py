"""Process, port and file helpers shared by the Postgres and Kafka launchers."""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import fcntl
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

LOOPBACK = "127.0.0.1"
_PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None

# Children started in this process (not detached), stopped at interpreter exit.
_children: dict[int, tuple[subprocess.Popen, int]] = {}


class InfraError(RuntimeError):
    """A local server could not be installed, started or stopped."""


def say(message: str) -> None:
    """Print a progress line on stderr (visible under `make`, hidden by pytest capture)."""
    print(f"localinfra: {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    """Return a TCP port on the loopback address that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def port_accepts(port: int, timeout: float = 0.5) -> bool:
    """True when something accepts TCP connections on the loopback port."""
    try:
        with socket.create_connection((LOOPBACK, port), timeout=timeout):
            return True
    except OSError:
        return False


def log_tail(path: Path, lines: int = 40) -> str:
    """The last lines of a log file, or a note that it is missing."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return f"(no log at {path})"
    return "\n".join(text.splitlines()[-lines:])


def _die_with_parent(parent_pid: int) -> None:
    """preexec_fn: ask the kernel to SIGKILL this child when its parent dies."""
    if _libc is not None:
        _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def spawn(argv: list[str], log_path: Path, *, detach: bool, stop_signal: int,
          user: str | None = None, cwd: Path | None = None) -> subprocess.Popen:
    """Start a server process whose stdout and stderr go to log_path.

    Not detached: the child is killed if this process dies (Linux parent-death
    signal, tied to the calling thread, so call it from a long-lived thread such
    as the main one) and is stopped at interpreter exit.  Detached: the child
    gets its own session and outlives this process.
    """
    kwargs: dict = {}
    if user is not None:
        kwargs.update(user=user, group=user, extra_groups=[])
    if detach:
        kwargs["start_new_session"] = True
    else:
        parent = os.getpid()
        kwargs["preexec_fn"] = lambda: _die_with_parent(parent)
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, cwd=cwd, **kwargs)
    if not detach:
        _children[proc.pid] = (proc, stop_signal)
    return proc


def stop_process(proc: subprocess.Popen, sig: int, timeout: float) -> None:
    """Send sig, wait up to timeout seconds, then SIGKILL; always reaps the child."""
    _children.pop(proc.pid, None)
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(sig)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
        proc.wait()


@atexit.register
def _stop_children() -> None:
    for proc, sig in list(_children.values()):
        stop_process(proc, sig, timeout=10)


def pid_alive(pid: int) -> bool:
    """True when pid names a live process (zombies count as dead)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def pid_cmdline(pid: int) -> str:
    """The command line of pid, space separated, or '' if it is gone."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def stop_pid(pid: int, sig: int, timeout: float) -> None:
    """Stop a process that is not our child: sig, wait, then SIGKILL."""
    for current in (sig, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, current)
        deadline = time.monotonic() + timeout
        while pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not pid_alive(pid):
            return
    raise InfraError(f"process {pid} survived SIGKILL")


def wait_until(ready: Callable[[], bool], *, what: str, timeout: float,
               proc: subprocess.Popen, log_path: Path) -> None:
    """Poll ready() until it is true; fail early if proc exits, or on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise InfraError(f"{what} exited with code {proc.returncode} while starting;"
                             f" log {log_path}:\n{log_tail(log_path)}")
        if ready():
            return
        if time.monotonic() > deadline:
            stop_process(proc, signal.SIGKILL, timeout=5)
            raise InfraError(f"{what} was not ready after {timeout:.0f}s;"
                             f" log {log_path}:\n{log_tail(log_path)}")
        time.sleep(0.1)


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive flock on path (created if needed) for the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_checked(argv: list[str], what: str, **kwargs) -> str:
    """Run a short command; raise InfraError with its output if it fails."""
    result = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                            text=True, **kwargs)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()[-40:]
        raise InfraError(f"{what} failed (exit {result.returncode}): {' '.join(argv)}\n"
                         + "\n".join(output))
    return result.stdout
