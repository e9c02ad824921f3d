"""Reading an official document back (kit.official: Nghị định 30/2020 layout) from its DOCX and its PDF, for the
tests of every service that writes one: the text of each in reading order, its required parts found in order,
no English words, and the PDF's fonts embedded."""

from __future__ import annotations

import io
import re

ENGLISH = frozenset({"of", "the", "and", "for", "with", "from", "report", "plan", "inspection", "team", "number",
                     "date", "draft", "none", "null", "true", "false", "page", "agency", "result", "findings",
                     "recommendation", "deadline", "certificate", "training", "attendance", "signature", "name",
                     "signed", "total", "present", "absent"})


def docx_lines(data: bytes) -> list[str]:
    """The DOCX's non-empty paragraphs in reading order, a table's cells row by row where the table stands."""
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            lines.append("".join(node.text or "" for node in block.iter() if node.tag.endswith("}t")))
        elif block.tag.endswith("}tbl"):
            table = next(t for t in document.tables if t._tbl is block)
            lines += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return [line for line in lines if line.strip()]


def pdf_text(data: bytes) -> str:
    import pypdf

    return flat(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages))


def flat(text: str) -> str:
    """Whitespace folded to single spaces, so a line the PDF wrapped still matches."""
    return " ".join(text.split())


def positions(text: str, parts: list[str]) -> list[int]:
    """Where each part stands in `text`, each searched after the one before it (so a repeated word is found in its
    place; -1: not found there)."""
    found, start, text = [], 0, flat(text)
    for part in parts:
        at = text.find(flat(part), start)
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


def assert_official(docx_data: bytes, pdf_data: bytes, parts: list[str]) -> str:
    """Both files hold `parts` in this order and no English word, and the PDF shows its text in embedded DejaVu
    fonts (Vietnamese diacritics); returns the DOCX's text, one line a paragraph or cell."""
    import pypdf

    word, pdf = "\n".join(docx_lines(docx_data)), pdf_text(pdf_data)
    assert_in_order(word, parts)
    assert_in_order(pdf, parts)
    assert not english_words(word) and not english_words(pdf), english_words(word) | english_words(pdf)
    faces = {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"}
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= shown_fonts(pypdf.PdfReader(io.BytesIO(pdf_data))) <= faces
    return word
