"""The gateway serves the event stream's AsyncAPI document beside the OpenAPI document, without login."""

from flask import Flask

from contracts import asyncapi
from gateway.app import create_app
from gateway.proxy import WsgiUpstream


def test_the_asyncapi_document_is_served_without_login(issuer):
    app = create_app({"echo": WsgiUpstream(Flask("echo"))}, issuer.verifier(), None)

    reply = app.test_client().get("/api/asyncapi.json")

    assert reply.status_code == 200
    assert reply.content_type == "application/json"
    assert reply.get_json() == asyncapi.document()
