"""Status machines: each action moves a record from some statuses to one status. Pure Python.

A refused move raises `MoveRefused` (409) carrying its parameters, so a service's message catalogue can say it
in its own words; a service that needs its own error class (or problem type) passes a subclass as `error`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from kit.errors import Conflict


class MoveRefused(Conflict):
    """`action` is not possible from status `current`; it is from the statuses in `allowed` (to `to`)."""

    code = "move_refused"

    def __init__(self, *, lifecycle: str, action: str, current: str, allowed: Collection[str], to: str | None):
        self.lifecycle, self.action, self.current, self.to = lifecycle, action, current, to
        self.allowed = tuple(sorted(map(str, allowed)))
        params = {"lifecycle": lifecycle, "action": action, "current": current, "allowed": self.allowed, "to": to}
        super().__init__(**params)

    def __str__(self) -> str:
        return f"cannot {self.action} a {self.lifecycle} that is {self.current}"


@dataclass(frozen=True)
class Lifecycle:
    """`moves` maps each action to (the statuses it is possible from, the status it leads to); a target of None
    keeps the status (an action allowed only in some statuses, such as editing a draft)."""

    name: str
    moves: Mapping[str, tuple[Collection[str], str | None]]
    error: type[MoveRefused] = field(default=MoveRefused, compare=False)

    def __post_init__(self):
        frozen = {action: (frozenset(sources), to) for action, (sources, to) in self.moves.items()}
        object.__setattr__(self, "moves", frozen)

    @classmethod
    def by_target(cls, name: str, transitions: Mapping[str, Collection[str]], **options) -> Lifecycle:
        """The lifecycle of a table {status: the statuses it may move to}, whose actions are the target statuses:
        `next(wanted, current)`. Every status of the table is an action, some possible from no status."""
        statuses = set(transitions).union(*transitions.values())
        sources = {to: {origin for origin, targets in transitions.items() if to in targets} for to in statuses}
        return cls(name, {to: (origins, to) for to, origins in sources.items()}, **options)

    def allows(self, action: str, current: str) -> bool:
        return current in self.moves[action][0]

    def next(self, action: str, current: str) -> str:
        """The status after `action` from `current` (`current` itself for a target of None), or `error` (a
        MoveRefused) when `current` is not one the action is possible from. An unknown action is a KeyError:
        actions are the service's own constants, not user input."""
        sources, to = self.moves[action]
        if current not in sources:
            raise self.error(lifecycle=self.name, action=action, current=current, allowed=sources, to=to)
        return current if to is None else to
