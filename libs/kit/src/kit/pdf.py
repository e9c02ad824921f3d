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
    """Register `DejaVu` and `DejaVu-Bold` with reportlab once per process."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVu" in pdfmetrics.getRegisteredFontNames():
        return
    for folder in FONT_FOLDERS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("DejaVu", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(bold)))
            return
    raise FontMissing("Không có phông chữ DejaVu để xuất PDF / no DejaVu font for PDF output; install Debian's "
                      "fonts-dejavu-core")
