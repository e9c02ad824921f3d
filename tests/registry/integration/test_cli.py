"""cli.py: `python -m registry import-xlsx`, the bulk import from a terminal (progress, summary, exit status)."""

import io

from registry.cli import run_import
from tests.registry.integration.test_spreadsheets import communes
from tests.support.service import outbox


class TestCommandLine:
    def test_a_large_file_shows_progress_and_a_summary(self, runtime, province, tmp_path):
        path = tmp_path / "co-quan.xlsx"
        path.write_bytes(communes(600))
        out = io.StringIO()

        status = run_import(runtime, path, province, out=out)

        lines = out.getvalue().splitlines()
        assert status == 0 and len(outbox(runtime, province, topic="registry.agency")) == 600
        assert [line for line in lines if line.startswith("[")] == [  # a line per chunk written (CHUNK = 500)
            f"[{'#' * 25}{'.' * 5}]  83% 500/600", f"[{'#' * 30}] 100% 600/600"]
        assert lines[-1] == "Đã nhập 600 cơ quan / imported 600 agencies"

    def test_a_bad_row_imports_nothing_and_is_named(self, runtime, province, tmp_path):
        path = tmp_path / "co-quan.xlsx"
        path.write_bytes(communes(20, bad_row=7))
        out = io.StringIO()

        status = run_import(runtime, path, province, out=out)

        assert status == 1 and outbox(runtime, province, topic="registry.agency") == []
        assert "dòng 7, cột «Loại cơ quan»" in out.getvalue()

    def test_partial_mode_imports_the_valid_rows(self, runtime, province, tmp_path):
        path = tmp_path / "co-quan.xlsx"
        path.write_bytes(communes(20, bad_row=7))

        assert run_import(runtime, path, province, partial=True, out=io.StringIO()) == 1
        assert len(outbox(runtime, province, topic="registry.agency")) == 19

    def test_a_file_that_is_not_an_xlsx_exits_with_2(self, runtime, province, tmp_path):
        path = tmp_path / "co-quan.csv"
        path.write_text("a,b\n")

        assert run_import(runtime, path, province, out=io.StringIO()) == 2
