"""Message catalogues: what an error's code and parameters say to the person who reads them.

A service declares its catalogue once (`Service.messages`: code -> a `str.format` template, or a function of the
parameters for a sentence a template cannot build); the HTTP layer renders every `DomainError` through it into
the problem's `detail`, and a command line may do the same. A code no catalogue knows is shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kit.errors import DomainError

Message = str | Callable[..., str]
Catalogue = Mapping[str, Message]


def render(error: DomainError, catalogue: Catalogue) -> str:
    """`error` in the catalogue's words (its code and parameters when the catalogue has no entry for it)."""
    return render_code(error.code, error.params, catalogue, default=str(error))


def render_code(code: str, params: Mapping[str, object], catalogue: Catalogue, *, default: str | None = None) -> str:
    """A code and its parameters in the catalogue's words, for errors a use case reports without raising them
    (the rows of an import)."""
    message = catalogue.get(code)
    if message is None:
        return default if default is not None else code
    return message(**params) if callable(message) else message.format(**params)

