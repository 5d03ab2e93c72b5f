"""E-mail: the message (Jinja2 templates, HTML and plain text, UTF-8 headers) and its sending over SMTP."""
from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from notifications.config import SmtpSettings
from edu71 import vn
from notifications.domain.kinds import KIND_LABELS

#: The HTML part escapes everything it is given (a school's name or a reviewer's comment may hold markup);
#: the plain-text part is never interpreted, so it is left as written.
_TEMPLATES = Environment(loader=PackageLoader("notifications", "templates"),
                         autoescape=select_autoescape(enabled_extensions=("html",), default=False),
                         undefined=StrictUndefined, keep_trailing_newline=True)


class SendFailed(Exception):
    """The message was not accepted; ``permanent`` when trying again cannot help (e.g. 5xx for the recipient)."""

    def __init__(self, message: str, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class Mail:
    """What an e-mail says; built from a :class:`notifications.adapters.documents.Delivery`."""

    message_id: str
    recipient_name: str
    recipient_email: str
    kind: str
    title: str
    body: str
    school_name: str | None
    occurred_at: datetime

    @classmethod
    def of(cls, delivery) -> "Mail":
        return cls(delivery.id, delivery.recipient_name or delivery.address, delivery.address, delivery.kind,
                   delivery.title, delivery.body, delivery.school_name, delivery.occurred_at)


def build(mail: Mail, settings: SmtpSettings) -> EmailMessage:
    """The MIME message: ``multipart/alternative`` with a plain-text and an HTML part, both UTF-8."""
    context = {"recipient_name": mail.recipient_name, "title": mail.title, "body": mail.body,
               "school_name": mail.school_name, "occurred": vn.vn_moment(mail.occurred_at),
               "kind_label": KIND_LABELS.get(mail.kind, mail.kind),
               "preferences_url": f"{settings.portal_url}/preferences" if settings.portal_url else None}
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = f"[Edu71] {mail.title}"
    msg["From"] = Address(display_name=settings.sender_name, addr_spec=settings.sender)
    msg["To"] = Address(display_name=mail.recipient_name, addr_spec=mail.recipient_email)
    msg["Date"] = format_datetime(datetime.now(vn.VN))
    # Stable per delivery: should the at-least-once window resend it, mail clients see the same message.
    msg["Message-ID"] = f"<{mail.message_id}@{settings.sender.rpartition('@')[2] or 'edu71.local'}>"
    msg["Auto-Submitted"] = "auto-generated"
    msg["Content-Language"] = "vi"
    msg.set_content(_TEMPLATES.get_template("email.txt").render(context), charset="utf-8")
    msg.add_alternative(_TEMPLATES.get_template("email.html").render(context), subtype="html", charset="utf-8")
    return msg


class SmtpMailer:
    def __init__(self, settings: SmtpSettings):
        self.settings = settings

    def _tls(self) -> ssl.SSLContext:
        """Certificate and host name verified, always (a CA file may be given for a private CA)."""
        return ssl.create_default_context(cafile=self.settings.ca_file)

    def send(self, mail: Mail) -> None:
        s = self.settings
        message = build(mail, s)
        try:
            if s.security == "tls":
                client = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=self._tls())
            else:
                client = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            with client:
                if s.security == "starttls":
                    client.starttls(context=self._tls())
                if s.username:
                    client.login(s.username, s.password or "")
                client.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise SendFailed(f"SMTP từ chối người nhận: {exc.recipients}", permanent=all(c >= 500 for c in codes)) \
                from exc
        except smtplib.SMTPResponseException as exc:
            raise SendFailed(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}",
                             permanent=exc.smtp_code >= 500 and exc.smtp_code not in (535, 530)) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise SendFailed(f"Không gửi được thư qua SMTP {s.host}:{s.port}: {exc!r}") from exc
