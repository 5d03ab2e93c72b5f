"""Signing out of the portal ends the token everywhere: a copy of the cookie taken before is dead after, and a
page that meets a refused token sends the person to sign in with a Vietnamese message."""
from __future__ import annotations

import pytest
import requests

from edu71_testing import wait_until

pytestmark = pytest.mark.integration


def test_a_cookie_copied_before_logout_is_dead_after_it_and_other_sessions_go_on(platform, helpers):
    portal = platform.urls["portal"]
    http, elsewhere = helpers.sign_in("school"), helpers.sign_in("school")
    copy = requests.Session()
    copy.cookies.update(http.cookies)
    assert copy.get(f"{portal}/plans", timeout=30, allow_redirects=False).status_code == 200

    token = helpers.csrf_of(http.get(f"{portal}/plans", timeout=30).text)
    r = http.post(f"{portal}/logout", data={"csrf_token": token}, timeout=30)
    assert r.status_code == 200 and "Bạn đã đăng xuất." in r.text

    def sent_to_sign_in():
        page = copy.get(f"{portal}/plans", timeout=30, allow_redirects=False)
        return page.headers["Location"] if page.status_code == 302 else None

    location = wait_until(sent_to_sign_in, "the copied cookie's token refused by the plans API")
    assert location.startswith("/login")
    assert "Phiên đăng nhập đã kết thúc" in copy.get(portal + location, timeout=30).text
    # the copy is no session any more; the same account's other session is untouched
    assert copy.get(f"{portal}/plans", timeout=30, allow_redirects=False).headers["Location"].startswith("/login")
    assert elsewhere.get(f"{portal}/plans", timeout=30, allow_redirects=False).status_code == 200
