"""HttpUpstream, the gateway's client of a service over HTTP (urllib3): pooled keep-alive connections, only the
named headers either way, bodies passed whole, and a service that does not answer as UpstreamUnavailable."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from gateway.proxy import HttpUpstream, UpstreamUnavailable


class Service:
    """A local HTTP/1.1 service that echoes what it received and counts the connections it accepted."""

    def __init__(self):
        self.seen: list[dict] = []
        self.peers: set[tuple] = set()
        self.delay = 0.0
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self):
                service.peers.add(self.client_address)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                service.seen.append({"method": self.command, "target": self.path, "headers": dict(self.headers),
                                     "body": body})
                time.sleep(service.delay)
                reply = body or b'{"ok": true}'
                self.send_response(201 if self.command == "POST" else 200)
                self.send_header("Content-Type", "application/json")
                self.send_header("ETag", '"7"')
                self.send_header("X-Internal-Secret", "not for clients")
                self.send_header("Keep-Alive", "timeout=5")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            do_GET = do_POST = do_PATCH = _answer  # noqa: N815 (http.server's names)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def service():
    running = Service()
    yield running
    running.close()


def forward(upstream: HttpUpstream, method="GET", path="/api/v1/registry/agencies", query=b"", headers=None,
            body=b""):
    return upstream.forward(method, path, query, headers or {"Accept": "application/json"}, body)


class TestForwarding:
    def test_the_path_query_headers_and_body_reach_the_service_as_given(self, service):
        upstream = HttpUpstream(service.url)

        reply = forward(upstream, "POST", "/api/v1/registry/S%E1%BB%9F", b"q=a%20b&page=2",
                        {"Content-Type": "application/json", "Idempotency-Key": "k-1", "X-Request-Id": "r-1"},
                        b'{"name": "S\xe1\xbb\x9f"}')

        [seen] = service.seen
        assert seen["target"] == "/api/v1/registry/S%E1%BB%9F?q=a%20b&page=2"
        assert seen["headers"]["Idempotency-Key"] == "k-1" and seen["headers"]["X-Request-Id"] == "r-1"
        assert seen["body"] == b'{"name": "S\xe1\xbb\x9f"}'
        assert reply.status == 201 and reply.body == seen["body"]

    def test_only_the_named_response_headers_come_back(self, service):
        reply = forward(HttpUpstream(service.url))

        assert reply.headers == {"Content-Type": "application/json", "ETag": '"7"'}

    def test_raw_utf8_in_a_query_is_percent_encoded_not_an_error(self, service):
        forward(HttpUpstream(service.url), query="tên=Sở".encode())

        assert service.seen[0]["target"].endswith("?t%C3%AAn=S%E1%BB%9F")

    def test_a_base_url_with_a_path_keeps_it(self, service):
        forward(HttpUpstream(f"{service.url}/inner/"))

        assert service.seen[0]["target"] == "/inner/api/v1/registry/agencies"

    def test_an_empty_patch_is_sent_with_a_zero_length(self, service):
        forward(HttpUpstream(service.url), "PATCH")

        assert service.seen[0]["headers"].get("Content-Length") == "0"

    def test_a_large_body_passes_whole_both_ways(self, service):
        body = bytes(range(256)) * 20_000  # 5 MB

        reply = forward(HttpUpstream(service.url), "POST", headers={"Content-Type": "application/octet-stream"},
                        body=body)

        assert service.seen[0]["body"] == body and reply.body == body


class TestConnections:
    def test_consecutive_requests_reuse_one_kept_alive_connection(self, service):
        upstream = HttpUpstream(service.url)

        for _ in range(5):
            forward(upstream)

        assert len(service.seen) == 5 and len(service.peers) == 1

    def test_a_refused_connection_is_upstream_unavailable(self):
        with socket.socket() as free:
            free.bind(("127.0.0.1", 0))
            port = free.getsockname()[1]

        with pytest.raises(UpstreamUnavailable):
            forward(HttpUpstream(f"http://127.0.0.1:{port}"))

    def test_a_service_slower_than_the_read_timeout_is_upstream_unavailable_and_not_retried(self, service):
        service.delay = 1.0

        with pytest.raises(UpstreamUnavailable):
            forward(HttpUpstream(service.url, read_timeout=0.3), "POST", body=b"{}")
        time.sleep(1.0)
        assert len(service.seen) == 1

    def test_a_call_of_its_own_timeout_gives_up_sooner_and_the_next_call_has_the_pools_again(self, service):
        upstream = HttpUpstream(service.url, read_timeout=5.0)
        service.delay = 1.0

        started = time.monotonic()
        with pytest.raises(UpstreamUnavailable):
            upstream.forward("GET", "/api/v1/notifications/inbox/unread-count", b"", {}, b"", timeout=0.2)
        waited = time.monotonic() - started
        answered = forward(upstream)

        assert waited < 0.9
        assert answered.status == 200


class TestThroughTheGateway:
    """The gateway passes the service's answer on as it is: the service tags its own versions (kit.preconditions);
    the gateway does not read the body again."""

    @pytest.fixture
    def client(self, service, issuer):
        from gateway.app import create_app

        return create_app({"registry": HttpUpstream(service.url)}, issuer.verifier(), None).test_client()

    def test_the_services_etag_passes_and_the_body_is_not_retagged(self, client, issuer, service):
        answer = client.post("/api/v1/registry/agencies", data=b'{"version": 5}', headers={
            **issuer.headers(), "Content-Type": "application/json"})

        assert answer.status_code == 201 and answer.get_json() == {"version": 5}
        assert answer.headers["ETag"] == '"7"' and answer.headers["X-Request-Id"]
        assert "X-Internal-Secret" not in answer.headers and "Keep-Alive" not in answer.headers
