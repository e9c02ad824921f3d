"""Composition of the training service: kit's service runtime with its handlers and blueprints."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Engine

from kit import auth, service
from training import api, consumers
from training.config import SERVICE


class Runtime(service.Runtime):
    def __init__(self, engine: Engine):
        super().__init__(SERVICE, engine, consumers.HANDLERS, consumers.GROUP)


def create_app(runtime: Runtime, verifier: auth.TokenVerifier) -> Flask:
    return service.create_app(runtime, verifier, api.BLUEPRINTS)
