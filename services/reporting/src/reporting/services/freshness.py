"""How far the read models have come."""

from __future__ import annotations

from collections.abc import Callable

from kit.uow import UnitOfWork
from reporting import repository


def freshness(uow: UnitOfWork, lag: Callable[[], dict[str, int]] | None) -> dict:
    """Messages applied, the time of the last one, and the messages still waiting per topic (`lag`; null with
    the reason when the broker cannot be asked)."""
    with uow:
        count, last = repository.applied(uow.session)
    answer = {"messages_applied": count, "last_applied_at": last, "lag": None, "lag_by_topic": None}
    if lag is None:
        return {**answer, "lag_error": "no broker configured for this process"}
    try:
        by_topic = lag()
    except Exception as exc:  # noqa: BLE001  (the figure is informative; the endpoint still answers)
        return {**answer, "lag_error": f"broker not reachable: {type(exc).__name__}"}
    return {**answer, "lag": sum(by_topic.values()), "lag_by_topic": by_topic}
