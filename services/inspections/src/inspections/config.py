"""The inspections service's name and where its API listens by default; settings are kit.service.Settings."""

SERVICE = "inspections"
DEFAULT_BIND = "127.0.0.1:8102"
