"""How `make test` shares the tests between its two pytest-xdist workers.

A test file runs whole on one worker, so its module fixtures (an end-to-end module's topology) are set up once; the
browser tests all run on the same worker, as they share one topology (tests/web/conftest.py, package scope).
(xdist's own `--dist loadgroup` marks cannot express this with pytest 9: xdist renames the tests' `_nodeid`, which
pytest 9 no longer reads.)

The files that take minutes (whole topologies, the benchmarks' smoke run, the demo's figures) are handed out first,
longest first, and the many short files fill the gaps after them: handed out last, one of them would leave the other
worker idle for its whole length.
"""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

TOGETHER = ("tests/web/",)  # folders whose files share a package-scoped fixture
# Longest first (their durations in `make test`'s report of its slowest tests).
FIRST = ("tests/bench/", "tests/e2e/test_demo_figures.py", "tests/web/", "tests/e2e/",
         "tests/deploy/test_manifests_run.py", "tests/faults/")


class FilesTogether(LoadScopeScheduling):
    def __init__(self, config, log=None) -> None:
        config.option.loadscopereorder = False  # the order is the collection's, set by `first`
        super().__init__(config, log)

    def _split_scope(self, nodeid: str) -> str:
        path = nodeid.split("::", 1)[0]
        return next((folder for folder in TOGETHER if path.startswith(folder)), path)


def first(items: list) -> None:
    """Order the collected tests so that the long files come first, in FIRST's order, the rest as collected."""
    def rank(item) -> int:
        return next((n for n, prefix in enumerate(FIRST) if item.nodeid.startswith(prefix)), len(FIRST))

    items.sort(key=rank)
