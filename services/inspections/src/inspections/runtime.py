"""Composition of the inspections service: kit's service runtime with its handlers and blueprints."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Engine

from inspections import consumers
from inspections.api import BLUEPRINTS
from inspections.config import SERVICE
from kit import auth, service


class Runtime(service.Runtime):
    def __init__(self, engine: Engine):
        super().__init__(SERVICE, engine, consumers.HANDLERS, consumers.GROUP)


def create_app(runtime: Runtime, verifier: auth.TokenVerifier) -> Flask:
    return service.create_app(runtime, verifier, BLUEPRINTS)
