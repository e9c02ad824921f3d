"""Domain error bases that `kit.http` maps to problem+json once. Pure Python: models may raise them."""


class DomainError(Exception):
    """Base of the errors a use case raises on purpose. `status` is the HTTP status they map to."""

    status = 400
    title = "Bad request"


class NotFound(DomainError):
    status = 404
    title = "Not found"


class Conflict(DomainError):
    status = 409
    title = "Conflict"


class RuleViolated(DomainError):
    status = 422
    title = "Rule violated"


class Forbidden(DomainError):
    status = 403
    title = "Forbidden"
