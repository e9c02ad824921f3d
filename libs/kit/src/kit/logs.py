"""Log lines on stderr: JSON objects for machines (the default: one object per record), or readable text for a
person at a terminal (`LOG_FORMAT=text`; `make run` uses it)."""

from __future__ import annotations

import json
import logging
import math
import sys
from datetime import UTC, datetime

_FIELDS = ("request_id", "tenant", "subject", "method", "path", "status", "duration_ms")
_text = json.encoder.encode_basestring  # a JSON string, quoted and escaped, Vietnamese kept as it is
FORMATS = ("json", "text")


class JsonFormatter(logging.Formatter):
    """One JSON object per record, built field by field (the same text `json.dumps` gives for the record's dict,
    at about half the cost: every API request writes one, issue 22)."""

    def __init__(self, service: str):
        super().__init__()
        self.service = service
        self._head = f'"service": {_text(service)}, "logger": '

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, UTC).isoformat()
        line = (f'{{"time": "{when}", "level": {_text(record.levelname.lower())}, {self._head}{_text(record.name)}, '
                f'"message": {_text(record.getMessage())}')
        fields = record.__dict__
        for name in _FIELDS:
            if name in fields:
                line += f', "{name}": {_value(fields[name])}'
        if record.exc_info:
            line += f', "error": {_text(self.formatException(record.exc_info))}'
        return line + "}"


def _value(value: object) -> str:
    if type(value) is str:
        return _text(value)
    if value is None:
        return "null"
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """`20:54:28 registry.demo: demo figures: binh-thuan ready`: the machine's local time, the level only when it
    is not INFO, a request's method, path, status and duration after its message."""

    def __init__(self, service: str = ""):
        super().__init__()

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        level = "" if record.levelno == logging.INFO else f"{record.levelname} "
        line = f"{when} {level}{record.name}: {record.getMessage()}"
        if hasattr(record, "path"):
            line += f" {record.method} {record.path} → {record.status} ({record.duration_ms} ms)"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def formatter_class(log_format: str) -> type[logging.Formatter]:
    if log_format not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(FORMATS)}, not {log_format!r}")
    return JsonFormatter if log_format == "json" else TextFormatter


def configure_logging(service: str, level: str = "INFO", log_format: str = "json") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter_class(log_format)(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Neither format shows where a record was logged from nor which thread or process wrote it: not looking them
    # up saves most of a record's cost (the logging HOWTO's "Optimization"); gunicorn's workers inherit this.
    logging._srcfile = None  # noqa: SLF001 (the documented switch)
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    logging.getLogger("kafka").setLevel(logging.WARNING)
