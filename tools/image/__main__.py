"""`make image`, `make image-check`: the platform's images built without a Docker engine (ADR 21).

    python -m tools.image build [IMAGE ...]   # base from Debian, then the images; digests into the Dockerfile
                                              # (BASE_IMAGE) and the prod overlay
    python -m tools.image roots [IMAGE ...]   # their root filesystems under var/image/check, for the manifest test

IMAGE is gateway or a service (default: all six).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from .base import build_base
from .build import IMAGES, build_image, pin_base
from .buildah import VAR
from .pin import PROD, pin_digests
from .roots import export_root

CHECK = VAR / "check"


def build(images: list[str]) -> int:
    started = time.monotonic()
    base = build_base()
    print(f"base image: {base}")
    if pin_base(base):
        print("deploy/docker/Dockerfile: BASE_IMAGE now names this digest (the base's packages changed)")
    digests = {}
    for image in images:
        digests[image] = build_image(image, base)
        print(f"image iso-hcc/{image}: {digests[image]}")
    changed = pin_digests(digests)
    print(f"{PROD.relative_to(PROD.parents[4])}: {len(changed)} digest(s) changed ({', '.join(changed) or 'none'})")
    print(f"make image: {len(images)} image(s) in {time.monotonic() - started:.0f} s")
    return 0


def roots(images: list[str]) -> int:
    for image in images:
        print(f"root filesystem of iso-hcc/{image}: {export_root(image, CHECK)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.image", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("build", "roots"))
    parser.add_argument("images", nargs="*", metavar="IMAGE")
    args = parser.parse_args(argv)
    if unknown := set(args.images) - set(IMAGES):
        parser.error(f"no image {', '.join(sorted(unknown))}; the images: {', '.join(IMAGES)}")
    try:
        return {"build": build, "roots": roots}[args.command](args.images or list(IMAGES))
    except subprocess.CalledProcessError as error:
        print(f"image: {' '.join(map(str, error.cmd[:6]))}... failed (exit {error.returncode})", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
