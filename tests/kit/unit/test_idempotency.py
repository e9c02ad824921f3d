"""kit.idempotency's pure parts: what makes two requests the same, and an app without a database."""

from kit import http, idempotency


def test_the_fingerprint_differs_by_method_path_query_and_body():
    base = idempotency.fingerprint("POST", "/a", b"", b"{}")

    others = {idempotency.fingerprint("PUT", "/a", b"", b"{}"), idempotency.fingerprint("POST", "/b", b"", b"{}"),
              idempotency.fingerprint("POST", "/a", b"x=1", b"{}"), idempotency.fingerprint("POST", "/a", b"", b"[]")}

    assert base == idempotency.fingerprint("POST", "/a", b"", b"{}") and base not in others and len(others) == 4


def test_an_app_without_a_database_ignores_the_header():
    app, _ = http.create_app(http.AppSpec(name="probe", prefix="/api/v1/probe", verifier=None))
    app.add_url_rule("/api/v1/probe/things", "things", lambda: ({}, 201), methods=["POST"])
    client = app.test_client()

    answers = [client.post("/api/v1/probe/things", json={}, headers={idempotency.HEADER: "k"}) for _ in range(2)]

    assert [a.status_code for a in answers] == [201, 201]
    assert idempotency.REPLAYED not in answers[1].headers
