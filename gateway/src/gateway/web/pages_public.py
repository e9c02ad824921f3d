"""The public list of announced agencies (công khai, issue 25): pages anyone may read without logging in, from
the registry's public routes, kept briefly in the gateway's PublicCache (docs/adr/0032)."""

from __future__ import annotations

import json
import math
import re
from urllib.parse import urlencode

from flask import abort, current_app, g, render_template, request

from gateway.proxy import Reply, UpstreamUnavailable
from gateway.web import client, fmt, problems
from gateway.web.blueprint import bp

PUBLIC = "/api/v1/registry/public"
PROVINCE = re.compile(r"[a-z0-9-]{1,64}")  # a slug or an official code: nothing that leaves the list's path


@bp.get("/cong-khai")
def public_provinces():
    """Today's provinces, each a link to its list."""
    reply = _fetch("provinces", {})
    if reply.status != 200:
        raise UpstreamUnavailable(f"the registry answered {reply.status}")
    return render_template("public_provinces.html", provinces=json.loads(reply.body))


@bp.get("/cong-khai/<province>")
def public_list(province: str):
    """One province's list: search by name, the day it is of, pages, and the CSV and JSON of the same rows."""
    if not PROVINCE.fullmatch(province):
        abort(404)
    query = {"q": request.args.get("q", "").strip()[:100], "ngay": fmt.typed_day(request.args.get("ngay", ""))}
    page = max(request.args.get("page", 1, type=int), 1)
    reply = _fetch(f"{province}/announced", {**query, "page": page})
    if reply.status >= 500:
        raise UpstreamUnavailable(f"the registry answered {reply.status}")
    if reply.status == 404:
        message = problems.say(_refusal(reply))
        return render_template("error.html", status=404, message=message), 404
    found, refused = (json.loads(reply.body), None) if reply.status == 200 else (None, _detail(reply))
    downloads = {kind: f"{PUBLIC}/{province}/announced{suffix}?{urlencode(_given(query))}".rstrip("?")
                 for kind, suffix in (("csv", ".csv"), ("json", ""))}
    pages = math.ceil(found["total"] / found["page_size"]) if found else 0
    return render_template("public_list.html", found=found, refused=refused, query=query, page=page, pages=pages,
                           province=province, downloads=downloads, pager={"province": province, **_given(query)})


def _fetch(path: str, query: dict) -> Reply:
    """The registry's answer for a public path, through the cache; the query in a fixed order (one cache key)."""
    given = urlencode(_given(query)).encode()
    target = f"{PUBLIC}/{path}"
    registry = current_app.extensions["gateway"]["upstreams"]["registry"]
    headers = {"Accept": "application/json", "X-Request-Id": g.get("request_id", "")}
    return current_app.extensions["web"]["public_cache"].get(
        f"{target}?{given.decode()}", lambda: registry.forward("GET", target, given, headers, b""))


def _given(query: dict) -> dict:
    return {name: value for name, value in sorted(query.items()) if value not in (None, "")}


def _refusal(reply: Reply) -> client.ApiError:
    try:
        problem = json.loads(reply.body)
    except ValueError:
        problem = {}
    return client.ApiError(reply.status, "", problem=problem if isinstance(problem, dict) else {}, service="registry")


def _detail(reply: Reply) -> str:
    refusal = _refusal(reply)
    return "; ".join(" ".join(messages) for messages in problems.fields(refusal).values()) or problems.say(refusal)
