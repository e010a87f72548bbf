"""Logs that are safe to ship: one JSON object per line, with the request they belong to, and no personal data.

Every line carries time, level, event (a short snake_case name, or the library's message), logger, and the
request id and user id of the request being served (set by `kompotten.middleware.RequestLogMiddleware`). Code logs
ids, never values: no name, personal identity number, address or text a caseworker typed. As a second line of
defence, anything shaped like a personal identity number is masked in every line, whoever wrote it (a database
error quoting a unique key, for example).
"""

import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from pythonjsonlogger.json import JsonFormatter

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
user_id_var: ContextVar[int | None] = ContextVar("user_id", default=None)

# YYYYMMDD-NNNN, YYMMDD-NNNN, YYMMDD+NNNN and the same without separator (also samordningsnummer, day + 60).
IDENTITY_NUMBER = re.compile(r"(?<![\w-])(?:\d{2})?\d{6}[-+]?\d{4}(?![\w-])")
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def mask_identity_numbers(text: str) -> str:
    return IDENTITY_NUMBER.sub("[personnummer]", text)


def new_request_id(offered: str | None = None) -> str:
    """The id a reverse proxy offers (X-Request-ID) when it is well-formed, otherwise a fresh one."""
    if offered and _SAFE_REQUEST_ID.match(offered):
        return offered
    return uuid.uuid4().hex


class RequestContextFilter(logging.Filter):
    """Adds the current request's id and user id to every record (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = getattr(record, "request_id", None) or request_id_var.get()
        record.user_id = getattr(record, "user_id", None) or user_id_var.get()
        return True


class SafeJsonFormatter(JsonFormatter):
    """python-json-logger's formatter with Kompotten's field names, readable UTF-8 and identity numbers masked."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("json_ensure_ascii", False)
        # Django puts the request on some records; its repr holds the query string, which may hold a name.
        kwargs.setdefault("reserved_attrs", [*_RESERVED, "request", "request_id", "user_id"])
        super().__init__(*args, **kwargs)

    def add_fields(self, log_record: dict, record: logging.LogRecord, message_dict: dict) -> None:
        super().add_fields(log_record, record, message_dict)
        extra = {key: log_record.pop(key) for key in list(log_record) if key != "message"}
        message = log_record.pop("message", "")
        log_record.update(
            {
                "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
                "level": record.levelname,
                "event": message,
                "logger": record.name,
                "request_id": getattr(record, "request_id", None),
                "user_id": getattr(record, "user_id", None),
                **extra,
            }
        )

    def format(self, record: logging.LogRecord) -> str:
        return mask_identity_numbers(super().format(record))


class SafePlainFormatter(logging.Formatter):
    """The development format: readable text, identity numbers masked all the same."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_identity_numbers(super().format(record))


# The LogRecord attributes that are not extra fields (python-json-logger's default list, spelled out so a
# library upgrade does not start shipping new internals).
_RESERVED = [
    "args",
    "asctime",
    "created",
    "exc_info",
    "exc_text",
    "filename",
    "funcName",
    "levelname",
    "levelno",
    "lineno",
    "module",
    "msecs",
    "message",
    "msg",
    "name",
    "pathname",
    "process",
    "processName",
    "relativeCreated",
    "stack_info",
    "thread",
    "threadName",
    "taskName",
]
