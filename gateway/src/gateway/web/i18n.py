"""The UI's two languages, Vietnamese first, English second. Words come from the gettext catalogues in
`gateway/translations` (Flask-Babel, ADR 33): `_("English")` in templates, `gettext` in Python, and `label` for the
codes the services send, under the context that names what the code is (`gateway.web.codes`)."""

from __future__ import annotations

from flask_babel import pgettext

LANGUAGES = ("vi", "en")


def pick(lang: str | None) -> str:
    """The language to use: one of LANGUAGES, Vietnamese when unknown."""
    return lang if lang in LANGUAGES else "vi"


def label(value: str | None, context: str) -> str:
    """The label of a code under `context` (a `codes` constant); the code itself when the catalogue lacks it (the
    catalogue test then finds it on the page), a dash when there is none."""
    if value is None or value == "":
        return "—"
    return pgettext(context, value)


def bilingual(message: str, lang: str) -> str:
    """The services write messages as 'tiếng Việt / English': keep the half in `lang`. The English is after the
    last slash: the Vietnamese may hold one ("công bố / công bố lại")."""
    halves = message.rsplit(" / ", 1)
    if len(halves) != 2:
        return message
    return halves[0] if pick(lang) == "vi" else halves[1]
