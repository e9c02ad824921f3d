"""Settings of the gateway."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kit.auth import AuthSettings, auth_from_env
from kit.config import env_bool, env_int, env_str
from kit.service import service_names


@dataclass(frozen=True)
class Settings:
    upstreams: dict[str, str] = field(default_factory=dict)
    dev_login: bool = False
    dev_key_path: Path = Path("var/dev-signing-key.pem")
    issuer: str = "iso-hcc-dev"
    audience: str = "iso-hcc"
    auth: AuthSettings | None = None
    bind: str = "127.0.0.1:8000"
    workers: int = 2
    max_body_bytes: int = 1 << 20
    upload_max_bytes: int = 21 << 20  # an attachment (the registry takes files up to 20 MiB) and its form's envelope
    var_dir: Path = Path("var")
    rate_per_user: int = 600
    rate_per_ip: int = 1200
    cors_origins: frozenset[str] = frozenset()
    secret_key: str = ""
    secure_cookies: bool = False
    oidc_issuer: str = ""
    oidc_client_id: str = "iso-hcc-gateway"
    oidc_client_secret: str = ""
    oidc_scopes: str = "openid profile"
    oidc_redirect_uri: str = ""
    redis_url: str | None = None
    # Proxies that may name the client in X-Forwarded-For: "" (none, the default), hops ("1") or CIDRs.
    trusted_proxies: str = ""
    # `/metrics` for requests that came through a proxy (the ingress); off: only direct scrapes of the pod.
    metrics_public: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        urls = {name: environ.get(f"{name.upper()}_URL") for name in service_names()}
        upstreams = {name: url for name, url in urls.items() if url}
        return cls(
            upstreams=upstreams,
            dev_login=env_bool(environ, "DEV_LOGIN"),
            dev_key_path=Path(env_str(environ, "DEV_SIGNING_KEY", "var/dev-signing-key.pem")),
            issuer=env_str(environ, "JWT_ISSUER", "iso-hcc-dev"),
            audience=env_str(environ, "JWT_AUDIENCE", "iso-hcc"),
            auth=auth_from_env(environ),
            bind=f"127.0.0.1:{env_int(environ, 'PORT', 8000)}" if "BIND" not in environ else environ["BIND"],
            workers=env_int(environ, "WEB_CONCURRENCY", 2),
            max_body_bytes=env_int(environ, "MAX_BODY_BYTES", 1 << 20),
            upload_max_bytes=env_int(environ, "UPLOAD_MAX_BODY_BYTES", 21 << 20),
            var_dir=Path(env_str(environ, "VAR_DIR", "var")),
            rate_per_user=env_int(environ, "RATE_LIMIT_PER_USER_PER_MINUTE", 600),
            rate_per_ip=env_int(environ, "RATE_LIMIT_PER_IP_PER_MINUTE", 1200),
            cors_origins=frozenset(o for o in env_str(environ, "CORS_ORIGINS", "").split(",") if o),
            redis_url=env_str(environ, "REDIS_URL", None),
            trusted_proxies=env_str(environ, "TRUSTED_PROXIES", ""),
            metrics_public=env_bool(environ, "METRICS_PUBLIC"),
            secret_key=env_str(environ, "SECRET_KEY", ""),
            secure_cookies=env_bool(environ, "SESSION_COOKIE_SECURE"),
            oidc_issuer=env_str(environ, "OIDC_ISSUER", ""),
            oidc_client_id=env_str(environ, "OIDC_CLIENT_ID", "iso-hcc-gateway"),
            oidc_client_secret=env_str(environ, "OIDC_CLIENT_SECRET", ""),
            oidc_scopes=env_str(environ, "OIDC_SCOPES", "openid profile"),
            oidc_redirect_uri=env_str(environ, "OIDC_REDIRECT_URI", ""),
        )
