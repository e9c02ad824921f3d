"""The web UI's gettext catalogues (ADR 33), without remembering pybabel's options.

`python -m tools.translations update` (`make translations`) extracts every msgid of the gateway's templates and
Python modules (`babel.cfg`), adds each code of `gateway.web.codes` under its context, writes `messages.pot`, and
merges it into each language's `messages.po`: a new msgid arrives untranslated (never guessed: no fuzzy matching),
a removed one is dropped. Then translate the new entries of `vi/LC_MESSAGES/messages.po` (and the codes in `en`).
`compile` writes the `.mo` files beside the `.po` (`make` does this with `pybabel compile`; `.mo` is not in git).
tests/web/test_catalogues.py compares `template()` with the committed `.pot`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gateway" / "src" / "gateway"
TRANSLATIONS = PACKAGE / "translations"
POT = TRANSLATIONS / "messages.pot"
LANGUAGES = ("vi", "en")
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None}


def template() -> Catalog:
    """Every msgid the pages use: what the sources mark, and every code under its context."""
    from gateway.web.codes import CODES

    catalog = new_catalog(None)
    with (TRANSLATIONS / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    for _file, _line, message, comments, context in extract_from_dir(
            PACKAGE / "web", method_map, options_map, keywords=KEYWORDS):
        catalog.add(message, context=context, auto_comments=comments)
    for context, values in CODES.items():
        for code in values:
            catalog.add(code, context=context)
    return catalog


def new_catalog(locale: str | None) -> Catalog:
    return Catalog(locale=locale, project="ISO-HCC", version="1", copyright_holder="ISO-HCC",
                   msgid_bugs_address="", header_comment="# The ISO-HCC web UI's words (ADR 33).", fuzzy=False)


def po_path(language: str, domain: str = "messages") -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / f"{domain}.po"


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=locale)


def write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        write_po(target, catalog, width=120, no_location=True, sort_output=True, omit_header=False)


def update() -> None:
    pot = template()
    if POT.exists():  # the header keeps its date: a run that changes no msgid changes no file
        pot.creation_date = read(POT).creation_date
    write(pot, POT)
    for language in LANGUAGES:
        path = po_path(language)
        catalog = read(path, language) if path.exists() else new_catalog(language)
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        write(catalog, path)


def compile_all() -> None:
    for path in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/*.po")):
        with path.with_suffix(".mo").open("wb") as target:
            write_mo(target, read(path, path.parent.parent.name))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("update", "compile"))
    args = parser.parse_args(argv)
    update() if args.command == "update" else compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
