"""STARTTLS, implicit TLS and authentication against a real aiosmtpd server with a certificate from a
test CA: the mailer verifies the certificate and logs in; a wrong password or an untrusted certificate fails."""
from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from datetime import datetime, timezone

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from edu71_testing import free_port
from notifications.adapters.mail import Mail, SendFailed, SmtpMailer
from notifications.config import SmtpSettings

MAIL = Mail("d-1", "Nguyễn Thị Hoa", "hoa@thcs.edu.vn", "plan_approved", "Kế hoạch đã được phê duyệt",
            "Kế hoạch của Trường THCS Thị Trấn 2 đã được phê duyệt.", "Trường THCS Thị Trấn 2",
            datetime(2026, 2, 4, 7, 30, tzinfo=timezone.utc))


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A certificate for 127.0.0.1 signed by itself; its file is the CA the client is told to trust."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "edu71 test SMTP")])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                       serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return str(folder / "cert.pem"), context


class Inbox:
    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.received.append((session.authenticated, envelope))
        return "250 OK"


def _authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"edu71", b"mat-khau-71")
    return AuthResult(success=ok, handled=False)  # not handled: the server answers 535 itself


@pytest.fixture
def server(certificate):
    """STARTTLS required, then AUTH required."""
    _, context = certificate
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                            auth_required=True, authenticator=_authenticator)
    controller.start()
    yield inbox, port
    controller.stop()


def settings(port, ca_file, **kw) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, sender="thongbao@edu71.test", timeout=10, ca_file=ca_file, **kw)


def test_starttls_and_login(server, certificate):
    inbox, port = server
    SmtpMailer(settings(port, certificate[0], security="starttls", username="edu71", password="mat-khau-71")).send(MAIL)
    [(authenticated, envelope)] = inbox.received
    assert authenticated and envelope.rcpt_tos == ["hoa@thcs.edu.vn"]


@pytest.mark.parametrize("change, words", [
    ({"password": "sai"}, "SMTP 535"),
    # The server offers AUTH only after STARTTLS, and takes no mail before it.
    ({"security": "none"}, "AUTH extension not supported"),
    ({"security": "none", "username": None}, "SMTP 530"),
])
def test_a_wrong_password_or_no_tls_is_refused(server, certificate, change, words):
    inbox, port = server
    values = {"security": "starttls", "username": "edu71", "password": "mat-khau-71", **change}
    with pytest.raises(SendFailed) as err:
        SmtpMailer(settings(port, certificate[0], **values)).send(MAIL)
    assert words in str(err.value) and not err.value.permanent  # credentials can be fixed: retried
    assert inbox.received == []


def test_an_untrusted_certificate_is_not_accepted(server):
    inbox, port = server
    with pytest.raises(SendFailed) as err:
        SmtpMailer(settings(port, None, security="starttls", username="edu71", password="mat-khau-71")).send(MAIL)
    assert "CERTIFICATE_VERIFY_FAILED" in str(err.value)
    assert inbox.received == []


def test_implicit_tls(certificate):
    ca_file, context = certificate
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, ssl_context=context)
    controller.start()
    try:
        SmtpMailer(settings(port, ca_file, security="tls")).send(MAIL)
    finally:
        controller.stop()
    assert len(inbox.received) == 1
