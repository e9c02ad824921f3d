"""Rate limits shared through a real redis-server: two gateway instances count against one limit; when Redis
does not answer the gateway falls back to its own window (counted in a metric) instead of failing open or 500."""

from __future__ import annotations

import uuid

import pytest
import redis
from flask import Flask, jsonify

from gateway.__main__ import edge_policy
from gateway.app import create_app
from gateway.config import Settings
from gateway.limits import (
    FALLBACKS,
    WINDOW_SCRIPT,
    EdgePolicy,
    FixedWindowLimiter,
    RedisWindowLimiter,
    redis_limiters,
)
from gateway.proxy import WsgiUpstream
from gateway.revocation import redis_revocations
from localinfra._proc import free_port
from localinfra.redis import start_redis


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = start_redis(tmp_path_factory.mktemp("redis"))
    yield server.url
    server.stop()


def echo_service() -> Flask:
    service = Flask("echo")

    @service.get("/api/v1/echo/<path:rest>")
    def echo(rest):
        return jsonify(path=rest)

    return service


def gateway(issuer, url: str, per_user: int = 3, per_ip: int = 100):
    """One gateway instance with its own Redis connection, as one worker or pod would have."""
    users, ips = redis_limiters(url, per_user, per_ip)
    app = create_app({"echo": WsgiUpstream(echo_service())}, issuer.verifier(), None,
                     edge=EdgePolicy(per_user=users, per_ip=ips))
    return app.test_client()


class TestSharedLimit:
    def test_two_gateways_sharing_redis_enforce_one_limit_with_retry_after(self, issuer, redis_url):
        first, second = gateway(issuer, redis_url), gateway(issuer, redis_url)
        headers = issuer.headers(sub=f"officer-{uuid.uuid4().hex[:8]}", tenant="an-giang")

        codes = [(first if i % 2 == 0 else second).get("/api/v1/echo/x", headers=headers).status_code
                 for i in range(5)]
        refused = second.get("/api/v1/echo/x", headers=headers)

        assert codes == [200, 200, 200, 429, 429]
        assert refused.status_code == 429 and refused.content_type == "application/problem+json"
        assert 1 <= int(refused.headers["Retry-After"]) <= 60

    def test_another_user_keeps_their_own_count(self, issuer, redis_url):
        first, second = gateway(issuer, redis_url), gateway(issuer, redis_url)
        busy, calm = (issuer.headers(sub=f"u-{uuid.uuid4().hex[:8]}") for _ in range(2))
        for _ in range(4):
            first.get("/api/v1/echo/x", headers=busy)

        assert second.get("/api/v1/echo/x", headers=calm).status_code == 200

    def test_the_window_key_expires_with_the_window(self, redis_url):
        client = redis.Redis.from_url(redis_url)
        limiter = RedisWindowLimiter(client, 5, window=60, name="ttl-check")
        key = uuid.uuid4().hex

        limiter.hit(key)

        assert 0 < client.pttl(f"iso-hcc:ttl-check:{key}") <= 60_000


class TestRedisDown:
    def test_an_unreachable_redis_falls_back_to_this_process_and_counts_it(self, issuer):
        dead = f"redis://127.0.0.1:{free_port()}/0"
        client = gateway(issuer, dead)
        headers = issuer.headers(sub="during-outage")
        before = FALLBACKS._value.get()

        codes = [client.get("/api/v1/echo/x", headers=headers).status_code for _ in range(4)]

        assert codes == [200, 200, 200, 429]
        assert FALLBACKS._value.get() - before >= 8  # per-IP and per-user checks, every request

    def test_a_redis_that_stops_mid_way_keeps_the_counts_limited(self, issuer, tmp_path):
        server = start_redis(tmp_path)
        client = gateway(issuer, server.url)
        headers = issuer.headers(sub="mid-way")
        early = [client.get("/api/v1/echo/x", headers=headers).status_code for _ in range(2)]

        server.stop()
        later = [client.get("/api/v1/echo/x", headers=headers).status_code for _ in range(4)]

        assert early == [200, 200]
        assert 500 not in later and later[-1] == 429


class TestChoice:
    def test_redis_url_selects_the_shared_store_and_memory_is_the_default(self, redis_url):
        shared = edge_policy(Settings(redis_url=redis_url))
        local = edge_policy(Settings())

        assert isinstance(shared.per_user, RedisWindowLimiter) and isinstance(shared.per_ip, RedisWindowLimiter)
        assert isinstance(local.per_user, FixedWindowLimiter) and isinstance(local.per_ip, FixedWindowLimiter)

    def test_redis_url_comes_from_the_environment(self):
        assert Settings.from_env({"REDIS_URL": "redis://redis:6379/0"}).redis_url == "redis://redis:6379/0"
        assert Settings.from_env({}).redis_url is None


def combined_gateway(issuer, url: str, per_user: int = 3, per_ip: int = 100):
    """A gateway whose edge makes a signed-in request's three checks in one Redis round trip, as `edge_policy`
    builds it with REDIS_URL."""
    edge = edge_policy(Settings(redis_url=url, rate_per_user=per_user, rate_per_ip=per_ip))
    return create_app({"echo": WsgiUpstream(echo_service())}, issuer.verifier(), None, edge=edge).test_client(), edge


def calls(client: redis.Redis) -> dict[str, int]:
    return {name.removeprefix("cmdstat_"): stats["calls"] for name, stats in client.info("commandstats").items()}


class TestOneRoundTrip:
    def test_a_signed_in_request_is_one_script_call_and_nothing_else(self, issuer, redis_url):
        gateway_client, _edge = combined_gateway(issuer, redis_url)
        headers = issuer.headers(sub=f"one-trip-{uuid.uuid4().hex[:8]}")
        gateway_client.get("/api/v1/echo/x", headers=headers)  # the script is loaded once
        stats = redis.Redis.from_url(redis_url)
        before = calls(stats)

        answer = gateway_client.get("/api/v1/echo/x", headers=headers)
        after = calls(stats)

        assert answer.status_code == 200
        changed = {name: after[name] - before.get(name, 0) for name in after if after[name] != before.get(name, 0)}
        # one script call (one by one it would be two, and an EXISTS of its own); Redis counts the commands the
        # script ran as well: the two windows' INCR and PTTL and the revocation's EXISTS; and this test's INFO
        assert changed == {"evalsha": 1, "incr": 2, "pttl": 2, "exists": 1, "info": 1}

    def test_the_same_limits_hold_per_user_and_per_address(self, issuer, redis_url):
        first, _ = combined_gateway(issuer, redis_url)
        second, _ = combined_gateway(issuer, redis_url)
        busy = issuer.headers(sub=f"busy-{uuid.uuid4().hex[:8]}")
        calm = issuer.headers(sub=f"calm-{uuid.uuid4().hex[:8]}")

        codes = [(first if i % 2 == 0 else second).get("/api/v1/echo/x", headers=busy).status_code for i in range(5)]

        assert codes == [200, 200, 200, 429, 429]
        assert second.get("/api/v1/echo/x", headers=calm).status_code == 200

    def test_over_the_address_limit_the_user_is_not_counted(self, issuer, redis_url):
        gateway_client, edge = combined_gateway(issuer, redis_url, per_user=100, per_ip=2)
        subject = f"crowded-{uuid.uuid4().hex[:8]}"
        headers = issuer.headers(sub=subject)
        address = f"10.9.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"

        codes = [gateway_client.get("/api/v1/echo/x", headers=headers,
                                    environ_base={"REMOTE_ADDR": address}).status_code for _ in range(4)]
        counted = redis.Redis.from_url(redis_url).get(edge.per_user.key(f"user:{subject}"))

        assert codes == [200, 200, 429, 429]
        assert int(counted) == 2  # the two admitted; the refused ones stopped at the address

    def test_a_signed_out_token_is_refused_in_the_same_round_trip(self, issuer, redis_url):
        gateway_client, edge = combined_gateway(issuer, redis_url)
        headers = issuer.headers(sub=f"gone-{uuid.uuid4().hex[:8]}")
        assert gateway_client.get("/api/v1/echo/x", headers=headers).status_code == 200

        redis_revocations(redis_url).revoke(headers["Authorization"].removeprefix("Bearer "))  # another pod

        assert gateway_client.get("/api/v1/echo/x", headers=headers).status_code == 401

    def test_a_bad_token_still_counts_against_its_address(self, issuer, redis_url):
        gateway_client, _edge = combined_gateway(issuer, redis_url, per_ip=2)
        address = f"10.8.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
        bad = {"Authorization": "Bearer not-a-token"}

        codes = [gateway_client.get("/api/v1/echo/x", headers=bad, environ_base={"REMOTE_ADDR": address}).status_code
                 for _ in range(3)]

        assert codes == [401, 401, 429]

    def test_an_unreachable_redis_falls_back_one_check_at_a_time(self, issuer):
        gateway_client, _edge = combined_gateway(issuer, f"redis://127.0.0.1:{free_port()}/0")
        headers = issuer.headers(sub="combined-outage")

        codes = [gateway_client.get("/api/v1/echo/x", headers=headers).status_code for _ in range(4)]

        assert codes == [200, 200, 200, 429]


class TestRecovery:
    def test_after_the_pause_the_shared_counts_are_used_again(self, redis_url):
        clock = Clock()
        client = redis.Redis.from_url(redis_url, socket_timeout=0.25)
        limiter = RedisWindowLimiter(client, 2, name=f"recover-{uuid.uuid4().hex[:6]}", retry_seconds=5, clock=clock)
        limiter._script = FailingScript()
        assert limiter.hit("u") == 0  # Redis fails: counted here, and Redis is left alone for 5 s

        limiter._script = client.register_script(WINDOW_SCRIPT)
        clock.now += 1
        during = limiter.hit("u")
        clock.now += 5
        after = [limiter.hit("u") for _ in range(3)]

        assert during == 0 and limiter.fallback._counts["u"][0] == 2
        assert after[:2] == [0, 0] and after[2] >= 1  # the window in Redis, fresh: two allowed, then refused


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


class FailingScript:
    def __call__(self, **_kwargs):
        raise redis.ConnectionError("Redis is restarting")
