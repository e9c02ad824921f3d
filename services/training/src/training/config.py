"""The training service's name and where its API listens by default; settings are kit.service.Settings."""

SERVICE = "training"
DEFAULT_BIND = "127.0.0.1:8103"
