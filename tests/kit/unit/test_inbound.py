"""kit.inbound: every kit app checks a JSON body's depth, texts and characters, and brings every text of the body
and the query to NFC, before any route sees them."""

import json
import unicodedata

import marshmallow as ma
import pytest
from flask import request
from flask_smorest import Blueprint

from kit import http, inbound

NAME = "Sở Khoa học và Công nghệ"
NFD = unicodedata.normalize("NFD", NAME)


class NameSchema(ma.Schema):
    name = ma.fields.Raw()


@pytest.fixture
def client():
    app, api = http.create_app(http.AppSpec(name="probe", prefix="/api/v1/probe", verifier=None))
    blp = Blueprint("probe", __name__, url_prefix="/api/v1/probe")

    @blp.route("/echo", methods=["POST"])
    @blp.arguments(NameSchema)
    def echo(args):
        return {"parsed": args, "flask": request.get_json(), "query": request.args.to_dict()}

    api.register_blueprint(blp)
    return app.test_client()


def test_a_json_body_nested_too_deeply_is_a_400_problem_before_parsing(client):
    response = client.post("/api/v1/probe/echo", data='{"name": ' + "[" * 10_000 + "]" * 10_000 + "}",
                           content_type="application/json")

    assert response.status_code == 400 and response.content_type == http.PROBLEM
    assert response.get_json()["code"] == "json_too_deep"


def test_the_depth_limit_lets_a_reasonable_document_through(client):
    nested = json.loads("[" * inbound.MAX_DEPTH + "]" * inbound.MAX_DEPTH)

    assert client.post("/api/v1/probe/echo", json={"name": nested[0]}).status_code == 200


def test_brackets_inside_strings_do_not_count():
    inbound.refuse_deep(json.dumps({"name": "[" * 10_000 + '\\"{' * 100}))


@pytest.mark.parametrize("body, code", [
    ('{"name": "\\ud800"}', "invalid_character"),
    ('{"\\udfff": 1}', "invalid_character"),
    (json.dumps({"name": "x" * (inbound.MAX_TEXT + 1)}), "text_too_long"),
], ids=["lone surrogate", "surrogate in a key", "too long"])
def test_texts_that_cannot_be_stored_are_a_422_problem(client, body, code):
    response = client.post("/api/v1/probe/echo", data=body, content_type="application/json")

    assert response.status_code == 422 and response.get_json()["code"] == code
    assert " / " in response.get_json()["detail"]


def test_a_surrogate_pair_is_one_character_and_is_accepted(client):
    response = client.post("/api/v1/probe/echo", data='{"name": "\\ud83d\\ude00"}', content_type="application/json")

    assert response.get_json()["parsed"] == {"name": "\U0001f600"}


def test_every_text_of_the_body_and_the_query_is_brought_to_nfc(client):
    response = client.post("/api/v1/probe/echo", query_string={"q": NFD},
                           json={"name": {NFD: [NFD, 1, 2.5, None, True]}})

    expected = {"name": {NAME: [NAME, 1, 2.5, None, True]}}
    assert response.get_json() == {"parsed": expected, "flask": expected, "query": {"q": NAME}}


def test_a_body_already_in_nfc_is_passed_on_byte_for_byte():
    raw = b'{"amount": 1.10, "name": "S\xe1\xbb\x9f"}'

    assert inbound.checked_json(raw) is raw


def test_a_body_that_is_not_json_is_left_to_the_parser(client):
    assert inbound.checked_json(b"{not json") == b"{not json"
    response = client.post("/api/v1/probe/echo", data="{not json", content_type="application/json")

    assert response.status_code == 400 and response.content_type == http.PROBLEM
