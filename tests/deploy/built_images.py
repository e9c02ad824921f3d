"""The built images the manifest test can run its containers in (`make image-check`): MANIFEST_IMAGE_ROOT names a
folder with <image>/rootfs, a copy of the image's files, and <image>/config.json, its OCI configuration
(tools/image/roots.py writes both)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

IMAGE_ROOT_ENV = "MANIFEST_IMAGE_ROOT"


@dataclass(frozen=True)
class Image:
    """A built image, unpacked: its files and what its configuration says a container starts with."""

    root: Path
    env: dict[str, str]
    entrypoint: list[str]
    cmd: list[str]
    workdir: str


def image_name(container: dict) -> str:
    """`registry` of `registry.example.gov.vn/iso-hcc/registry@sha256:...` or `iso-hcc/registry:1.0`."""
    return container["image"].rsplit("/", 1)[-1].split("@")[0].split(":")[0]


def built_image(container: dict) -> Image | None:
    """The container's image under MANIFEST_IMAGE_ROOT, or None (not set, or not one of ours: the machine's root)."""
    folder = os.environ.get(IMAGE_ROOT_ENV)
    if not folder or "iso-hcc/" not in container["image"]:
        return None
    image = Path(folder).resolve() / image_name(container)
    if not (image / "rootfs").is_dir():
        raise FileNotFoundError(f"{IMAGE_ROOT_ENV}: no {image}/rootfs; `make image-check` exports it")
    config = json.loads((image / "config.json").read_text())
    env = dict(item.split("=", 1) for item in config.get("Env") or [])
    return Image(image / "rootfs", env, config.get("Entrypoint") or [], config.get("Cmd") or [],
                 config.get("WorkingDir") or "/")


def resolve_in(root: Path, path: str) -> str:
    """PATH with its symbolic links resolved as if ROOT were `/` (an image's /var/run is a link to /run)."""
    if root == Path("/"):
        return os.path.realpath(path)
    parts, resolved, hops = list(Path(path).parts[1:]), Path("/"), 0
    while parts:
        candidate = resolved / parts.pop(0)
        if (root / candidate.relative_to("/")).is_symlink() and hops < 40:
            target, hops = os.readlink(root / candidate.relative_to("/")), hops + 1
            parts = list(Path(target).parts[1:] if target.startswith("/") else Path(target).parts) + parts
            resolved = Path("/") if target.startswith("/") else resolved
        elif candidate.name == "..":
            resolved = resolved.parent
        else:
            resolved = candidate
    return str(resolved)
