"""How `make test` shares the tests between its two pytest-xdist workers.

A test file runs whole on one worker, so its module fixtures (an end-to-end module's topology) are set up once; the
browser tests all run on the same worker, as they share one topology (tests/web/conftest.py, package scope).
(xdist's own `--dist loadgroup` marks cannot express this with pytest 9: xdist renames the tests' `_nodeid`, which
pytest 9 no longer reads.)
"""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

TOGETHER = ("tests/web/",)  # folders whose files share a package-scoped fixture


class FilesTogether(LoadScopeScheduling):
    def _split_scope(self, nodeid: str) -> str:
        path = nodeid.split("::", 1)[0]
        return next((folder for folder in TOGETHER if path.startswith(folder)), path)
