"""The OIDC authorization-code flow with state and PKCE (S256), for a confidential client.

`fetch` does the outbound HTTP (discovery and the token exchange), so tests can put a fake provider behind it.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import urllib3

# Discovery may redirect (followed, up to 5 times); nothing is retried once sent.
HTTP = urllib3.PoolManager(timeout=urllib3.Timeout(connect=3, read=10),
                           retries=urllib3.Retry(total=5, connect=0, read=False, other=0, status=0))


@dataclass(frozen=True)
class OidcSettings:
    issuer: str
    client_id: str
    client_secret: str
    scopes: str = "openid profile"
    redirect_uri: str | None = None


@dataclass(frozen=True)
class Challenge:
    """What the session keeps between the redirect and the callback."""

    state: str
    verifier: str


class ProviderError(Exception):
    """The provider answered with an error status."""


def http_fetch(method: str, url: str, data: dict | None = None, auth: tuple[str, str] | None = None) -> dict:
    """The production `fetch`: JSON over HTTPS with timeouts; a form body for `data`, HTTP Basic for `auth`;
    raises on a non-2xx answer."""
    headers = {"Accept": "application/json"}
    body = None
    if data is not None:
        body, headers["Content-Type"] = urlencode(data), "application/x-www-form-urlencoded"
    if auth is not None:
        headers.update(urllib3.make_headers(basic_auth=f"{auth[0]}:{auth[1]}"))
    response = HTTP.request(method, url, body=body, headers=headers)
    if response.status >= 400:
        raise ProviderError(f"{method} {url}: {response.status}")
    return response.json()


class OidcClient:
    """Discovers the provider once, builds the authorization URL, exchanges the code for tokens."""

    def __init__(self, settings: OidcSettings, fetch: Callable[..., dict] = http_fetch):
        self.settings, self.fetch = settings, fetch
        self._metadata: dict | None = None

    def metadata(self) -> dict:
        if self._metadata is None:
            url = self.settings.issuer.rstrip("/") + "/.well-known/openid-configuration"
            self._metadata = self.fetch("GET", url)
        return self._metadata

    def start(self, redirect_uri: str) -> tuple[str, Challenge]:
        """The URL to send the browser to, and the challenge to keep in the session."""
        challenge = Challenge(secrets.token_urlsafe(24), secrets.token_urlsafe(48))
        digest = hashlib.sha256(challenge.verifier.encode()).digest()
        query = {"response_type": "code", "client_id": self.settings.client_id, "redirect_uri": redirect_uri,
                 "scope": self.settings.scopes, "state": challenge.state,
                 "code_challenge": base64.urlsafe_b64encode(digest).rstrip(b"=").decode(),
                 "code_challenge_method": "S256"}
        return f"{self.metadata()['authorization_endpoint']}?{urlencode(query)}", challenge

    def exchange(self, code: str, verifier: str, redirect_uri: str) -> dict:
        """Trade the code for the provider's tokens (client_secret_basic)."""
        data = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                "code_verifier": verifier}
        return self.fetch("POST", self.metadata()["token_endpoint"], data=data,
                          auth=(self.settings.client_id, self.settings.client_secret))
