"""The reminder e-mail: Vietnamese first with the English below it, as plain text and as HTML (the two parts of a
multipart/alternative message), a Vietnamese subject with its English after a slash. Its Message-ID is made from
the delivery's idempotency key, so the same delivery sent again (by an operator) is the same message to the
receiving side."""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage
from email.utils import formataddr
from html import escape

UPKEEP_SUBJECT = ("[ISO-HCC] Nhắc hạn duy trì HTQLCL năm {year}: còn {days} ngày / Reminder: the {year} upkeep of the "
                  "quality system is due in {days} days")
UPKEEP_VI = ("Kính gửi {name},\n\n{agency} chưa hoàn thành việc duy trì hệ thống quản lý chất lượng năm {year}: "
             "đánh giá nội bộ và xem xét của lãnh đạo phải được thực hiện và cập nhật lên hệ thống trước ngày "
             "{deadline} (còn {days} ngày).\n\nĐây là thư tự động của ISO-HCC, xin không trả lời thư này.")
UPKEEP_EN = ("Dear {name},\n\n{agency} has not completed the {year} upkeep of its quality management system yet: "
             "the internal audit and the management review must be done and recorded before {deadline_en} "
             "({days} days left).\n\nThis is an automatic message of ISO-HCC; please do not reply.")
SOMEONE = ("Thư ký ISO", "ISO secretary")


def upkeep_reminder(*, sender: str, recipient: str, recipient_name: str | None, agency_name: str, year: int,
                    deadline: date, days: int, key: str) -> EmailMessage:
    names = (recipient_name or SOMEONE[0], recipient_name or SOMEONE[1])
    values = {"agency": agency_name, "year": year, "days": days, "deadline": f"{deadline:%d/%m/%Y}",
              "deadline_en": deadline.isoformat()}
    vietnamese = UPKEEP_VI.format(name=names[0], **values)
    english = UPKEEP_EN.format(name=names[1], **values)
    message = EmailMessage()
    message["Subject"] = UPKEEP_SUBJECT.format(**values)
    message["From"] = sender
    message["To"] = formataddr((recipient_name or "", recipient))
    message["Message-ID"] = message_id(key)
    message["Content-Language"] = "vi, en"
    message.set_content(f"{vietnamese}\n\n----- English -----\n\n{english}\n")
    message.add_alternative(_html(vietnamese, english), subtype="html")
    return message


def message_id(key: str) -> str:
    """The Message-ID of a delivery's e-mail, made from its idempotency key."""
    return f"<{key}@iso-hcc.notifications>"


def _html(vietnamese: str, english: str) -> str:
    def paragraphs(text: str, lang: str) -> str:
        return "".join(f'<p lang="{lang}">{escape(part)}</p>' for part in text.split("\n\n"))

    return ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body>'
            f'{paragraphs(vietnamese, "vi")}<hr>{paragraphs(english, "en")}</body></html>')
