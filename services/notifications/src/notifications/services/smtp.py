"""E-mail over SMTP (smtplib): one connection per message, STARTTLS and authentication when the settings ask.

What an attempt tells (`Outcome`) is what the send log needs: sent; refused with a reply code (the server said
no: a 4xx may pass later, a 5xx never); failed before the message was handed over (no connection, the greeting,
STARTTLS or the login failed: it was not sent); or broken while it was handed over (the connection dropped
during MAIL, RCPT or DATA without a reply): it may have been accepted, so it is `uncertain`.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage

from kit.config import env_bool, env_int, env_str

DEFAULT_SENDER = "ISO-HCC <no-reply@iso-hcc.invalid>"


@dataclass(frozen=True)
class SmtpSettings:
    """SMTP_HOST, SMTP_PORT (587), SMTP_STARTTLS (true), SMTP_USERNAME and SMTP_PASSWORD (both or neither),
    SMTP_FROM (the sender), SMTP_TIMEOUT_SECONDS (30). In Kubernetes the password comes from a Secret."""

    host: str
    port: int = 587
    starttls: bool = True
    username: str | None = None
    password: str | None = None
    sender: str = DEFAULT_SENDER
    timeout: float = 30

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> SmtpSettings:
        return cls(host=env_str(environ, "SMTP_HOST"), port=env_int(environ, "SMTP_PORT", 587),
                   starttls=env_bool(environ, "SMTP_STARTTLS", True),
                   username=env_str(environ, "SMTP_USERNAME", None), password=env_str(environ, "SMTP_PASSWORD", None),
                   sender=env_str(environ, "SMTP_FROM", DEFAULT_SENDER),
                   timeout=env_int(environ, "SMTP_TIMEOUT_SECONDS", 30))


@dataclass(frozen=True)
class Outcome:
    sent: bool
    code: int | None = None
    detail: str = ""
    uncertain: bool = False
    permanent: bool = False  # refused for good without an SMTP reply (no server configured)


class SmtpMailer:
    def __init__(self, settings: SmtpSettings):
        self.settings = settings

    @property
    def sender(self) -> str:
        return self.settings.sender

    def send(self, message: EmailMessage) -> Outcome:
        try:
            client = self._connect()
        except smtplib.SMTPResponseException as error:
            return Outcome(False, error.smtp_code, _text(error.smtp_error))
        except (OSError, smtplib.SMTPException) as error:
            return Outcome(False, None, f"{type(error).__name__}: {error}")
        try:
            client.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            code, reply = next(iter(error.recipients.values()))
            return Outcome(False, code, _text(reply))
        except smtplib.SMTPResponseException as error:  # the sender or the data refused, with a reply
            return Outcome(False, error.smtp_code, _text(error.smtp_error))
        except (OSError, smtplib.SMTPException) as error:
            return Outcome(False, None, f"{type(error).__name__}: {error}", uncertain=True)
        finally:
            _quit(client)
        return Outcome(True, 250)

    def _connect(self) -> smtplib.SMTP:
        settings = self.settings
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        try:
            client.ehlo()
            if settings.starttls:
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if settings.username:
                client.login(settings.username, settings.password or "")
        except BaseException:
            _quit(client)
            raise
        return client


class Unconfigured:
    """The mailer when no SMTP_HOST is set (the embedded mode of `make run`, a laptop): every e-mail is recorded as
    not sent, for good, with the reason, so the notice and its failure show in the app instead of the scheduler
    stopping."""

    sender = DEFAULT_SENDER

    def send(self, _message: EmailMessage) -> Outcome:
        return Outcome(False, None, "không gửi: chưa cấu hình SMTP_HOST / not sent: no SMTP_HOST configured",
                       permanent=True)


def mailer_from_env(environ: Mapping[str, str]) -> SmtpMailer | Unconfigured:
    """The SMTP server of SMTP_HOST, or `Unconfigured` without one."""
    return SmtpMailer(SmtpSettings.from_env(environ)) if environ.get("SMTP_HOST") else Unconfigured()


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _quit(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (OSError, smtplib.SMTPException):
        client.close()
