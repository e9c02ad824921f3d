"""Log lines on stderr: JSON objects for machines (the default: one object per record), or readable text for a
person at a terminal (`LOG_FORMAT=text`; `make run` uses it)."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

_FIELDS = ("request_id", "tenant", "subject", "method", "path", "status", "duration_ms")
FORMATS = ("json", "text")


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str):
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({name: getattr(record, name) for name in _FIELDS if hasattr(record, name)})
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


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
    logging.getLogger("kafka").setLevel(logging.WARNING)
