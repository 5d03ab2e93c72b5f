"""An administrator's pages of the nation (plans to review, accounts, the delivery log) pick one province by its
Vietnamese name: the choice stays in the URL (and in the page links), goes to the APIs as ``province_code``, and a
code that names no province is said so, in Vietnamese; a city is offered no picker and sends none."""
from __future__ import annotations

import re
import time
from dataclasses import replace

import pytest

from edu71_testing import free_port
from portal import backends, config
from portal.app import create_app
from portal.domain.units import provinces


class Recording:
    """A backend client that records the queries it is asked and answers an empty or one-item page."""

    def __init__(self, items=None):
        self.queries, self.items = [], items or []

    def _page(self, query):
        self.queries.append(query)
        return {"total": 120 if self.items else 0, "items": self.items, "page": query.get("page", 1)}

    def list(self, **query):
        return self._page(query)

    users = deliveries = list

    def unread_count(self):
        return 0

    def all_schools(self, **query):
        return []

    def org_units(self, code):
        return {"province_name": dict(provinces())[code], "items": []}


DELIVERY = {"id": "d-1", "channel": "email", "kind": "plan_returned", "status": "failed", "attempts": 3,
            "title": "Kế hoạch được trả lại", "recipient_name": "Cô Lan", "address": "lan@truong.edu.vn",
            "recipient_org_unit": "HP-TH-HIENTHANH", "recipient_role": "school",
            "last_error": "Không gửi được thư qua SMTP", "created_at": "2026-01-04T09:00:00+07:00"}


@pytest.fixture
def fake(tmp_path, monkeypatch):
    closed = f"http://127.0.0.1:{free_port()}"
    for name in ("IDENTITY", "PLANS", "INDICATORS", "NOTIFICATIONS", "REPORTS"):
        monkeypatch.setenv(f"PORTAL_{name}_URL", closed)
    monkeypatch.setenv("PORTAL_SECRET_KEY_FILE", str(tmp_path / "secret"))
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    clients = {"plans": Recording(), "identity": Recording(), "notifications": Recording([DELIVERY])}
    monkeypatch.setattr(backends, "plans", lambda: clients["plans"])
    monkeypatch.setattr(backends, "identity", lambda token=None: clients["identity"])
    monkeypatch.setattr(backends, "notifications", lambda: clients["notifications"])
    app = create_app(replace(config.load(), backend_timeout=2.0))
    return app.test_client(), clients


def sign_in(client, role: str) -> None:
    unit = {"admin": ("edu71", None), "city": ("31", "31")}[role]
    with client.session_transaction() as session:
        session["token"] = "not-checked-here"
        session["expires_at"] = time.time() + 3600
        session["user"] = {"id": "u-1", "name": "Quản trị", "role": role, "org_code": unit[0], "org_name": "",
                           "province_code": unit[1], "commune_code": None}


def options(html: str) -> list[tuple[str, str, bool]]:
    select = re.search(r'<select id="province-filter" name="province"[^>]*>(.*?)</select>', html, re.S)
    assert select, "no province picker"
    return [(value, label, bool(chosen)) for value, chosen, label in
            re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select.group(1))]


def test_the_picker_offers_every_province_by_its_vietnamese_name_with_a_label(fake):
    client, _ = fake
    sign_in(client, "admin")
    html = client.get("/deliveries").data.decode()
    found = options(html)
    assert found[0] == ("", "Cả nước", False) and len(found) == 35
    assert ("31", "Thành phố Hải Phòng", False) in found and ("91", "An Giang", False) in found
    names = [label for _, label, _ in found[1:]]
    assert names.index("An Giang") < names.index("Bắc Ninh") < names.index("Thành phố Hà Nội") \
        < names.index("Thành phố Hồ Chí Minh")
    assert '<label for="province-filter">Tỉnh/thành phố</label>' in html


@pytest.mark.parametrize("path, client_name, asked", [
    ("/review", "plans", [{"status": "submitted", "province_code": "31", "page": 1, "page_size": 50},
                          {"province_code": "31", "page": 1, "page_size": 20}]),
    ("/admin/users", "identity", [{"q": None, "role": None, "active": None, "province_code": "31", "page": 1,
                                   "page_size": 50}]),
    ("/deliveries", "notifications", [{"status": "failed", "channel": "", "province_code": "31", "page": 1,
                                       "page_size": 50}]),
])
def test_a_chosen_province_goes_to_the_api_and_stays_in_the_url_and_page_links(fake, path, client_name, asked):
    client, clients = fake
    sign_in(client, "admin")
    extra = "&status=failed" if path == "/deliveries" else ""
    response = client.get(f"{path}?province=31{extra}")
    assert response.status_code == 200
    html = response.data.decode()
    assert clients[client_name].queries == asked
    assert ("31", "Thành phố Hải Phòng", True) in options(html)
    if path == "/deliveries":
        assert "Hải Phòng" in re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
        assert 'href="/deliveries?status=failed&amp;province=31&amp;page=2"' in html  # the next page keeps it
        assert "Không gửi được" in html and "04/01/2026" in html and "failed" not in re.sub(r"<[^>]+>", "", html)
    # The whole nation again: no province sent.
    clients[client_name].queries.clear()
    client.get(path)
    assert all("province_code" not in query or query["province_code"] in (None, "")
               for query in clients[client_name].queries)


@pytest.mark.parametrize("path", ["/review", "/admin/users", "/deliveries"])
def test_a_code_that_names_no_province_is_refused_in_vietnamese_and_asks_nothing(fake, path):
    client, clients = fake
    sign_in(client, "admin")
    response = client.get(f"{path}?province=99")
    assert response.status_code == 422
    html = response.data.decode()
    assert "Không có tỉnh/thành phố mã “99”" in html and 'aria-invalid="true"' in html
    asked = {"/review": "plans", "/admin/users": "identity", "/deliveries": "notifications"}[path]
    assert all(query.get("province_code") in (None, "") for query in clients[asked].queries)


def test_a_city_gets_no_picker_and_sends_no_province(fake):
    client, clients = fake
    sign_in(client, "city")
    for path in ("/review?province=79", "/admin/users?province=79", "/deliveries?province=79"):
        html = client.get(path).data.decode()
        assert 'id="province-filter"' not in html
    assert all(query.get("province_code") in (None, "") for c in clients.values() for query in c.queries)
