"""Composition of the registry: kit's service runtime with the registry's handlers and blueprints."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Engine

from kit import auth, service
from registry import api, api_io, api_oversight, api_records, consumers
from registry.config import SERVICE


class Runtime(service.Runtime):
    def __init__(self, engine: Engine):
        super().__init__(SERVICE, engine, consumers.HANDLERS, consumers.GROUP)


def create_app(runtime: Runtime, verifier: auth.TokenVerifier) -> Flask:
    return service.create_app(runtime, verifier, (api.blp, api_records.blp, api_oversight.blp, api_io.blp))
