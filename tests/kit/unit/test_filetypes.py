"""Uploads are judged by their content within a size limit, never by their name (kit.filetypes, ADR 31)."""

import hashlib
import io

import pytest

from kit import filetypes
from kit.filetypes import TooLarge, TypeNotAllowed
from tests.support import files


class TestSniff:
    @pytest.mark.parametrize(("content", "expected"), [
        (files.PDF, filetypes.PDF), (files.PNG, filetypes.PNG), (files.JPEG, filetypes.JPEG),
        (files.docx(), filetypes.DOCX), (files.xlsx(), filetypes.XLSX),
    ], ids=["pdf", "png", "jpeg", "docx", "xlsx"])
    def test_each_allowed_type_is_recognised_from_its_content(self, content, expected):
        assert filetypes.sniff(io.BytesIO(content)) == expected

    @pytest.mark.parametrize("content", [files.EXE, files.HTML, b"", b"plain text", files.plain_zip()],
                             ids=["exe", "html", "empty", "text", "zip"])
    def test_anything_else_is_refused(self, content):
        with pytest.raises(TypeNotAllowed):
            filetypes.sniff(io.BytesIO(content))

    def test_a_zip_that_starts_like_a_word_file_without_the_ooxml_parts_is_refused(self):
        fake = files.plain_zip("word/x.xml")

        with pytest.raises(TypeNotAllowed):
            filetypes.sniff(io.BytesIO(fake))

    def test_the_file_is_rewound_for_the_store(self):
        file = io.BytesIO(files.docx())

        filetypes.sniff(file)

        assert file.tell() == 0


class TestReadLimited:
    def test_a_file_at_the_limit_is_read_whole_with_its_size_and_sha256(self):
        upload = filetypes.read_upload(io.BytesIO(files.PDF), limit=len(files.PDF))

        assert (upload.size, upload.content_type, upload.file.read()) == (len(files.PDF), filetypes.PDF, files.PDF)
        assert upload.sha256 == hashlib.sha256(files.PDF).hexdigest()

    def test_one_byte_over_the_limit_is_refused_before_the_rest_is_read(self):
        stream = io.BytesIO(files.PDF + b"\x00" * (3 * filetypes.CHUNK))

        with pytest.raises(TooLarge) as refused:
            filetypes.read_upload(stream, limit=filetypes.CHUNK)

        assert refused.value.status == 413
        assert stream.tell() == 2 * filetypes.CHUNK  # it stopped at the first chunk past the limit

    def test_a_large_upload_spills_to_disk_and_still_comes_back_whole(self):
        content = files.PDF + b"\x00" * (2 * filetypes.IN_MEMORY)

        upload = filetypes.read_upload(io.BytesIO(content), limit=len(content))

        assert upload.file.read() == content
