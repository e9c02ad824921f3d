"""The service images: deploy/docker/Dockerfile built by buildah on the base, each written as an OCI image layout
(var/image/oci/<image>), whose manifest digest is the one a registry keeps when the layout is copied there
unchanged (`skopeo copy --preserve-digests`, docs/operations/image.md)."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from .base import EPOCH
from .buildah import ROOT, VAR, buildah

DOCKERFILE = ROOT / "deploy" / "docker" / "Dockerfile"
IMAGES = ("gateway", "registry", "inspections", "training", "budget", "reporting", "notifications")
BASE_ARG = re.compile(r"^ARG BASE_IMAGE=(\S+)$", re.MULTILINE)
# The RUN steps (pip) see the machine's CA bundle in place of the image's: a machine behind a TLS-inspecting proxy
# trusts its CA there. A bind mount during RUN only; the image keeps Debian's bundle.
CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")


def local_name(image: str) -> str:
    return f"localhost/iso-hcc/{image}:latest"


def dockerfile_base() -> str:
    """The base image the Dockerfile names (ARG BASE_IMAGE)."""
    return BASE_ARG.search(DOCKERFILE.read_text()).group(1)


def pin_base(base: str) -> bool:
    """Write BASE into the Dockerfile's ARG BASE_IMAGE; whether it changed."""
    text = DOCKERFILE.read_text()
    pinned = BASE_ARG.sub(f"ARG BASE_IMAGE={base}", text)
    DOCKERFILE.write_text(pinned)
    return pinned != text


def build_image(image: str, base: str) -> str:
    """Build IMAGE (`gateway` or a service) from BASE; the digest of its OCI layout's manifest."""
    trust = ["--volume", f"{CA_BUNDLE}:{CA_BUNDLE}:ro"] if CA_BUNDLE.exists() else []
    buildah("bud", "--isolation", "chroot", "--pull=never", "--timestamp", str(EPOCH), *trust,
            "--ignorefile", str(DOCKERFILE.with_name("Dockerfile.dockerignore")), "-f", str(DOCKERFILE),
            "--build-arg", f"SERVICE={image}", "--build-arg", f"BASE_IMAGE={base}",
            "--build-arg", f"SOURCE_DATE_EPOCH={EPOCH}", "-t", local_name(image), str(ROOT))
    layout = VAR / "oci" / image
    shutil.rmtree(layout, ignore_errors=True)  # the previous build's blobs would stay in it
    with tempfile.TemporaryDirectory() as scratch:
        digestfile = Path(scratch) / "digest"
        buildah("push", "--quiet", "--format", "oci", "--digestfile", str(digestfile), local_name(image),
                f"oci:{layout}:latest")
        return digestfile.read_text().strip()
