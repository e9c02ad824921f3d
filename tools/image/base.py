"""The base image, made from Debian because no container registry is reachable (ADR 21).

mmdebstrap writes bookworm's essential packages plus Python 3.11, venv, DejaVu, the CA certificates and the time
zones as one tar, every file dated SOURCE_DATE_EPOCH; that tar is the single, uncompressed layer of an OCI image
written to var/image/oci/base, which buildah copies into its storage as localhost/iso-hcc/base:bookworm. The same
Debian packages and the same epoch give the same tar, hence the same digest; a point release of bookworm changes
them, and `make image` then writes the new digest into deploy/docker/Dockerfile (BASE_IMAGE).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from localinfra.debian import ensure_file

from .buildah import VAR, buildah

MMDEBSTRAP = Path("/usr/bin/mmdebstrap")
NAME = "localhost/iso-hcc/base:bookworm"
SUITE = "bookworm"
# 2025-05-20: every file of the tar gets this date, so the tar does not depend on when it was made.
EPOCH = 1747699200
PACKAGES = ["python3", "python3-venv", "fonts-dejavu-core", "ca-certificates", "tzdata", "passwd", "usr-is-merged"]
# What a container runtime mounts over them; they exist, empty, so a read-only root can have them bound too.
# The machine's apt sources and resolver would make the tar depend on the machine (the image has no apt).
HOOK = ('rm -f "$1"/etc/apt/sources.list "$1"/etc/apt/sources.list.d/* && : > "$1/etc/resolv.conf"'
        ' && : > "$1/etc/hostname"'
        ' && printf "127.0.0.1 localhost\\n::1 localhost ip6-localhost ip6-loopback\\n" > "$1/etc/hosts"')
# Documentation and translations: nobody reads them in a pod (the copyright files stay).
DPKG_EXCLUDES = ["path-exclude=/usr/share/man/*", "path-exclude=/usr/share/locale/*",
                 "path-exclude=/usr/share/doc/*", "path-include=/usr/share/doc/*/copyright"]
APT_SOURCES = Path("/etc/apt/sources.list.d/debian.sources")  # the machine's own Debian mirror


def rootfs_tar(out: Path) -> Path:
    """bookworm as a tar, dated EPOCH, from the Debian mirror the machine's apt uses."""
    ensure_file(MMDEBSTRAP, "mmdebstrap")
    mirror = [str(APT_SOURCES)] if APT_SOURCES.exists() else []
    argv = [str(MMDEBSTRAP), "--variant=essential", f"--include={','.join(PACKAGES)}", "--format=tar",
            f"--customize-hook={HOOK}", *(f"--dpkgopt={o}" for o in DPKG_EXCLUDES), SUITE, str(out), *mirror]
    subprocess.run(argv, check=True, env={"SOURCE_DATE_EPOCH": str(EPOCH), "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})
    return out


def blob(layout: Path, data: bytes | Path, media_type: str) -> dict:
    """Store DATA (bytes, or a file moved in) under blobs/sha256; its OCI descriptor."""
    blobs = layout / "blobs" / "sha256"
    blobs.mkdir(parents=True, exist_ok=True)
    if isinstance(data, Path):
        digest, size = sha256_file(data), data.stat().st_size
        data.replace(blobs / digest)
    else:
        digest, size = hashlib.sha256(data).hexdigest(), len(data)
        (blobs / digest).write_bytes(data)
    return {"mediaType": media_type, "digest": f"sha256:{digest}", "size": size}


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def canonical(document: dict) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode()


def oci_layout(tar: Path, layout: Path, architecture: str) -> str:
    """An OCI image layout whose one layer is TAR; the manifest's digest."""
    created = datetime.fromtimestamp(EPOCH, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    diff_id = f"sha256:{sha256_file(tar)}"
    config = {"created": created, "architecture": architecture, "os": "linux",
              "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"],
                         "Cmd": ["/bin/sh"]},
              "rootfs": {"type": "layers", "diff_ids": [diff_id]},
              "history": [{"created": created, "created_by": f"mmdebstrap {SUITE} {' '.join(PACKAGES)}"}]}
    layer = blob(layout, tar, "application/vnd.oci.image.layer.v1.tar")
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": blob(layout, canonical(config), "application/vnd.oci.image.config.v1+json"),
                "layers": [layer]}
    described = blob(layout, canonical(manifest), manifest["mediaType"])
    described["annotations"] = {"org.opencontainers.image.ref.name": SUITE}
    (layout / "index.json").write_bytes(canonical({"schemaVersion": 2, "manifests": [described]}))
    (layout / "oci-layout").write_text('{"imageLayoutVersion":"1.0.0"}')
    return described["digest"]


def build_base() -> str:
    """Make the base image and copy it into buildah's storage; `localhost/iso-hcc/base@<digest>`."""
    layout = VAR / "oci" / "base"
    subprocess.run(["rm", "-rf", str(layout)], check=True)
    layout.mkdir(parents=True)
    architecture = subprocess.run(["dpkg", "--print-architecture"], check=True, capture_output=True,
                                  text=True).stdout.strip()
    digest = oci_layout(rootfs_tar(layout / "rootfs.tar"), layout, architecture)
    # a relative path: buildah names what it pulls after the path, and a name must be lower case
    image_id = buildah("pull", "--quiet", f"oci:{layout.name}:{SUITE}", capture=True, cwd=layout.parent)
    buildah("tag", image_id, NAME)
    buildah("rmi", f"localhost/{layout.name}:latest")
    return f"{NAME.split(':')[0]}@{digest}"
