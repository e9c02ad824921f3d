"""The 2025 reorganisation in the pages (issue 19, ADR 16): a merged province's records stay, read only.

A province merged into another (Bình Thuận into Lâm Đồng from 1/7/2025) keeps its users and its records: its
pages carry a banner naming the successor and the date, and show no form that writes (the services would refuse
it anyway, 409 `province_succeeded`). The successor's users read the predecessors' agencies in the archive
(`/archive`), each page read only.
"""

from __future__ import annotations

import contextlib

from flask import redirect, render_template, request, session, url_for

from gateway.web import client
from gateway.web.blueprint import PROVINCE_ROLES, bp, can, login_required, succession, user

CODE = "province_succeeded"
CURRENT = "registry/tenants/current"  # the user's province with its lineage today
PAGE_SIZE = 25


def on_sign_in() -> None:
    """Note in the session whether the user's province merged into another, and the provinces merged into it (its
    archive). Read once per sign-in: a merger during a session shows at the next refused write (`remember`) or
    the next sign-in."""
    if not (user() or {}).get("tenant"):
        return
    # When the registry cannot tell, the pages still work: the banner waits for the next refusal or sign-in.
    with contextlib.suppress(client.ApiError, client.UpstreamUnavailable):
        province = client.get(CURRENT)
        if province.get("merged_into"):
            session["succeeded"] = {"successor": province["merged_into"],
                                    "successor_name": province.get("successor_name") or "",
                                    "effective_date": province.get("effective_date") or "",
                                    "province_name": province.get("name", "")}
        predecessors = {p["id"]: p["name"] for p in province.get("predecessors", [])}
        session["user"] = {**session["user"], "archive": bool(predecessors) and can(*PROVINCE_ROLES),
                           "predecessors": predecessors, "province_name": province.get("name") or ""}


def refusal(exc: client.ApiError) -> dict | None:
    """The successor, its name and the effective date of a `province_succeeded` refusal; None for any other."""
    problem = exc.problem
    if exc.status != 409 or problem.get("code") != CODE:
        return None
    return {"successor": problem.get("successor", ""), "successor_name": problem.get("successor_name", ""),
            "effective_date": problem.get("effective_date", "")}


def remember(exc: client.ApiError) -> None:
    """A write refused because the province merged: from now on the pages say so and hide their forms."""
    found = refusal(exc)
    if found and "succeeded" not in session:
        try:
            name = client.get(CURRENT).get("name", "")
        except (client.ApiError, client.UpstreamUnavailable):
            name = (user() or {}).get("tenant", "")
        session["succeeded"] = {**found, "province_name": name}


def predecessor_record(record: dict) -> bool:
    """Whether `record` (with its `tenant_id`) belongs to another province: one merged into the user's."""
    tenant = (user() or {}).get("tenant")
    return bool(tenant and record.get("tenant_id") not in (None, tenant))


@bp.get("/archive")
@login_required
def archive():
    """The archive: a successor's users see the agencies of the provinces merged into theirs; a merged province's
    users see their own (all of it is an archive now). Filtered by name; read only."""
    q = request.args.get("q", "").strip()
    page = max(1, request.args.get("page", 1, type=int))
    provinces = ([(user() or {}).get("tenant", "")] if succession() is not None
                 else sorted((user() or {}).get("predecessors", {})))
    wanted = request.args.get("province")
    shown = [wanted] if wanted in provinces else provinces
    items, total = [], 0
    for province in shown:  # one registry page per province (a lineage list narrowed to it)
        listing = client.get("registry/agencies", lineage="true", province=province, page=page,
                             page_size=PAGE_SIZE, **({"q": q} if q else {}))
        items += listing["items"]
        total = max(total, listing["total"])
    pages = max(1, -(-total // PAGE_SIZE))
    return render_template("archive.html", items=items, total=total, q=q, page=page, pages=pages,
                           names=province_names(), provinces=provinces, province=wanted)


def province_names() -> dict[str, str]:
    """Province slugs to names, as far as the user may read them: the user's own province's merger names the
    successor and the province itself; national roles read every tenant."""
    names = dict((user() or {}).get("predecessors", {}))
    merged = succession()
    if merged:
        names[merged["successor"]] = merged["successor_name"]
        names[(user() or {}).get("tenant", "")] = merged["province_name"]
    if can("national_viewer", "platform_admin"):
        with contextlib.suppress(client.ApiError):
            names.update({tenant["id"]: tenant["name"] for tenant in client.get("registry/tenants")})
    return names


def home_redirect():
    """A merged province's users land on their archive."""
    if succession() is not None and can(*PROVINCE_ROLES):
        return redirect(url_for("web.archive"))
    return None
