"""Delivery rules (model.deliveries), the e-mail's parts (documents.email) and calendar tokens (model.calendars)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from notifications.documents import email
from notifications.model.calendars import new_token, token_hash
from notifications.model.deliveries import MAX_ATTEMPTS, idempotency_key, next_attempt, permanent


def test_one_key_per_notice_and_address_whatever_its_case():
    notice = uuid.uuid4()

    assert idempotency_key(notice, "Lan@So.vn") == idempotency_key(notice, " lan@so.vn ")
    assert idempotency_key(notice, "lan@so.vn") != idempotency_key(uuid.uuid4(), "lan@so.vn")
    assert len(idempotency_key(notice, "lan@so.vn")) == 64


def test_only_a_5xx_is_permanent():
    assert [permanent(code) for code in (550, 554, 451, 421, None)] == [True, True, False, False, False]


def test_the_pause_doubles_until_the_last_attempt():
    now = datetime(2026, 1, 1, tzinfo=UTC)

    assert [next_attempt(n, now) - now for n in range(1, MAX_ATTEMPTS)] == [
        timedelta(minutes=m) for m in (1, 2, 4, 8, 16)]
    assert next_attempt(MAX_ATTEMPTS, now) is None


def test_a_token_is_random_and_only_its_hash_is_kept():
    first, second = new_token(), new_token()

    assert first != second and len(first) >= 43
    assert token_hash(first) == token_hash(first) != token_hash(second)
    assert first not in token_hash(first)


def test_the_reminder_is_plain_text_and_html_vietnamese_first_then_english():
    message = email.upkeep_reminder(sender="ISO-HCC <no-reply@x.vn>", recipient="lan@so.vn", recipient_name=None,
                                    agency_name="Sở <Tư pháp>", year=2026, deadline=date(2026, 11, 30), days=7,
                                    key="k" * 64)

    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert message["Subject"].startswith("[ISO-HCC] Nhắc hạn duy trì HTQLCL năm 2026: còn 7 ngày / Reminder")
    assert plain.index("Kính gửi Thư ký ISO") < plain.index("Dear ISO secretary")
    assert "Sở &lt;Tư pháp&gt;" in html and "<Tư pháp>" not in html
    assert message["Message-ID"] == f"<{'k' * 64}@iso-hcc.notifications>"
