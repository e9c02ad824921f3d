"""The prod overlay's images by digest: each `images:` entry of deploy/k8s/overlays/prod/kustomization.yaml gets
`digest: sha256:...` (in place of a tag); its newName, the registry's host name, stays as it is."""

from __future__ import annotations

import re
from pathlib import Path

from .buildah import ROOT

PROD = ROOT / "deploy" / "k8s" / "overlays" / "prod" / "kustomization.yaml"


def pin_digests(digests: dict[str, str], kustomization: Path = PROD) -> list[str]:
    """Write DIGESTS ({image: sha256:...}) into KUSTOMIZATION; the images whose digest changed."""
    text, changed = kustomization.read_text(), []
    for image, digest in digests.items():
        entry = re.compile(rf"^(  - name: iso-hcc/{image}\n    newName: \S+\n)    (?:newTag|digest): (\S+)\n",
                           re.MULTILINE)
        found = entry.search(text)
        if found is None:
            raise LookupError(f"{kustomization}: no images entry for iso-hcc/{image} with newName")
        if found.group(2).strip('"') != digest:
            changed.append(image)
        text = entry.sub(lambda m, d=digest: f"{m.group(1)}    digest: {d}\n", text)
    kustomization.write_text(text)
    return changed
