"""Readers for settings from the environment. Only entry points (`__main__`) call them."""

from __future__ import annotations

from collections.abc import Mapping

_MISSING = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class MissingSetting(RuntimeError):
    """A required environment variable is not set (or not valid)."""


def env_str(environ: Mapping[str, str], name: str, default: object = _MISSING) -> str:
    value = environ.get(name)
    if value is None or value == "":
        if default is _MISSING:
            raise MissingSetting(f"environment variable {name} is required")
        return default  # type: ignore[return-value]
    return value


def env_int(environ: Mapping[str, str], name: str, default: object = _MISSING) -> int:
    value = env_str(environ, name, None if default is _MISSING else str(default))
    if value is None:
        raise MissingSetting(f"environment variable {name} is required")
    try:
        return int(value)
    except ValueError:
        raise MissingSetting(f"environment variable {name} must be an integer, got {value!r}") from None


def env_bool(environ: Mapping[str, str], name: str, default: bool = False) -> bool:
    value = environ.get(name, "1" if default else "0").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise MissingSetting(f"environment variable {name} must be a boolean, got {value!r}")
