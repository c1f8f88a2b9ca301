"""All behaviour lives in services: views, the CLI and importers call these and nothing else."""


class ServiceError(Exception):
    """Base of the errors a service raises for a user to read; ``message`` is already translated."""

    status = 400

    def __init__(self, message: str = "", **details):
        super().__init__(message)
        self.message = message
        self.details = details


class ValidationError(ServiceError):
    """Bad input. ``errors`` maps field names to translated messages."""

    status = 400

    def __init__(self, errors: dict[str, str], message: str = ""):
        super().__init__(message or "; ".join(errors.values()))
        self.errors = errors


class PermissionDenied(ServiceError):
    status = 403


class NotFound(ServiceError):
    status = 404


class Throttled(ServiceError):
    status = 429


class PolicyAcceptanceRequired(ServiceError):
    """The user must accept the current acceptable-use policy before contributing."""

    status = 403


class HoldWarning(ServiceError):
    """The text would be held for review: nothing was saved, so the author can revise it or save anyway.
    ``signals`` are the plugins' reasons (words and policy clause)."""

    status = 200

    def __init__(self, signals: list[dict]):
        super().__init__("")
        self.signals = [s for s in signals if s.get("action") == "hold"]


#: The largest id a database column holds on every supported database (PostgreSQL's integer): a larger number
#: sent in a form or an address is no id at all, and must not reach a query (SQLite and PostgreSQL fail on it).
MAX_ID = 2**31 - 1


def parse_id(value) -> int | None:
    """An id sent by a browser ("12"), or None when it is not one: not a number, below 1 or above MAX_ID."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None
