"""A Unicode font for PDF output, so that Vietnamese diacritics render (Debian's fonts-dejavu-core)."""

from __future__ import annotations

from pathlib import Path

from kit.errors import DomainError

FONT_FOLDERS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


class FontMissing(DomainError):
    """No DejaVu font on this machine (`make prepare` installs fonts-dejavu-core); answers 503."""

    status = 503
    title = "Service Unavailable"


def register_dejavu() -> None:
    """Register `DejaVu` and `DejaVu-Bold` with reportlab once per process, as one family, so that <b> and <i> in
    a paragraph stay in embedded DejaVu (the oblique faces where installed, else upright) and never fall back to
    the PDF's built-in Helvetica, which has no Vietnamese letters and is not embedded."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVu" in pdfmetrics.getRegisteredFontNames():
        return
    for folder in FONT_FOLDERS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("DejaVu", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(bold)))
            faces = {(0, 0): "DejaVu", (1, 0): "DejaVu-Bold", (0, 1): "DejaVu", (1, 1): "DejaVu-Bold"}
            for is_bold, name, file in ((0, "DejaVu-Oblique", "DejaVuSans-Oblique.ttf"),
                                        (1, "DejaVu-BoldOblique", "DejaVuSans-BoldOblique.ttf")):
                if (folder / file).exists():
                    pdfmetrics.registerFont(TTFont(name, str(folder / file)))
                    faces[(is_bold, 1)] = name
            for (is_bold, italic), name in faces.items():
                addMapping("DejaVu", is_bold, italic, name)
                addMapping("DejaVu-Bold", 1, italic, faces[(1, italic)])
            return
    raise FontMissing("Không có phông chữ DejaVu để xuất PDF / no DejaVu font for PDF output; install Debian's "
                      "fonts-dejavu-core")
