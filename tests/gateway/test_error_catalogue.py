"""The gateway's words for error codes (gateway/translations/*/LC_MESSAGES/errors.po, ADR 34): every code a service
or kit can send has a Vietnamese and an English sentence, and their placeholders are the code's params."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from gateway.web.problems import TRANSLATIONS
from kit import problems, validation
from kit.attachments import MESSAGES as ATTACHMENTS

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("registry", "inspections", "training", "budget", "reporting", "notifications")
LANGUAGES = ("vi", "en")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# What marshmallow's refusals may name (kit.validation): the field's type, the input, bounds and choices.
VALIDATION_PARAMS = {"type", "input", "min", "max", "equal", "choices", "values", "other"}
ERROR_CLASSES = {"DomainError", "NotFound", "Conflict", "RuleViolated", "Forbidden"}


def catalogue(lang: str) -> dict[tuple[str, str], str]:
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "errors.po").open("rb") as po:
        return {(message.context, message.id): message.string for message in read_po(po) if message.id}


WORDS = {lang: catalogue(lang) for lang in LANGUAGES}


def params(message) -> set[str]:
    """The params a catalogue entry is rendered with: its template's fields, or its function's named parameters."""
    if callable(message):
        return {name for name, parameter in inspect.signature(message).parameters.items()
                if parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)
                and parameter.default is parameter.empty}
    return {field for _, field, _, _ in string.Formatter().parse(message) if field}


def entries():
    for service in SERVICES:
        for code, message in importlib.import_module(f"{service}.messages").MESSAGES.items():
            yield service if code not in ATTACHMENTS else "kit", code, message
    for code, message in problems.MESSAGES.items():
        yield "kit", code, message


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("context", "code", "message"), list(entries()),
                         ids=lambda value: value[:40] if isinstance(value, str) else "words")  # same in every worker
def test_every_catalogued_code_has_a_sentence_whose_placeholders_are_its_params(lang, context, code, message):
    sentence = WORDS[lang].get((context, code))

    assert sentence, f"no {lang} words for {context}/{code}"
    assert set(PLACEHOLDER.findall(sentence)) == params(message)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("code", sorted(validation.codes()))
def test_every_refusal_of_marshmallow_s_has_a_sentence(lang, code):
    sentence = WORDS[lang].get(("kit", code))

    assert sentence and set(PLACEHOLDER.findall(sentence)) <= VALIDATION_PARAMS


def raise_sites() -> list[tuple[str, str, frozenset[str] | None]]:
    """(service, code, keyword params) of every `DomainError("code", ...)` (or subclass) and `refused("code", ...)`
    in the code; the params are None where they are spread from a mapping (`**params`)."""
    found = []
    for service, folder in [*((name, ROOT / "services" / name / "src") for name in SERVICES),
                            ("kit", ROOT / "libs" / "kit" / "src")]:
        for path in folder.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and _called(node) in {*ERROR_CLASSES, "refused"} and node.args \
                        and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    names = [keyword.arg for keyword in node.keywords]
                    given = None if None in names else frozenset(names) - {"field_name"}
                    found.append((service, node.args[0].value, given))
    return sorted(set(found), key=str)


def raised_codes() -> list[tuple[str, str]]:
    return sorted({(service, code) for service, code, _ in raise_sites()})


def _called(node: ast.Call) -> str | None:
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)


@pytest.mark.parametrize(("service", "code"), raised_codes())
def test_every_code_raised_in_the_code_has_words_in_both_languages(service, code):
    for lang in LANGUAGES:
        assert (service, code) in WORDS[lang] or ("kit", code) in WORDS[lang], f"{lang}: {service}/{code}"


@pytest.mark.parametrize(("service", "code", "given"), [site for site in raise_sites() if site[2] is not None])
def test_every_placeholder_is_a_param_the_code_is_raised_with(service, code, given):
    for lang in LANGUAGES:
        sentence = WORDS[lang].get((service, code)) or WORDS[lang].get(("kit", code), "")
        assert set(PLACEHOLDER.findall(sentence)) <= given, f"{lang}: {service}/{code} raised with {sorted(given)}"


def test_the_scan_finds_the_raise_sites():
    assert ("inspections", "role_not_allowed") in raised_codes() and ("registry", "nothing_to_change") in raised_codes()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_gateway_s_own_codes_have_words(lang):
    sources = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "gateway/src/gateway").glob("*.py"))
    codes = set(re.findall(r'code="(\w+)"', sources)) | {"province_unknown", "province_unconfirmed"}

    assert codes and not {code for code in codes if ("gateway", code) not in WORDS[lang]
                          and ("kit", code) not in WORDS[lang]}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_two_languages_have_the_same_entries(lang):
    other = "en" if lang == "vi" else "vi"

    assert set(WORDS[lang]) == set(WORDS[other])
