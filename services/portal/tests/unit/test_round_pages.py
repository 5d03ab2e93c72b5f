"""The indicator entry form and the reviewers' pages, rendered from the indicators API's answers."""
from __future__ import annotations

import re
import time
from dataclasses import replace

import pytest

from edu71_testing import free_port
from portal import backends, config
from portal.app import create_app
from portal.clients.base import ApiError

STAFF = "Tổng số cán bộ quản lý, giáo viên"
CATALOGUE = {"version": 1, "indicators": [
    {"code": "STAFF_DIGITAL_TRAINED", "name": "Tỷ lệ CBQL, GV được bồi dưỡng chuyển đổi số", "unit": "%",
     "value_type": "ratio", "school_levels": ["thcs"], "numerator_label": "Số được bồi dưỡng",
     "denominator_label": STAFF, "population": "STAFF_MANAGERS_TEACHERS",
     "targets": [{"scope": "province", "comparator": ">=", "value": 100, "horizon": 2030, "source": "CTr 02"}]},
    {"code": "STAFF_USING_AI", "name": "Tỷ lệ CBQL, GV ứng dụng AI", "unit": "%", "value_type": "ratio",
     "school_levels": ["thcs"], "numerator_label": "Số ứng dụng AI", "denominator_label": STAFF,
     "population": "STAFF_MANAGERS_TEACHERS"},
    {"code": "SMART_CLASSROOMS", "name": "Số phòng học thông minh", "unit": "phòng", "value_type": "count",
     "school_levels": ["thcs"]},
]}
ROUND = {"id": "r-1", "name": "Sơ kết học kỳ I", "catalogue_version": 1, "phase": "open",
         "indicator_codes": ["STAFF_DIGITAL_TRAINED", "STAFF_USING_AI", "SMART_CLASSROOMS"],
         "due_at": "2026-01-15T17:00:00+07:00", "closes_at": "2026-02-15T17:00:00+07:00"}
SCHOOL = {"code": "THCS-1", "name": "Trường THCS Thị Trấn", "commune_code": "11311", "province_code": "31",
          "level": "thcs"}
WARNING = {"field": "values.SMART_CLASSROOMS.value", "indicator_code": "SMART_CLASSROOMS", "kind": "revision",
           "message": "“Số phòng học thông minh” tăng bất thường so với lần nộp trước trong đợt này: từ 3 phòng "
                      "lên 300 phòng.", "explanation": None}


def value(code, **figures):
    return {"indicator_code": code, "catalogue_version": 1, **figures}


REPORT = {
    "submission_id": "s-1", "round_id": "r-1", "school": SCHOOL, "revision": 2, "late": False,
    "submitted_at": "2026-01-12T10:00:00+07:00", "stage": "returned",
    "values": [value("STAFF_DIGITAL_TRAINED", value_type="ratio", numerator=30, denominator=45),
               value("STAFF_USING_AI", value_type="ratio", numerator=10, denominator=45),
               value("SMART_CLASSROOMS", value_type="count", value=300)],
    "open_warnings": [WARNING], "explanations": {},
    "approvals": [{"seq": 1, "action": "complete"},
                  {"seq": 2, "action": "return", "comment": "Đề nghị kiểm tra.",
                   "value_comments": {"SMART_CLASSROOMS": "300 phòng là quá nhiều?"}}],
    "changed_since_approval": [], "flags": [
        {"id": "f-1", "indicator_code": "SMART_CLASSROOMS", "note": "Kiểm tra số phòng.", "status": "open",
         "by": {"name": "UBND phường"}, "answers": []}],
}


class FakeIndicators:
    sent: list = []
    upload_error: ApiError | None = None

    def round(self, round_id):
        return dict(ROUND)

    def catalogue(self, version=None):
        return CATALOGUE

    def submission(self, round_id, school_code):
        return dict(REPORT)

    def report(self, round_id, school_code):
        return dict(REPORT), '"v7"'

    def previous(self, round_id, school_code):
        return {"round_name": "Tổng kết 2024–2025",
                "values": [value("SMART_CLASSROOMS", value_type="count", value=3)]}

    def submit(self, round_id, school_code, values, key, explanations=None):
        FakeIndicators.sent.append((values, explanations))
        return {"revision": 3, "warnings": []}

    def upload(self, *args):
        raise FakeIndicators.upload_error

    def report_action(self, round_id, school_code, action, etag=None, body=None):
        FakeIndicators.sent.append((action, etag, body))
        if action == "reopen" and not (body or {}).get("reason", "").strip():
            raise ApiError(422, {"detail": "Cần nêu lý do mở lại báo cáo.",
                                 "errors": [{"field": "reason", "message": "Cần nhập lý do mở lại."}]})
        return {}

    def audit(self, round_id, school_code):
        return [{"at": "2026-01-12T10:00:00.000+07:00", "kind": "revision", "revision": 2,
                 "by": {"name": "Cô Lan", "role": "school"}, "explanations": {},
                 "changes": [{"indicator_code": "SMART_CLASSROOMS", "old": value("SMART_CLASSROOMS", value=3),
                              "new": value("SMART_CLASSROOMS", value=300)}]},
                {"at": "2026-01-13T08:00:00.000+07:00", "kind": "approval", "action": "return",
                 "by": {"name": "Anh Tuấn", "role": "commune"}, "comment": "Đề nghị kiểm tra."}]

    def commune_reports(self, round_id, commune_code):
        return [{"school": SCHOOL, "stage": "submitted", "version": 7, "revision": 2, "reviewable": True,
                 "changed_since_confirmation": [{"indicator_code": "SMART_CLASSROOMS",
                                                 "old": value("SMART_CLASSROOMS", value=3),
                                                 "new": value("SMART_CLASSROOMS", value=4)}],
                 "explained_warnings": [{**WARNING, "explanation": "Trường mới được đầu tư."}],
                 "unexplained_warnings": [], "open_flags": []}]

    def confirm_commune(self, round_id, commune_code, reports):
        FakeIndicators.sent.append(("bulk", reports))
        return [{"school_code": r["school_code"], "status": 200} for r in reports]


@pytest.fixture
def client(tmp_path, monkeypatch):
    closed = f"http://127.0.0.1:{free_port()}"
    for name in ("IDENTITY", "PLANS", "INDICATORS", "NOTIFICATIONS", "REPORTS"):
        monkeypatch.setenv(f"PORTAL_{name}_URL", closed)
    monkeypatch.setenv("PORTAL_SECRET_KEY_FILE", str(tmp_path / "secret"))
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    monkeypatch.setattr(backends, "indicators", lambda: FakeIndicators())
    FakeIndicators.sent = []
    app = create_app(replace(config.load(), backend_timeout=2.0))
    app.config["WTF_CSRF_ENABLED"] = False
    return app.test_client()


def sign_in(client, role: str, **extra) -> None:
    with client.session_transaction() as session:
        session["token"] = "not-checked-here"
        session["expires_at"] = time.time() + 3600
        session["user"] = {"id": "u-1", "name": "Cô Lan", "role": role, "org_code": "THCS-1",
                           "org_name": "Trường THCS Thị Trấn", "school_level": "thcs", **extra}


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_entry_form_shows_last_round_the_target_the_shared_population_once_and_warnings(client, monkeypatch):
    from portal.views import rounds

    monkeypatch.setattr(rounds.backends, "plans", lambda: type("P", (), {"list": lambda *a, **k: {"items": []}})())
    sign_in(client, "school")
    page = client.get("/rounds/r-1")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    # The population is one input, the other ratio points to it; the live rate reads it.
    # (each label also names its indicator for screen readers, after the visible text)
    assert html.count(f">{STAFF}<span class=\"visually-hidden\">") == 1
    assert 'name="STAFF_USING_AI.denominator"' not in html
    assert 'data-denominator="STAFF_DIGITAL_TRAINED-denominator"' in html
    assert "indicator-form.js" in html
    body = text(html)
    assert "Đợt trước (Tổng kết 2024–2025)" in body and "3 phòng" in body
    assert "≥ 100 % đến năm 2030" in body
    assert "tăng bất thường so với lần nộp trước" in body and "Giải thích (nếu số liệu đúng)" in body
    assert "Nhận xét của người duyệt: 300 phòng là quá nhiều?" in body
    assert "Đánh dấu hoàn thành" in body and "Trả lại để sửa" in body
    assert "STAFF_USING_AI" not in body and "SMART_CLASSROOMS" not in body  # no codes in what a person reads


def test_the_school_sends_the_population_once_and_an_explanation(client):
    sign_in(client, "school")
    r = client.post("/rounds/r-1", data={"STAFF_DIGITAL_TRAINED.numerator": "30",
                                         "STAFF_DIGITAL_TRAINED.denominator": "45", "STAFF_USING_AI.numerator": "12",
                                         "SMART_CLASSROOMS.value": "300",
                                         "explain.SMART_CLASSROOMS": " Trường mới được đầu tư. "})
    assert r.status_code == 302
    values, explanations = FakeIndicators.sent[-1]
    assert {"indicator_code": "STAFF_USING_AI", "denominator": 45, "numerator": 12} in values
    assert explanations == {"SMART_CLASSROOMS": "Trường mới được đầu tư."}


def test_a_refused_upload_keeps_the_form_and_names_the_indicator(client, monkeypatch):
    from portal.views import rounds

    monkeypatch.setattr(rounds.backends, "plans", lambda: None)
    sign_in(client, "school")
    FakeIndicators.upload_error = ApiError(422, {
        "detail": "Biểu mẫu có ô không hợp lệ, xem chi tiết từng mục.",
        "errors": [{"field": "values.SMART_CLASSROOMS.value", "sheet": "Số liệu", "cell": "C7",
                    "message": "Phải là một số nguyên."}]})
    from io import BytesIO

    r = client.post("/rounds/r-1/upload", data={"file": (BytesIO(b"x"), "so-lieu.xlsx")},
                    content_type="multipart/form-data")
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert 'name="SMART_CLASSROOMS.value" value="300"' in html  # the stored values stay in the form
    assert "Số phòng học thông minh – Số lượng (ô C7, trang Số liệu): Phải là một số nguyên." in text(html)


def test_the_reviewer_returns_with_a_comment_per_value_and_must_give_a_reason_to_reopen(client):
    sign_in(client, "commune", commune_code="11311", org_code="11311")
    page = client.get("/rounds/r-1/reports/THCS-1")
    assert page.status_code == 200
    body = text(page.get_data(as_text=True))
    assert "Trường chưa giải thích." in body and "Kiểm tra số phòng." in body
    r = client.post("/rounds/r-1/reports/THCS-1/return",
                    data={"etag": '"v7"', "comment": "", "comment.SMART_CLASSROOMS": "Kiểm tra lại. "})
    assert r.status_code == 302
    assert FakeIndicators.sent[-1] == ("return", '"v7"', {"comment": None,
                                                          "value_comments": {"SMART_CLASSROOMS": "Kiểm tra lại."}})
    r = client.post("/rounds/r-1/reports/THCS-1/reopen", data={"etag": '"v7"', "reason": " "})
    assert r.status_code == 422 and "Cần nhập lý do mở lại." in r.get_data(as_text=True)


def test_bulk_confirmation_lists_changes_and_explanations(client):
    sign_in(client, "commune", commune_code="11311", org_code="11311")
    page = text(client.get("/rounds/r-1/communes/11311").get_data(as_text=True))
    assert "Số phòng học thông minh: 3 phòng → 4 phòng" in page
    assert "1 đã giải thích, 0 chưa giải thích" in page and "Giải thích: Trường mới được đầu tư." in page
    r = client.post("/rounds/r-1/communes/11311", data={"report": ["THCS-1@7"]})
    assert r.status_code == 200
    assert FakeIndicators.sent[-1] == ("bulk", [{"school_code": "THCS-1", "version": 7}])
    assert "Đã xác nhận 1/1 báo cáo." in text(r.get_data(as_text=True))


def test_the_history_shows_who_changed_what_old_to_new(client):
    sign_in(client, "school")
    body = text(client.get("/rounds/r-1/history/THCS-1").get_data(as_text=True))
    assert "Số phòng học thông minh: 3 phòng → 300 phòng" in body
    assert "Trả lại" in body and "Nhận xét: Đề nghị kiểm tra." in body and "Cô Lan" in body


def test_a_city_reviewer_picks_a_commune_by_its_name_never_by_a_code(client, monkeypatch):
    monkeypatch.setattr(FakeIndicators, "rounds", lambda self, page=1, page_size=100: {"items": [ROUND]},
                        raising=False)
    sign_in(client, "city", org_code="31", province_code="31")
    listing = client.get("/rounds").get_data(as_text=True)
    # found walking as the city: "Báo cáo của xã/phường (mã)" asked for a five-digit code nobody knows
    assert "(mã)" not in listing and 'name="commune"' not in listing
    assert 'href="/rounds/r-1/communes"' in listing
    page = client.get("/rounds/r-1/communes")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<label for="commune">Xã/phường</label>' in html and 'inputmode="numeric"' not in html
    groups = re.findall(r'<optgroup label="([^"]+)">', html)
    assert groups == ["Phường", "Xã", "Đặc khu"]
    wards = re.search(r'<optgroup label="Phường">(.*?)</optgroup>', html, re.S).group(1)
    names = re.findall(r'<option value="\d{5}">([^<]+)</option>', wards)
    assert '<option value="10744">Nguyễn Đại Năng</option>' in wards and len(names) == 45
    assert names.index("Hồng Bàng") < names.index("Ngô Quyền")  # by name, in alphabetical order
    assert 'value="27496"' not in html  # a commune of another province is not offered
    # the choice opens the commune's list, its code kept in the URL
    r = client.get("/rounds/r-1/communes?commune=10744")
    assert r.status_code == 302 and r.headers["Location"].endswith("/rounds/r-1/communes/10744")
    html = client.get("/rounds/r-1/communes/10744").get_data(as_text=True)
    assert "Báo cáo các trường của Phường Nguyễn Đại Năng" in text(html)
    assert '<option value="10744" selected>Nguyễn Đại Năng</option>' in html  # to go on to another one from here
    # a code that is not one of the province's communes is said, in Vietnamese, and the picker stays
    r = client.get("/rounds/r-1/communes?commune=27496")
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "Không có xã/phường này trong tỉnh/thành phố" in html and 'aria-invalid="true"' in html


def test_a_commune_reviewer_sees_only_its_own_commune(client):
    sign_in(client, "commune", commune_code="11311", org_code="11311")
    r = client.get("/rounds/r-1/communes?commune=10744")
    assert r.status_code == 302 and r.headers["Location"].endswith("/rounds/r-1/communes/11311")
    r = client.get("/rounds/r-1/communes/10744")
    assert r.status_code == 302 and r.headers["Location"].endswith("/rounds/r-1/communes/11311")
    html = client.get("/rounds/r-1/communes/11311").get_data(as_text=True)
    assert "Báo cáo các trường của Phường Hồng Bàng" in text(html) and 'name="commune"' not in html
