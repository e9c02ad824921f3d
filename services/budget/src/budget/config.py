"""The budget service's name and where its API listens by default; settings are kit.service.Settings."""

SERVICE = "budget"
DEFAULT_BIND = "127.0.0.1:8104"
