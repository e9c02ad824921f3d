"""The in-process doorbell of the embedded relay (kit.wakeup): a ring is kept until the relay waits."""

import threading
import time

from kit.wakeup import Doorbell, Listener

LONG = 30.0  # a wait that must end long before this did not time out


def waited(doorbell: Doorbell, stop: threading.Event, timeout: float = LONG) -> float:
    began = time.monotonic()
    doorbell.wait(stop, timeout)
    return time.monotonic() - began


def test_a_ring_before_the_wait_ends_the_wait_at_once():
    doorbell = Doorbell()
    doorbell.ring()

    assert waited(doorbell, threading.Event()) < LONG / 3


def test_a_ring_is_used_once():
    doorbell, stop = Doorbell(), threading.Event()
    doorbell.ring()
    waited(doorbell, stop)

    assert waited(doorbell, stop, timeout=0.3) >= 0.3


def test_stop_ends_the_wait():
    doorbell, stop = Doorbell(), threading.Event()
    threading.Timer(0.1, stop.set).start()

    assert waited(doorbell, stop) < LONG / 3


def test_the_listener_speaks_libpq_whatever_the_driver_in_the_url():
    listener = Listener("postgresql+psycopg://relay:s%40cret@db-rw:5432/registry?sslmode=require")

    assert listener.url == "postgresql://relay:s%40cret@db-rw:5432/registry?sslmode=require"
