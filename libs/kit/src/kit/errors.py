"""Domain error bases that `kit.http` maps to problem+json once. Pure Python: models may raise them.

An error says what went wrong as a `code` (snake_case) and its parameters, never as a sentence: the edge (the
HTTP layer, a command line) renders it in the reader's words through the service's message catalogue
(`kit.messages`). `str(error)` is the code and parameters, for logs.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of the errors a use case raises on purpose: `DomainError("code", **params)`, or a subclass with its
    own class attribute `code`. `status` and `title` are the HTTP status and title it maps to."""

    status = 400
    title = "Bad request"
    code = "bad_request"

    def __init__(self, code: str | None = None, /, **params: object):
        self.code = code or type(self).code
        self.params = params
        super().__init__(self.code)

    def __str__(self) -> str:
        details = ", ".join(f"{name}={value!r}" for name, value in self.params.items())
        return f"{self.code}({details})" if details else self.code


class NotFound(DomainError):
    status = 404
    title = "Not found"
    code = "not_found"


class Conflict(DomainError):
    status = 409
    title = "Conflict"
    code = "conflict"


class RuleViolated(DomainError):
    status = 422
    title = "Rule violated"
    code = "rule_violated"


class Forbidden(DomainError):
    status = 403
    title = "Forbidden"
    code = "forbidden"
