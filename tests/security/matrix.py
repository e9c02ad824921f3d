"""The machinery of the central authorization matrix (test_matrix.py): worlds of fixture objects, route specs,
and the calls made for each route x method x role.

A `World` is one province's objects of one service, each built on first use by its `make_<name>` method
(`world["agency"]`), so a positive control gets fresh objects in the state it needs and its negatives are sent
before it, on the same objects: a negative that changed anything would make the positive fail.
"""

from __future__ import annotations

import copy
import io
import json
import re
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from kit.auth import ROLES

TENANT_ROLES = ("province_admin", "province_officer", "province_leader", "inspector", "agency_officer")
OUTSIDE_ROLES = ("platform_admin", "national_viewer")
INSPECTOR = "inspector-1"  # the team member's subject in every world
REFUSED = (403, 404)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True)
class Spec:
    """How to call one route: the path (relative to /api/v1/<service>, `{name}` filled from the world), the body
    (a dict, or a function of the world), the positive control's accepted statuses and the objects it needs."""

    path: str
    body: dict | Callable | None = None
    ok: tuple[int, ...] = (200, 201, 202, 204)
    needs: tuple[str, ...] = ()  # objects to build first, so that lists have something to leak


class World:
    """One province's objects of one service; `world[name]` builds `name` once with `make_<name>`."""

    service = ""
    province_wide: frozenset[str] = frozenset()  # objects every agency of the province may see (a class, say)
    foreign: frozenset[str] = frozenset()  # ids this service does not own (an agency id it takes on trust)

    def __init__(self, sut, issuer, tenant: str):
        self.sut, self.issuer, self.tenant = sut, issuer, tenant
        self.made: dict[str, object] = {}

    @classmethod
    def prepare(cls, sut, tenant: str) -> None:
        """Whatever a province needs before its first request (registered in the registry, say)."""

    def __getitem__(self, name: str):
        if name not in self.made:
            self.made[name] = getattr(self, f"make_{name}")()
        return self.made[name]

    @property
    def api(self) -> str:
        return f"/api/v1/{self.service}"

    def headers(self, role: str, tenant: str | None = None, agency_id: str | None = None) -> dict:
        """A token of `role`; tenant roles in this world's province (or `tenant`), agency officers of the
        world's agency (or `agency_id`), inspectors as the team member."""
        claims: dict = {"roles": [role], "sub": f"{role}-{uuid.uuid4().hex[:6]}"}
        if role in TENANT_ROLES:
            claims["tenant"] = tenant or self.tenant
        if role == "inspector":
            claims["sub"] = INSPECTOR
        if role == "agency_officer":
            claims["agency_id"] = agency_id or self.officer_agency()
        return self.issuer.headers(**claims)

    def officer_agency(self) -> str:
        """The agency an agency officer of this world belongs to (any, where the service has no agencies)."""
        if hasattr(self, "make_agency"):
            return str(self["agency"])
        return self.any_agency

    any_agency = str(uuid.uuid4())

    def call(self, method: str, path: str, body=None, role: str = "province_admin", ok=(200, 201)):
        """A set-up step through the API; fails loudly when it does not succeed."""
        headers = self.headers(role)
        if method in ("PATCH", "PUT", "DELETE"):
            headers["If-Match"] = current_etag(self, f"{self.api}{path}", headers)
        response = self.sut.client.open(f"{self.api}{path}", method=method, json=body, headers=headers)
        assert response.status_code in ok, (method, path, response.status_code, response.get_data(as_text=True))
        return response.get_json()

    def fill(self, spec: Spec) -> tuple[str, object]:
        for name in spec.needs:
            self[name]
        path = self.api + spec.path.format_map(self)
        body = spec.body(self) if callable(spec.body) else copy.deepcopy(spec.body)
        return path, body

    def ids(self, agency_owned: bool = False) -> set[str]:
        """Every id of this service's objects in this world, to look for in another province's answers (or only
        those an agency owns, for another agency's answers)."""
        skip = self.foreign | (self.province_wide if agency_owned else frozenset())
        return uuids(json.dumps({k: v for k, v in self.made.items() if k not in skip}, default=str))

    def agency_owned(self, spec: Spec) -> bool:
        """Whether the path names an object an agency owns (else another agency's officer may see it)."""
        names = set(re.findall(r"{(\w+)}", spec.path))
        return bool(names - self.province_wide - self.foreign)


def uuids(text: str) -> set[str]:
    return set(UUID.findall(text.lower()))


@dataclass
class Tally:
    """What the matrix did: every call, every unauthorized success, every positive control."""

    routes: int = 0
    calls: int = 0
    positives: int = 0
    negatives: int = 0
    unauthorized_successes: list = field(default_factory=list)
    failed_positives: list = field(default_factory=list)

    def line(self, service: str) -> str:
        return (f"matrix {service}: routes={self.routes} calls={self.calls} positives passed={self.positives} "
                f"negatives={self.negatives} unauthorized successes={len(self.unauthorized_successes)} "
                f"failed positives={len(self.failed_positives)}")


def send(world: World, method: str, path: str, body, headers: dict, tally: Tally):
    tally.calls += 1
    if method in ("PATCH", "PUT", "DELETE"):
        headers = {**headers, "If-Match": current_etag(world, path, headers)}
    return world.sut.client.open(path, method=method, json=body, headers=headers)


def current_etag(world: World, path: str, headers: dict) -> str:
    """The ETag a caller would have read before changing the resource (kit.preconditions): a GET of the same path
    as the same caller; `"1"` when that answers none (a refused read: the change must be refused for the same
    reason, not for its version)."""
    return world.sut.client.get(path, headers=headers).headers.get("ETag", '"1"')


def check_route(make_world: Callable[[], World], other_tenant: str, method: str, rule: str, spec: Spec,
                allowed: frozenset[str], tally: Tally) -> None:
    """Every role on one route: 401 without a token, positives for the allowed roles, each preceded by its
    negatives (another province, another agency), and 403 for every other role."""
    tally.routes += 1
    names_object = "{" in spec.path
    denied_world = make_world()
    path, body = denied_world.fill(spec)
    _negative(tally, send(denied_world, method, path, body, {}, tally), (401,), (method, rule, "anonymous", "no token"))
    for role in sorted(ROLES):
        if role not in allowed:
            path, body = denied_world.fill(spec)
            response = send(denied_world, method, path, body, denied_world.headers(role), tally)
            _negative(tally, response, (403,), (method, rule, role, "role not allowed"))
            continue
        world = make_world()
        path, body = world.fill(spec)
        if role in TENANT_ROLES:
            other = world.headers(role, tenant=other_tenant, agency_id=str(uuid.uuid4()))
            _cross(world, tally, method, path, body, other, names_object, (method, rule, role, "another province"),
                   world.ids())
        if role == "agency_officer" and (world.agency_owned(spec) or not names_object):
            stranger = world.headers(role, agency_id=str(uuid.uuid4()))
            _cross(world, tally, method, path, body, stranger, names_object, (method, rule, role, "another agency"),
                   world.ids(agency_owned=True))
        response = send(world, method, path, body, world.headers(role), tally)
        if response.status_code in spec.ok:
            tally.positives += 1
        else:
            tally.failed_positives.append((method, rule, role, response.status_code,
                                           text_of(response)[:300]))


def _cross(world: World, tally: Tally, method: str, path: str, body, headers: dict, names_object: bool, what,
           ids: set[str]):
    """A caller from elsewhere: refused on a named object; on a collection, none of `ids` leak out and a body
    naming one of them is refused."""
    response = send(world, method, path, body, headers, tally)
    names_in_body = method != "GET" and ids & uuids(json.dumps(body or {}))
    if names_object:  # a body naming the province's objects may be refused for them first (422)
        _negative(tally, response, REFUSED + ((422,) if names_in_body else ()), what)
    elif names_in_body:
        _negative(tally, response, REFUSED, what, strict=False)
    elif method == "GET":
        tally.negatives += 1
        leaked = ids & uuids(text_of(response))
        if leaked:
            tally.unauthorized_successes.append((*what, response.status_code, f"leaked {sorted(leaked)[:3]}"))


def text_of(response) -> str:
    """The answer as text: JSON as is, an .xlsx or .docx by the XML inside it, anything else byte for byte."""
    data = response.get_data()
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return data.decode("utf-8", "replace")


def _negative(tally: Tally, response, expected: tuple[int, ...], what, strict: bool = True) -> None:
    tally.negatives += 1
    code = response.status_code
    if 200 <= code < 300:
        tally.unauthorized_successes.append((*what, code, text_of(response)[:200]))
    elif strict and code not in expected:
        tally.unauthorized_successes.append((*what, code, "expected " + "/".join(map(str, expected))))
    elif not strict and code not in REFUSED + (400, 409, 422):
        tally.unauthorized_successes.append((*what, code, "neither refused nor rejected"))
