"""Every word of the pages comes from the gettext catalogues (ADR 33): on the real topology, a Vietnamese page shows
no English word, no raw code and no id, and an English page no Vietnamese, outside the data (`translate="no"`);
the templates hold no word outside `_()`, the Python modules of the pages no Vietnamese string; the catalogues are
complete and their template lists every msgid the sources use."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2 import Environment, nodes

import gateway.web
from gateway.web.codes import CODES
from tests.web.pages import pages_of
from tools import translations

WEB = Path(gateway.web.__file__).parent
WORD = re.compile(r"[^\W\d_]+")
PLACEHOLDER = re.compile(r"%\(\w+\)s")
UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
# Names both languages write the same way, which the vocabulary would otherwise count as English: the standards
# and file formats the officials name by their acronyms, and the product's own name.
SHARED = {"iso", "tcvn", "pdf", "csv", "xlsx", "docx", "json", "excel", "htqlcl", "hcc"}
# Common English words no msgid has, which a service's English message would bring.
COMMON = {"and", "of", "is", "are", "not", "for", "with", "from", "this", "that", "id", "request"}
# What the browser shows a reader: text outside <script>, <style> and `translate="no"` (which covers its element's
# attributes too), and the attributes a reader sees or hears. The document's <title> is left out: it cannot hold an
# element, and a record's page is titled with the record's name (its <h1> says the same, and is checked).
VISIBLE = """() => {
  const out = [];
  const skip = el => el.closest('script, style, template, [translate="no"]');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!skip(node.parentElement) && node.textContent.trim()) out.push(node.textContent.trim());
  }
  const attributes = ['title', 'aria-label', 'placeholder', 'alt'];
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt], input[type=submit]')) {
    if (skip(el)) continue;
    for (const name of attributes) if (el.getAttribute(name)) out.push(el.getAttribute(name));
    if (el.matches('input[type=submit]') && el.value) out.push(el.value);
  }
  return out;
}"""
EVERYTHING = "() => [document.title, document.body.innerText]"


def catalogue(language: str):
    with translations.po_path(language).open("rb") as source:
        return read_po(source, locale=language)


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(PLACEHOLDER.sub(" ", text))}


def english_vocabulary() -> set[str]:
    """The words of the English msgids, less those written the same in the Vietnamese translations (syllables
    without tone marks such as "an", "to", "long") and the shared names."""
    vietnamese = catalogue("vi")
    english = set().union(*(words(m.id) for m in vietnamese if m.id and not m.context))
    shared = set().union(*(words(m.string) for m in vietnamese if m.id))
    return {w for w in english if w.isascii() and len(w) > 1} - shared - SHARED | COMMON


# The UPPER_SNAKE codes the services send (the lower-case ones are English words the vocabulary finds).
RAW_CODE = re.compile(r"\b(" + "|".join(sorted({re.escape(code) for values in CODES.values() for code in values
                                                if code.isupper() and ("_" in code or len(code) > 3)},
                                               key=len, reverse=True)) + r")\b")


def problems(language: str, path: str, shown: list[str], everything: list[str], vocabulary: set[str]) -> list[str]:
    text = "\n".join(shown)
    found = [f"{language} {path}: id {uuid}" for uuid in UUID.findall("\n".join(everything))]
    found += [f"{language} {path}: code {code}" for code in sorted(set(RAW_CODE.findall(text)))]
    if language == "vi":
        found += [f"vi {path}: English {word!r}" for word in sorted(words(text) & vocabulary)]
    else:
        found += [f"en {path}: Vietnamese {line!r}" for line in shown if VIETNAMESE.search(line)]
    return found


@pytest.mark.parametrize("username", ["an-giang.officer", "an-giang.inspector", "an-giang.leader",
                                      "an-giang.agency", "national"])
def test_a_page_speaks_one_language_with_no_codes_nor_ids(ui, username):
    page = ui.login(username)
    paths = pages_of(page)
    vocabulary = english_vocabulary()
    found: list[str] = []

    for language in ("vi", "en"):
        for index, path in enumerate(paths):
            page.goto(f"{path}?lang={language}" if index == 0 else path)
            found += problems(language, path, page.evaluate(VISIBLE), page.evaluate(EVERYTHING), vocabulary)

    assert len(paths) >= 2
    assert found == [], "\n".join(found)


def test_the_pages_before_login_speak_one_language(ui):
    page = ui.browser.new_context(base_url=ui.gateway, locale="vi-VN").new_page()
    vocabulary = english_vocabulary()
    found: list[str] = []

    for language in ("vi", "en"):
        for path in ("/login", "/cong-khai"):
            page.goto(f"{path}?lang={language}")
            found += problems(language, path, page.evaluate(VISIBLE), page.evaluate(EVERYTHING), vocabulary)

    page.context.close()
    assert found == [], "\n".join(found)


def template_words(source: str) -> list[str]:
    """The letters of a template's literal text outside tags (Jinja's TemplateData, HTML tags and comments cut)."""
    text = " ".join(node.data for node in Environment(extensions=["jinja2.ext.i18n"]).parse(source)
                    .find_all(nodes.TemplateData))
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)
    text = re.sub(r"<[^<>]*>", " ", text)
    text = re.sub(r"<[^<>]*$|^[^<>]*>", " ", text, flags=re.MULTILINE)  # a tag cut by a {{ }} inside it
    return WORD.findall(re.sub(r"&\w+;", " ", text))


def test_the_templates_hold_no_word_outside_the_catalogues():
    found = {path.name: [word for word in template_words(path.read_text()) if word.lower() not in SHARED]
             for path in sorted(WEB.glob("templates/*.html"))}

    assert {name: letters for name, letters in found.items() if letters} == {}


def test_the_template_scan_finds_a_word_left_in_a_template():
    assert template_words('<p class="x">{{ _("Saved.") }} Đã lưu</p><a title="{{ t }}">x</a>') == ["Đã", "lưu",
                                                                                                    "x"]


# A Vietnamese literal that is data, not a word of the pages: the name the registry is searched for.
DATA_LITERALS = {("__init__.py", "DEMO_AGENCY")}


def vietnamese_literals(path: Path) -> list[str]:
    """Vietnamese string literals of a module, docstrings and DATA_LITERALS aside."""
    tree = ast.parse(path.read_text())
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    data = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and (path.name, t.id) in DATA_LITERALS for t in node.targets)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings | data and VIETNAMESE.search(node.value)]


def test_no_python_module_of_the_pages_holds_a_vietnamese_string():
    found = {path.name: vietnamese_literals(path) for path in sorted(WEB.glob("*.py"))}

    assert {name: literals for name, literals in found.items() if literals} == {}


def test_every_vietnamese_entry_is_translated_and_none_is_fuzzy():
    vietnamese = catalogue("vi")
    english_codes = [m for m in catalogue("en") if m.id and m.context]

    assert [m.id for m in vietnamese if m.id and (not m.string or m.fuzzy)] == []
    assert [(m.context, m.id) for m in english_codes if not m.string or m.fuzzy] == []
    assert vietnamese.fuzzy is False


def test_the_catalogue_template_lists_every_msgid_the_sources_use():
    with translations.POT.open("rb") as source:
        committed = {(m.context, m.id) for m in read_po(source) if m.id}
    extracted = {(m.context, m.id) for m in translations.template() if m.id}

    assert sorted(extracted - committed, key=str) == []
    assert sorted(committed - extracted, key=str) == []


def test_every_catalogue_has_the_template_s_entries():
    with translations.POT.open("rb") as source:
        wanted = {(m.context, m.id) for m in read_po(source) if m.id}

    for language in translations.LANGUAGES:
        assert {(m.context, m.id) for m in catalogue(language) if m.id} == wanted, language


# Vietnamese has two places for the tone mark of an open "oa", "oe", "uy" syllable: "hóa", "khỏe", "hủy" (the
# officials' documents and the catalogues) or "hoá", "khoẻ", "huỷ". One style on every page (issue 23); "quý" is
# "qu" + "ý" in both.
NEW_STYLE = re.compile(r"(?<![qQ])(?:oà|oá|oả|oã|oạ|oè|oé|oẻ|oẽ|oẹ|uỳ|uý|uỷ|uỹ|uỵ)(?!\w)", re.IGNORECASE)
SERVICE_MESSAGES = sorted(Path(__file__).resolve().parents[2].glob("services/*/src/*/messages.py"))


@pytest.mark.parametrize("path", [*(WEB.parent / "translations" / "vi" / "LC_MESSAGES").glob("*.po"),
                                  *SERVICE_MESSAGES], ids=lambda path: f"{path.parent.name}/{path.name}")
def test_the_vietnamese_words_put_the_tone_mark_in_one_style(path):
    found = [match.group(0) for match in NEW_STYLE.finditer(path.read_text())]

    assert found == [], f"{path.name}: write hóa, khỏe, hủy (not hoá, khoẻ, huỷ): {found}"


def test_the_tone_mark_check_finds_the_other_style_and_leaves_quy_alone():
    assert [m.group(0) for m in NEW_STYLE.finditer("Loại khoá học; quý I; Thuận Hoà; hủy")] == ["oá", "oà"]
