"""The images' root filesystems as folders, for the manifest test run inside them (MANIFEST_IMAGE_ROOT,
tests/deploy/pods.py): <out>/<image>/rootfs is a copy of the image's files, <out>/<image>/config.json its OCI
configuration (Env, Entrypoint, Cmd, WorkingDir, User). A copy, not buildah's mount, so that nothing stays mounted
under var/ when the test ends or fails."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .build import local_name
from .buildah import buildah


def export_root(image: str, out: Path) -> Path:
    """Copy IMAGE's files and configuration into OUT/IMAGE; that folder."""
    folder = out / image
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    inspected = json.loads(buildah("inspect", "--type", "image", local_name(image), capture=True))
    (folder / "config.json").write_text(json.dumps(inspected["OCIv1"]["config"], indent=2))
    container = f"iso-hcc-check-{image}"
    existing = buildah("containers", "--quiet", "--filter", f"name=^{container}$", capture=True)
    if existing:
        buildah("rm", container, capture=True)
    buildah("from", "--quiet", "--pull=never", "--name", container, local_name(image), capture=True)
    try:
        mounted = buildah("mount", container, capture=True)
        subprocess.run(["cp", "-a", f"{mounted}/.", str(folder / "rootfs")], check=True)
    finally:
        buildah("rm", container, capture=True)  # unmounts it too
    return folder
