"""The first administrator of a fresh installation, created from the command line."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import PASSWORD

pytestmark = pytest.mark.integration


def _create_admin(password: str, email: str = "quantri@so.haiphong.gov.vn") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "identity.cli", "create-admin", "--email", email,
                           "--name", "Quản trị viên"], input=f"{password}\n", capture_output=True, text=True,
                          env=dict(os.environ), timeout=120)


def test_the_first_administrator_is_created_from_the_command_line_and_signs_in(client, sign_in):
    from identity.adapters.documents import User

    refused = _create_admin("ngắn")
    assert refused.returncode == 1 and "Mật khẩu phải có ít nhất 10 ký tự." in refused.stderr
    assert _create_admin(PASSWORD, email="khong-phai-email").returncode == 1
    assert User.objects.count() == 0

    created = _create_admin(PASSWORD)
    assert created.returncode == 0, created.stderr
    assert _create_admin(PASSWORD).returncode == 1  # the address is taken now
    session = sign_in("quantri@so.haiphong.gov.vn")
    assert session.status_code == 201 and session.json["user"]["role"] == "admin"
