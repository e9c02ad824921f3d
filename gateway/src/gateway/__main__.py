"""`python -m gateway api|embedded`: the only place that reads the environment."""

from __future__ import annotations

import argparse
import os

from contracts import demo
from gateway import embedded, web
from gateway.app import create_app
from gateway.config import Settings
from gateway.devauth import DevIssuer
from gateway.inbound import TrustedProxies
from gateway.limits import EdgePolicy, FixedWindowLimiter, RedisEdgeChecks, redis_limiters
from gateway.proxy import HttpUpstream
from gateway.revocation import MemoryRevocations, redis_revocations
from kit import auth, logs, serve
from kit.service import service_names


def main() -> None:
    parser = argparse.ArgumentParser(prog="gateway", description=__doc__)
    parser.add_argument("command", choices=["api", "embedded"])
    command = parser.parse_args().command
    settings = Settings.from_env(os.environ)
    # The embedded mode is `make run`: a person reads its log, so it is text unless LOG_FORMAT says otherwise.
    log_format = os.environ.get("LOG_FORMAT") or ("text" if command == "embedded" else "json")
    logs.configure_logging(f"gateway-{command}", os.environ.get("LOG_LEVEL", "INFO"), log_format)
    (run_api if command == "api" else run_embedded)(settings, log_format)


def dev_issuer(settings: Settings) -> DevIssuer | None:
    if not settings.dev_login:
        return None
    return DevIssuer.from_file(settings.dev_key_path, issuer=settings.issuer, audience=settings.audience)


def verifier(settings: Settings, issuer: DevIssuer | None) -> auth.TokenVerifier:
    if settings.auth is not None:
        return auth.TokenVerifier(settings.auth)
    if issuer is None:
        raise SystemExit("set JWT_JWKS_URL and JWT_ISSUER (an OIDC provider), or DEV_LOGIN=1 for development")
    return auth.TokenVerifier(auth.AuthSettings(issuer=issuer.issuer, audience=issuer.audience, jwks=issuer.jwks()))


def edge_policy(settings: Settings) -> EdgePolicy:
    """Rate limits and signed-out tokens kept in Redis when REDIS_URL is set (shared by every worker and pod), else
    in memory."""
    combined = None
    if settings.redis_url:
        per_user, per_ip = redis_limiters(settings.redis_url, settings.rate_per_user, settings.rate_per_ip)
        revocations = redis_revocations(settings.redis_url)
        combined = RedisEdgeChecks(per_user, per_ip, revocations)
    else:
        per_user, per_ip = FixedWindowLimiter(settings.rate_per_user), FixedWindowLimiter(settings.rate_per_ip)
        revocations = MemoryRevocations()
    return EdgePolicy(per_user=per_user, per_ip=per_ip, allowed_origins=settings.cors_origins, revocations=revocations,
                      trusted_proxies=TrustedProxies.parse(settings.trusted_proxies),
                      metrics_public=settings.metrics_public, combined=combined)


def run_api(settings: Settings, log_format: str) -> None:
    missing = [name for name in service_names() if name not in settings.upstreams]
    if missing:
        raise SystemExit(f"set the URL of every service: {', '.join(n.upper() + '_URL' for n in missing)}")

    issuer = dev_issuer(settings)  # once, in the master: every worker must sign with the same key

    def load():
        upstreams = {name: HttpUpstream(url) for name, url in settings.upstreams.items()}
        app = create_app(upstreams, verifier(settings, issuer), issuer, settings.max_body_bytes, edge_policy(settings),
                         upload_max_bytes=settings.upload_max_bytes)
        return web.configure(app, settings)

    serve.run_gunicorn(load, bind=settings.bind, workers=settings.workers, service="gateway-api",
                       log_format=log_format)


def run_embedded(settings: Settings, log_format: str) -> None:
    try:
        provinces = demo.chosen()  # DEMO_PROVINCES, read by every service's demo: refused here, before starting
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    issuer = dev_issuer(settings)

    def load():
        app = embedded.build(settings, verifier(settings, issuer), issuer, edge_policy(settings))
        return web.configure(app, settings)

    print(f"ISO-HCC embedded mode on http://{settings.bind} (data in {settings.var_dir}/; demo of "
          f"{', '.join(provinces)})", flush=True)
    serve.run_gunicorn(load, bind=settings.bind, workers=1, threads=8, service="iso-hcc-embedded",
                       log_format=log_format)


if __name__ == "__main__":
    main()
