"""Input every service and the gateway check once, before a route sees it (issue 20): a JSON body's depth, its
texts' length and characters, and Unicode NFC for every text of the body and the query.

Vietnamese can be typed in two ways that look the same: "ọ" as one character (NFC) or as "o" and a combining dot
(NFD, what some keyboards and macOS file names send). Stored as sent, a name typed one way is not found when
searched the other way; so every text is brought to NFC on the way in, here, for every route at once.

The body is read by the route's parser (webargs) from `request.get_data()`: `Request` answers it with the checked,
normalised body, so no route can see the raw one. A body that is not valid JSON is passed on as it is, for the
parser's own 400.
"""

from __future__ import annotations

import json
import re
import unicodedata

import flask
from werkzeug.datastructures import MultiDict
from werkzeug.utils import cached_property

MAX_DEPTH = 32  # our deepest schema nests 4 levels
MAX_TEXT = 50_000  # characters in one JSON string; the longest field takes 20,000

_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")


class Refused(Exception):
    """Input no route may see; `kit.http` answers it as a problem with `status` and the bilingual `detail`."""

    def __init__(self, code: str, status: int, template: str, **params: object):
        super().__init__(code)
        self.code, self.status, self.detail, self.params = code, status, template.format(**params), params


TOO_DEEP = ("Dữ liệu JSON lồng quá sâu (tối đa {max_depth} cấp) / the JSON is nested too deeply (at most "
            "{max_depth} levels)")
TOO_LONG = "Một chuỗi dài quá {max_length} ký tự / a text is longer than {max_length} characters"
NOT_TEXT = ("Văn bản chứa ký tự không hợp lệ (nửa cặp thay thế UTF-16, ví dụ \\ud800), không lưu được / a text "
            "contains a lone UTF-16 surrogate (e.g. \\ud800), which is not a character and cannot be stored")


def too_deep() -> Refused:
    return Refused("json_too_deep", 400, TOO_DEEP, max_depth=MAX_DEPTH)


def too_long() -> Refused:
    return Refused("text_too_long", 422, TOO_LONG, max_length=MAX_TEXT)


def not_text() -> Refused:
    return Refused("invalid_character", 422, NOT_TEXT)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def checked_json(raw: bytes) -> bytes:
    """`raw` as the routes may read it: refused (`Refused`) when too deep, with a too long text or a lone
    surrogate; re-encoded when a text was not in NFC; as it is otherwise, or when it is not JSON at all."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw
    refuse_deep(text)
    try:
        document = json.loads(text)
    except ValueError:
        return raw
    changed: list[bool] = []
    cleaned = _clean(document, changed)
    if not changed:
        return raw
    return json.dumps(cleaned, ensure_ascii=False, separators=(",", ":")).encode()


def refuse_deep(text: str) -> None:
    """Count the brackets outside strings before parsing: the parser itself recurses, and 10,000 levels exhaust
    Python's stack (a 500)."""
    level = 0
    for char in _NOT_BRACKET.sub("", _STRING.sub("", text)):
        level += 1 if char in "[{" else -1
        if level > MAX_DEPTH:
            raise too_deep()


def _clean(value, changed: list[bool]):
    if isinstance(value, str):
        return _clean_text(value, changed)
    if isinstance(value, list):
        return [_clean(item, changed) for item in value]
    if isinstance(value, dict):
        return {_clean_text(key, changed): _clean(item, changed) for key, item in value.items()}
    return value


def _clean_text(text: str, changed: list[bool]) -> str:
    if len(text) > MAX_TEXT:
        raise too_long()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise not_text() from None
    normal = nfc(text)
    if normal != text:
        changed.append(True)
    return normal


class Request(flask.Request):
    """The request class of every kit app: `check()` (once, before the route) checks and normalises a JSON body;
    `get_data` then gives the checked body, and `args` the query in NFC."""

    _checked: bytes | None = None

    def check(self) -> None:
        if self.is_json:
            self._checked = checked_json(super().get_data(cache=True))

    def get_data(self, cache: bool = True, as_text: bool = False, parse_form_data: bool = False):
        if self._checked is None:
            return super().get_data(cache=cache, as_text=as_text, parse_form_data=parse_form_data)
        return self._checked.decode() if as_text else self._checked

    @cached_property
    def args(self) -> MultiDict[str, str]:
        raw = super().args
        return self.parameter_storage_class([(nfc(k), nfc(v)) for k, v in raw.items(multi=True)])
