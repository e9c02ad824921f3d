"""Reading an official document (kit.official) back from its DOCX and PDF, for the tests: the text in reading order,
the required parts found in order, words of English, and the fonts the PDF shows text in (each embedded).

    docx_lines(data)         -> every paragraph and table cell text of the DOCX, in document order
    pdf_text(data)           -> the PDF's text, whitespace collapsed to single spaces
    positions(text, parts)   -> where each part is found in `text` (-1: missing); whitespace-insensitive
    assert_in_order(text, parts) -> fails naming the parts missing or out of order
    english_words(text)      -> the common English words found (a leaked label, "of", "None")
    shown_fonts(reader)      -> the base names of the fonts a pypdf reader's pages show text in, each checked
                                to be embedded (FontFile2)
"""

from __future__ import annotations

import io
import re

ENGLISH = {"the", "of", "and", "for", "with", "report", "certificate", "attendance", "page", "signature", "name",
           "date", "signed", "total", "none", "null", "present", "absent", "number"}


def docx_lines(data: bytes) -> list[str]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    lines = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            lines.append(Paragraph(child, document).text)
        elif child.tag.endswith("}tbl"):
            lines += [cell.text for row in Table(child, document).rows for cell in row.cells]
    return [line for line in lines if line.strip()]


def pdf_text(data: bytes) -> str:
    import pypdf

    return _flat(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages))


def positions(text: str, parts: list[str]) -> list[int]:
    """The position of each part in `text`, each searched after the previous one's (so a repeated word is found
    in its place); -1 for a part not found there."""
    flat, found, start = _flat(text), [], 0
    for part in parts:
        at = flat.find(_flat(part), start)
        found.append(at)
        start = at + 1 if at >= 0 else start
    return found


def assert_in_order(text: str, parts: list[str]) -> None:
    found = positions(text, parts)
    assert -1 not in found, {part: at for part, at in zip(parts, found, strict=True) if at == -1}


def english_words(text: str) -> set[str]:
    return {word for word in re.findall(r"[A-Za-z]+", text) if word.lower() in ENGLISH}


def shown_fonts(reader) -> set[str]:
    """The fonts a PDF shows text in (a text block with Tj/TJ), each checked to be embedded (FontFile2);
    reportlab names Helvetica in an empty block on every page, which shows nothing."""
    found = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for block in re.findall(rb"BT(.*?)ET", page.get_contents().get_data(), re.S):
            if b"Tj" not in block and b"TJ" not in block:
                continue
            for name in re.findall(rb"(/F[\w+]+) [\d.]+ Tf", block):
                font = fonts[name.decode()].get_object()
                assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
                found.add(font["/BaseFont"].split("+")[-1])
    return found


def _flat(text: str) -> str:
    return " ".join(text.split())
