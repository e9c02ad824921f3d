"""kit.preconditions and kit.http: a resource's version is its ETag, a change must name the version it was made
from (428 without, 412 when stale, with the current ETag), and a concurrent write past the check is a 412 too."""

import pytest
from flask_smorest import Blueprint
from sqlalchemy.orm.exc import StaleDataError

from kit import http, preconditions, routes

STORED = {"version": 3, "name": "Sở Khoa học và Công nghệ"}


@pytest.fixture
def client():
    app, api = http.create_app(http.AppSpec(name="probe", prefix="/api/v1/probe", verifier=None))
    blp = Blueprint("probe", __name__, url_prefix="/api/v1/probe")

    @blp.route("/thing", methods=["GET"])
    def read():
        return STORED

    @blp.route("/thing", methods=["PATCH"])
    def change():
        expected = routes.if_match()
        preconditions.check(STORED["version"], expected)
        return {**STORED, "version": STORED["version"] + 1}

    @blp.route("/raced", methods=["PUT"])
    def raced():
        raise StaleDataError("UPDATE statement on table 'things' expected to update 1 row(s); 0 were matched.")

    @blp.route("/unversioned", methods=["GET"])
    def unversioned():
        return {"version": True, "items": []}

    api.register_blueprint(blp)
    return app.test_client()


def test_a_read_answers_the_version_as_a_strong_etag(client):
    assert client.get("/api/v1/probe/thing").headers["ETag"] == '"3"'


def test_a_body_without_an_integer_version_has_no_etag(client):
    assert "ETag" not in client.get("/api/v1/probe/unversioned").headers


def test_a_change_from_the_current_version_passes_and_answers_the_new_etag(client):
    response = client.patch("/api/v1/probe/thing", json={}, headers={"If-Match": '"3"'})

    assert response.status_code == 200
    assert response.headers["ETag"] == '"4"'


@pytest.mark.parametrize("header", [None, "*", 'W/"3"', '"3", "4"', "3", '"abc"'])
def test_a_change_without_one_strong_etag_is_428(client, header):
    response = client.patch("/api/v1/probe/thing", json={}, headers={"If-Match": header} if header else {})

    assert response.status_code == 428
    assert response.content_type == "application/problem+json"
    assert response.json["code"] == "precondition_required"
    assert "If-Match" in response.json["detail"] and "Thiếu phiên bản" in response.json["detail"]


def test_a_change_from_a_stale_version_is_412_with_the_current_etag(client):
    response = client.patch("/api/v1/probe/thing", json={}, headers={"If-Match": '"2"'})

    assert response.status_code == 412
    assert response.headers["ETag"] == '"3"'
    assert response.json["code"] == "version_stale"
    assert "người khác sửa" in response.json["detail"] and "changed since you read it" in response.json["detail"]


def test_a_concurrent_write_the_database_caught_is_412_without_its_sql(client):
    response = client.put("/api/v1/probe/raced", json={}, headers={"If-Match": '"3"'})

    assert response.status_code == 412
    assert "UPDATE" not in response.get_data(as_text=True)
