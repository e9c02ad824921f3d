"""kit.http: a client's request id is kept only when it is a plain token; no library text in a problem."""

import pytest

from kit import http


@pytest.mark.parametrize("given", ["abc", "A-1.b_2", "x" * 64])
def test_a_plain_request_id_of_at_most_64_characters_is_kept(given):
    assert http.request_id(given) == given


@pytest.mark.parametrize("given", [None, "", "x" * 65, "a b", "a\r\nb", "<script>", "ý"])
def test_any_other_request_id_is_replaced_by_a_fresh_one(given):
    fresh = http.request_id(given)

    assert fresh != given and http.REQUEST_ID.fullmatch(fresh)


def test_a_failed_readiness_check_is_named_without_the_library_text():
    def database():
        raise RuntimeError("password authentication failed for user isohcc_app at 10.0.0.7")

    app, _ = http.create_app(http.AppSpec(name="probe", prefix="/api/v1/probe", verifier=None,
                                          readiness=[database]))

    response = app.test_client().get("/readyz")

    assert response.status_code == 503
    assert response.get_json()["errors"] == {"database": "failed"}
    assert b"password" not in response.data


def test_a_body_over_the_services_limit_is_a_bilingual_413_problem():
    app, _ = http.create_app(http.AppSpec(name="probe", prefix="/api/v1/probe", verifier=None, max_body_bytes=1024))
    app.add_url_rule("/api/v1/probe/things", "things", lambda: ({}, 201), methods=["POST"])

    response = app.test_client().post("/api/v1/probe/things", data=b'{"name": "' + b"x" * 2048 + b'"}',
                                      content_type="application/json")

    assert response.status_code == 413 and response.content_type == http.PROBLEM
    problem = response.get_json()
    assert problem["code"] == "body_too_large"
    assert problem["detail"] == ("Nội dung gửi lên vượt quá 1024 byte / the request body is larger than 1024 bytes")
