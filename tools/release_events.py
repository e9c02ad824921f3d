"""Record newly declared event versions in libs/contracts/src/contracts/released.json.

Existing entries are never rewritten: a released version is frozen, and the contract tests fail when its
fields change. Run it after adding an event (or a v2) and commit the file with the event.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import contracts
from contracts.catalogue import field_types

RELEASED = Path(contracts.__file__).parent / "released.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--service", help="record only this service's events (e.g. training)")
    service = parser.parse_args().service
    released = json.loads(RELEASED.read_text())
    added = []
    for (event_type, version), cls in sorted(contracts.REGISTRY.items()):
        name = f"{event_type} v{version}"
        if service and not event_type.startswith(f"{service}."):
            continue
        if name not in released:
            released[name] = field_types(cls)
            added.append(name)
    RELEASED.write_text(json.dumps(dict(sorted(released.items())), indent=2, ensure_ascii=False) + "\n")
    print(f"released.json: {len(added)} new version(s): {', '.join(added) or 'none'}")


if __name__ == "__main__":
    main()
