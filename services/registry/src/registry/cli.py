"""`python -m registry import-xlsx FILE --tenant T [--partial]`: the bulk import from a terminal."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from kit import cli, tenancy
from kit.errors import DomainError
from kit.messages import render
from registry.documents import xlsx
from registry.messages import MESSAGES, say
from registry.services import spreadsheets

PROGRESS_EVERY = 250
BAR_WIDTH = 30


def import_xlsx(service, settings, args) -> None:
    """The `import-xlsx` command."""
    if not (args.file and args.tenant):
        raise SystemExit("import-xlsx needs FILE and --tenant (layout in docs/registry-xlsx.md)")
    raise SystemExit(run_import(cli.runtime(service, settings), args.file, args.tenant, partial=args.partial))


def arguments(parser) -> None:
    parser.add_argument("file", nargs="?", help="import-xlsx: the workbook (layout in docs/registry-xlsx.md)")
    parser.add_argument("--tenant", help="import-xlsx: the province, e.g. an-giang")
    parser.add_argument("--partial", action="store_true", help="import-xlsx: import the valid rows, list the rest")


def run_import(runtime, path: str | Path, tenant: str, *, partial: bool = False, out: TextIO = sys.stderr) -> int:
    """Import the agencies of an .xlsx into `tenant`; progress and summary go to `out`. Returns the exit status:
    0 every row imported, 1 row errors (nothing imported unless `partial`), 2 the file or the province is wrong."""
    try:
        rows = xlsx.read_rows(Path(path))
        print(f"{path}: {len(rows)} dòng / rows", file=out)
        uow = runtime.uow(tenancy.tenant_id(tenant))
        result = spreadsheets.import_agencies(uow, rows, partial=partial, progress=ProgressBar(out))
    except DomainError as exc:  # the file or the province is wrong (NotAWorkbook, LayoutInvalid...)
        print(f"Lỗi / error: {render(exc, MESSAGES)}", file=out)
        return 2
    except (ValueError, OSError) as exc:
        print(f"Lỗi / error: {exc}", file=out)
        return 2
    summarize(result, out)
    return 1 if result.errors else 0


class ProgressBar:
    """A `progress(done, total)` callback: a bar every PROGRESS_EVERY rows and at the end."""

    def __init__(self, out: TextIO):
        self.out = out

    def __call__(self, done: int, total: int) -> None:
        if done % PROGRESS_EVERY and done != total:
            return
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        print(f"[{bar}] {100 * done // max(total, 1):3d}% {done}/{total}", file=self.out, flush=True)


def summarize(result: spreadsheets.ImportResult, out: TextIO) -> None:
    for error in result.errors:
        column = f", cột «{error.column}»" if error.column else ""
        print(f"dòng {error.row}{column}: {say(error.code, error.params)}", file=out)
    if result.imported:
        skipped = f"; bỏ qua {len(result.errors)} lỗi / {len(result.errors)} errors skipped" if result.errors else ""
        print(f"Đã nhập {result.imported} cơ quan / imported {result.imported} agencies{skipped}", file=out)
    else:
        print(f"Không nhập cơ quan nào: {len(result.errors)} lỗi / nothing imported: "
              f"{len(result.errors)} errors", file=out)
