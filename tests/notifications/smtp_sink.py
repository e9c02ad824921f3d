"""The SMTP server of the notifications tests, run as a process of its own by aiosmtpd's command line:
`python -m aiosmtpd -n -l 127.0.0.1:<port> -c tests.notifications.smtp_sink.Recorder <folder>`.

It keeps every message it accepts as a file in `<folder>` (what the tests count), and answers as real servers
do to two kinds of address: `refused...@` with 550 (a permanent refusal) and `busy...@` with 451 (try later)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path


class Recorder:
    def __init__(self, folder: str):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("Recorder needs the folder to keep the messages in")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's name
        local = address.split("@", 1)[0].lower()
        if local.startswith("refused"):
            return "550 5.1.1 Mailbox unavailable"
        if local.startswith("busy"):
            return "451 4.3.2 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        name = uuid.uuid4().hex
        header = "".join(f"X-Envelope-To: {address}\r\n" for address in envelope.rcpt_tos)
        partial = self.folder / f".{name}.tmp"
        partial.write_bytes(header.encode() + envelope.original_content)
        os.replace(partial, self.folder / f"{name}.eml")  # a reader never sees half a message
        return "250 2.0.0 Accepted"
