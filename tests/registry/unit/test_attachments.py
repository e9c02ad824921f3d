"""The attachments' rules: the name kept for a file and when a deleted one's file goes (ADR 31)."""

from datetime import UTC, datetime, timedelta

import pytest

from registry.model.attachments import GRACE, purge_due, safe_file_name

NOW = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)


class TestPurgeDue:
    def test_a_file_deleted_within_the_grace_period_is_kept(self):
        assert not purge_due(NOW - GRACE + timedelta(seconds=1), NOW)

    def test_a_file_deleted_the_grace_period_ago_goes(self):
        assert purge_due(NOW - GRACE, NOW)

    def test_a_file_not_deleted_is_never_purged(self):
        assert not purge_due(None, NOW + timedelta(days=3650))


class TestSafeFileName:
    @pytest.mark.parametrize(("sent", "kept"), [
        ("Quyết định công bố.pdf", "Quyết định công bố.pdf"),
        ("C:\\Users\\van thu\\Biên bản.docx", "Biên bản.docx"),
        ("../../etc/passwd", "passwd"),
        ('a"b\r\n.pdf', "ab.pdf"),
        ("", "tep-dinh-kem"),
        (None, "tep-dinh-kem"),
    ])
    def test_only_the_last_printable_part_of_the_name_is_kept(self, sent, kept):
        assert safe_file_name(sent) == kept

    def test_a_long_name_keeps_its_end_and_so_its_extension(self):
        assert safe_file_name("x" * 300 + ".pdf") == "x" * 251 + ".pdf"
