"""Every refusal a service answers is in Vietnamese and English (issue 20): each entry of each catalogue says it in
both, Vietnamese first, the two joined by " / ". An entry made by a function is checked on its source; the two that
only join other entries' texts (an import's row problems) are named."""

from __future__ import annotations

import importlib
import inspect
import re

import pytest

from kit.service import service_names

VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]", re.IGNORECASE)
JOINS_OTHERS = {("registry", "layout_invalid"), ("registry", "invalid_cell")}


def entries():
    for service in service_names():
        for code, message in importlib.import_module(f"{service}.messages").MESSAGES.items():
            if (service, code) not in JOINS_OTHERS:
                yield service, code, message if isinstance(message, str) else inspect.getsource(message)


@pytest.mark.parametrize(("service", "code", "text"), list(entries()), ids=lambda value: str(value)[:40])
def test_each_message_is_in_vietnamese_and_english(service, code, text):
    assert VIETNAMESE.search(text) and " / " in text, f"{service}.{code}: {text!r}"
