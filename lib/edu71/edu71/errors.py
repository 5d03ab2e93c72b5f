"""Domain errors: what a use case says went wrong, in Vietnamese, without knowing about HTTP.

Use cases (services' ``domain/`` and application modules) raise these; the HTTP edge turns each into
RFC 9457 problem details in one place (:func:`edu71.problems.install`), and a worker or a command line
tool can catch them as what they are. The message is the text a person reads: Vietnamese, naming
fields by their Vietnamese labels, never by code.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping


@dataclass(frozen=True)
class FieldError:
    """A message about one input field (``field`` is the API's name for it, which clients map to their form).

    An uploaded spreadsheet's errors also say where: the ``sheet`` and the ``cell`` (e.g. ``E5``).
    """

    field: str
    message: str
    sheet: str | None = None
    cell: str | None = None

    @classmethod
    def all_of(cls, errors: Iterable[Mapping[str, Any]]) -> list["FieldError"]:
        """Per-field messages given as mappings (``{"field", "message"[, "sheet", "cell"]}``), as domain errors."""
        return [cls(e["field"], e["message"], e.get("sheet"), e.get("cell")) for e in errors]

    def as_dict(self) -> dict[str, str]:
        out = {"field": self.field, "message": self.message}
        out.update({k: v for k, v in (("sheet", self.sheet), ("cell", self.cell)) if v is not None})
        return out


class DomainError(Exception):
    """Base of every domain error; ``status`` is only read by the HTTP edge."""

    status = 400

    def __init__(self, message: str, *, errors: list[FieldError] | None = None, **details):
        super().__init__(message)
        self.message = message
        self.errors = list(errors or ())
        #: Extra members of the problem details (e.g. ``current_version``), plain JSON values.
        self.details = details


class Unauthenticated(DomainError):
    """The caller has not proved who they are (e.g. no account with this e-mail and password)."""

    status = 401


class NotFound(DomainError):
    """What was asked for does not exist, or the caller may not know that it does."""

    status = 404


class Forbidden(DomainError):
    """The caller's role or org unit does not allow this."""

    status = 403


class Conflict(DomainError):
    """The request is valid but the aggregate's state does not allow it now (e.g. approving a draft)."""

    status = 409


class Invalid(DomainError):
    """The input breaks a rule; ``errors`` names the fields."""

    status = 422


class TooLarge(DomainError):
    """What was sent is larger than allowed (an upload, a file expanding past its limit)."""

    status = 413


class Unsupported(DomainError):
    """What was sent is of a kind the use case does not read (e.g. a file that is neither XLSX nor CSV)."""

    status = 415


class StaleVersion(DomainError):
    """The caller's version (``If-Match``) is not the current one: someone else changed it first."""

    status = 412


class VersionRequired(DomainError):
    """A change needs the version it was made against (``If-Match``)."""

    status = 428


class TooManyAttempts(DomainError):
    """Throttled; ``retry_after`` seconds until the next attempt may succeed."""

    status = 429

    def __init__(self, message: str, *, retry_after: int, **details):
        super().__init__(message, **details)
        self.retry_after = retry_after


class Unavailable(DomainError):
    """Something the use case depends on is away for now; trying again later may succeed."""

    status = 503
