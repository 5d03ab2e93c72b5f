"""Plans of a commune/ward and of the city in the portal, and targets flagged by a new catalogue (plans and
indicators APIs faked at the backend boundary; the pages are the real ones)."""
from __future__ import annotations

import time
from dataclasses import replace

import pytest

from edu71_testing import free_port
from portal import backends, config
from portal.app import create_app

from .test_plan_pages import CATALOGUE

WARD = {"kind": "commune", "code": "10744", "name": "UBND Phường Nguyễn Đại Năng", "commune_code": "10744",
        "province_code": "31", "level": None}
COMMUNE_PLAN = {
    "id": "c-1", "status": "draft", "owner_kind": "commune", "issuer": WARD, "school_code": None,
    "school_name": None, "title": "Kế hoạch thực hiện Nghị quyết 71 trên địa bàn phường", "province_code": "31",
    "commune_code": "10744", "number_symbol": "45/KH-UBND", "year": 2026, "issued_on": "2026-02-10", "version": 0,
    "sections": {}, "review_comments": [], "original": None, "updated_at": "2026-02-10T08:00:00+07:00",
    "targets": [
        {"text": "Bỏ học dưới 0,5%", "comparator": "<", "value": 0.5, "unit": "%", "horizon": "2030-12-31",
         "indicator_code": "DROPOUT", "indicator_name": "Tỷ lệ học sinh bỏ học", "unlinked": False,
         "source_sentence": "", "indicator_confirmed": True,
         "catalogue_issue": "Chỉ tiêu «Tỷ lệ học sinh bỏ học» không còn trong danh mục phiên bản 2; hãy chọn chỉ "
                            "tiêu khác hoặc «Không gắn chỉ tiêu»."}],
}
SCHOOL_PLAN = {**COMMUNE_PLAN, "id": "s-1", "status": "submitted", "owner_kind": "school",
               "issuer": {"kind": "school", "code": "HP-TH-HIENTHANH", "name": "Trường Tiểu học Hiến Thành"},
               "school_code": "HP-TH-HIENTHANH", "school_name": "Trường Tiểu học Hiến Thành", "version": 1}


class FakePlans:
    listed: list = []

    def __init__(self, plans):
        self.plans = plans

    def get(self, plan_id):
        return dict(self.plans[plan_id]), '"3"'

    def list(self, **query):
        FakePlans.listed.append(query)
        items = [p for p in self.plans.values()
                 if query.get("owner_kind") in (None, p["owner_kind"])
                 and query.get("status") in (None, p["status"])]
        return {"items": items, "total": len(items), "page": 1, "page_size": 50}

    def versions(self, plan_id):
        return []


class FakeIndicators:
    def get_json(self, path, params=None):
        return CATALOGUE


@pytest.fixture
def client(tmp_path, monkeypatch):
    closed = f"http://127.0.0.1:{free_port()}"
    for name in ("IDENTITY", "PLANS", "INDICATORS", "NOTIFICATIONS", "REPORTS"):
        monkeypatch.setenv(f"PORTAL_{name}_URL", closed)
    monkeypatch.setenv("PORTAL_SECRET_KEY_FILE", str(tmp_path / "secret"))
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    plans = {"c-1": COMMUNE_PLAN, "s-1": SCHOOL_PLAN, "c-2": {**COMMUNE_PLAN, "id": "c-2", "status": "submitted"}}
    monkeypatch.setattr(backends, "plans", lambda: FakePlans(plans))
    monkeypatch.setattr(backends, "indicators", lambda: FakeIndicators())
    return create_app(replace(config.load(), backend_timeout=2.0)).test_client()


def sign_in(client, role: str, code: str) -> None:
    with client.session_transaction() as session:
        session["token"] = "not-checked-here"
        session["expires_at"] = time.time() + 3600
        session["user"] = {"id": "u-1", "name": "Anh Tuấn", "role": role, "org_code": code, "org_name": code}


def test_a_commune_has_its_own_plans_page_and_edits_its_draft(client):
    sign_in(client, "commune", "10744")
    page = client.get("/plans")
    assert page.status_code == 200
    html = page.data.decode()
    assert "<h1>Kế hoạch của xã/phường</h1>" in html and "Tải lên kế hoạch" in html
    assert FakePlans.listed[-2]["owner_kind"] == "commune" and FakePlans.listed[-1]["owner_kind"] == "province"
    assert "Có mục tiêu không còn phù hợp với danh mục chỉ tiêu" in html
    shown = client.get("/plans/c-1").data.decode()
    assert "<dt>Đơn vị ban hành</dt><dd>UBND Phường Nguyễn Đại Năng</dd>" in shown
    assert "Sửa và gửi duyệt" in shown and 'name="decision"' not in shown  # its own: no review of itself
    assert "không còn trong danh mục phiên bản 2" in shown and "1 mục tiêu không còn phù hợp" in shown
    edit = client.get("/plans/c-1/edit")
    assert edit.status_code == 200
    assert "⚠ Chỉ tiêu «Tỷ lệ học sinh bỏ học» không còn trong danh mục phiên bản 2" in edit.data.decode()


def test_the_city_queue_labels_each_plan_by_its_issuer(client):
    sign_in(client, "city", "31")
    html = client.get("/review").data.decode()
    assert "<th scope=\"col\">Đơn vị ban hành</th>" in html
    assert "UBND Phường Nguyễn Đại Năng <span class=\"tag\">UBND xã/phường</span>" in html
    assert "<td data-label=\"Đơn vị ban hành\">Trường Tiểu học Hiến Thành</td>" in html
    shown = client.get("/plans/c-2").data.decode()
    assert 'name="decision" value="approve"' in shown and "Sửa và gửi duyệt" not in shown


def test_a_school_sees_its_communes_approved_plan_to_align_to(client):
    sign_in(client, "school", "HP-TH-HIENTHANH")
    html = client.get("/plans").data.decode()
    assert "<h1>Kế hoạch của trường</h1>" in html
    assert FakePlans.listed[-1]["owner_kind"] == "commune"
    assert "Kế hoạch của xã/phường (đã phê duyệt, để đối chiếu)" in html


def test_operators_have_no_plans_page(client):
    sign_in(client, "operator", "edu71")
    assert client.get("/plans").status_code == 403
