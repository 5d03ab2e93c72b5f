"""A round through the portal: CSV upload with a cell error then fixed, the city extends it, exports download."""
from __future__ import annotations

import io
import re
import uuid
from datetime import datetime, timedelta, timezone

import pytest
import requests
from openpyxl import load_workbook

from edu71_testing import bearer, wait_until

pytestmark = pytest.mark.integration

VN = timezone(timedelta(hours=7))


def open_primary_round(platform, helpers) -> dict:
    """A round for primary schools of TP. HCM, opened by its department through the indicators API."""
    now = datetime.now(VN).replace(microsecond=0)
    r = requests.post(f"{platform.urls['indicators']}/rounds", headers=bearer(helpers.token("city")), timeout=30,
                      json={"name": f"Khảo sát tiểu học {uuid.uuid4().hex[:6]}", "school_year": "2026-2027",
                            "school_levels": ["tieu_hoc"], "indicator_codes": ["TEACHERS_QUALIFIED", "SMART_CLASSROOMS"],
                            "opens_at": (now - timedelta(days=1)).isoformat(),
                            "due_at": (now + timedelta(days=10)).isoformat(),
                            "closes_at": (now + timedelta(days=20)).isoformat()})
    assert r.status_code == 201, r.text
    return r.json()


@pytest.fixture(scope="module")
def primary_round(platform, helpers):
    return open_primary_round(platform, helpers)


def csv_file(numerator: int, denominator: int) -> bytes:
    return (f"Mã chỉ tiêu;Số liệu;Mẫu số\nTEACHERS_QUALIFIED;{numerator};{denominator}\n"
            "SMART_CLASSROOMS;3;\n").encode("utf-8-sig")


def test_school_uploads_a_csv_sees_the_cell_error_then_fixes_it(platform, helpers, primary_round):
    portal, round_id = platform.urls["portal"], primary_round["id"]
    http = helpers.sign_in("neighbour")
    page = http.get(f"{portal}/rounds/{round_id}", timeout=30)
    assert page.status_code == 200 and "Tỷ lệ giáo viên" in page.text
    token = helpers.csrf_of(page.text)

    refused = http.post(f"{portal}/rounds/{round_id}/upload", timeout=60,
                        data={"csrf_token": token, "idempotency_key": uuid.uuid4().hex},
                        files={"file": ("so-lieu.csv", csv_file(30, 28), "text/csv")})
    assert refused.status_code == 422
    assert "không được lớn hơn mẫu số" in refused.text and "Lỗi trong tệp" in refused.text
    school_token = bearer(helpers.token("neighbour"))
    submissions = f"{platform.urls['indicators']}/rounds/{round_id}/submissions/HCM-TH-TANANHOI"
    assert requests.get(submissions, headers=school_token, timeout=30).status_code == 404  # nothing stored

    accepted = http.post(f"{portal}/rounds/{round_id}/upload", timeout=60,
                         data={"csrf_token": token, "idempotency_key": uuid.uuid4().hex},
                         files={"file": ("so-lieu.csv", csv_file(27, 28), "text/csv")})
    assert accepted.status_code == 200 and "Đã nhận số liệu từ tệp, lần 1." in accepted.text
    stored = requests.get(submissions, headers=school_token, timeout=30).json()
    assert {v["indicator_code"]: v.get("numerator", v.get("value")) for v in stored["values"]} == \
        {"TEACHERS_QUALIFIED": 27, "SMART_CLASSROOMS": 3}
    # the form now shows the stored figures
    assert 'value="27"' in http.get(f"{portal}/rounds/{round_id}", timeout=30).text


def test_city_extends_the_round_with_dates_in_day_month_year(platform, helpers, primary_round):
    portal, round_id = platform.urls["portal"], primary_round["id"]
    http = helpers.sign_in("city")
    form = http.get(f"{portal}/rounds/{round_id}/schedule", timeout=30)
    assert form.status_code == 200
    token = helpers.csrf_of(form.text)
    due = (datetime.now(VN) + timedelta(days=30)).date()
    closes = due + timedelta(days=15)
    bad = http.post(f"{portal}/rounds/{round_id}/schedule", timeout=30, data={
        "csrf_token": token, "due_at_date": "31/02/2027", "due_at_time": "17:00",
        "closes_at_date": closes.strftime("%d/%m/%Y"), "closes_at_time": "17:00"})
    assert bad.status_code == 422 and "ngày/tháng/năm" in bad.text
    ok = http.post(f"{portal}/rounds/{round_id}/schedule", timeout=30, data={
        "csrf_token": token, "due_at_date": due.strftime("%d/%m/%Y"), "due_at_time": "17:00",
        "closes_at_date": closes.strftime("%d/%m/%Y"), "closes_at_time": "17:00"})
    assert ok.status_code == 200 and "Đã cập nhật thời hạn" in ok.text
    assert f"{due.strftime('%d/%m/%Y')} 17:00" in ok.text
    rnd = requests.get(f"{platform.urls['indicators']}/rounds/{round_id}", headers=bearer(helpers.token("city")),
                       timeout=30).json()
    assert rnd["due_at"] == f"{due.isoformat()}T17:00:00+07:00"


def test_city_downloads_the_exports(platform, helpers, primary_round):
    portal, round_id = platform.urls["portal"], primary_round["id"]
    http = helpers.sign_in("city")

    def export(**params):
        r = http.get(f"{portal}/dashboard/{round_id}/export", params=params, timeout=60)
        return r if r.status_code == 200 else None

    workbook = wait_until(lambda: export(format="xlsx"), "the reports service to know the round")
    assert workbook.content[:2] == b"PK" and "attachment" in workbook.headers["Content-Disposition"]
    table = export(format="csv", view="completeness")
    assert table.content.startswith("\ufeff".encode()) and table.headers["Content-Type"].startswith("text/csv")
    # a school is not a reader of reports
    assert helpers.sign_in("school").get(f"{portal}/dashboard/{round_id}/export", timeout=30).status_code == 403


def test_repeated_wrong_passwords_show_the_lockout_message(platform, stack, helpers):
    identity, portal = platform.urls["identity"], platform.urls["portal"]
    admin = bearer(stack.issuer().issue(sub="bootstrap-admin", name="Quản trị", role="admin", org_unit="edu71"))
    email = f"khoa-{uuid.uuid4().hex[:6]}@edu71.test"
    r = requests.post(f"{identity}/users", headers=admin, timeout=30, json={
        "name": "Tài khoản thử khoá", "email": email, "role": "commune", "org_unit": "27496",
        "password": "Mat-khau-dung-2026"})
    assert r.status_code == 201, r.text
    http = requests.Session()
    token = helpers.csrf_of(http.get(f"{portal}/login", timeout=30).text)
    answers = [http.post(f"{portal}/login", timeout=30, allow_redirects=False,
                         data={"email": email, "password": "mat-khau-sai-roi", "csrf_token": token})
               for _ in range(6)]
    assert [a.status_code for a in answers[:5]] == [401] * 5
    assert answers[5].status_code == 429 and "Đăng nhập sai quá nhiều lần" in answers[5].text
    assert "Có thể thử lại sau khoảng" in answers[5].text
    # even the right password waits now
    right = http.post(f"{portal}/login", timeout=30, allow_redirects=False,
                      data={"email": email, "password": "Mat-khau-dung-2026", "csrf_token": token})
    assert right.status_code == 429


def test_the_commune_downloads_the_form_of_a_school_that_has_not_reported(platform, helpers):
    portal, round_id = platform.urls["portal"], open_primary_round(platform, helpers)["id"]
    http = helpers.sign_in("commune")
    # The missing school is listed with a link to its form once reports knows the round and the school.
    figures = f"{portal}/dashboard/{round_id}/figures?scope=commune&code=27496"
    link = f"/dashboard/{round_id}/schools/HCM-TH-TANANHOI/template"
    wait_until(lambda: link in http.get(figures, timeout=30).text, "the missing school's form link", timeout=120)
    # The indicators service knows the school from the directory's events, not from a submission.
    wait_until(lambda: http.get(f"{portal}{link}", timeout=30).status_code == 200, "the form", timeout=120)
    book = load_workbook(io.BytesIO(http.get(f"{portal}{link}", timeout=30).content))
    texts = [c for row in book["Chỉ tiêu"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "Trường: Trường Tiểu học Tân An Hội (HCM-TH-TANANHOI)" in texts and "TEACHERS_QUALIFIED" in texts
    # Another commune's school is not found; a school account cannot use the staff's route.
    assert http.get(f"{portal}/dashboard/{round_id}/schools/HP-TH-HIENTHANH/template", timeout=30).status_code == 404
    school = helpers.sign_in("neighbour")
    assert school.get(f"{portal}{link}", timeout=30, allow_redirects=False).status_code == 403


def test_the_school_completes_its_report_and_the_commune_confirms_it_from_its_list(platform, helpers):
    portal, round_id = platform.urls["portal"], open_primary_round(platform, helpers)["id"]
    school = helpers.sign_in("neighbour")
    page = school.get(f"{portal}/rounds/{round_id}", timeout=30)
    token = helpers.csrf_of(page.text)
    saved = school.post(f"{portal}/rounds/{round_id}", timeout=30, data={
        "csrf_token": token, "idempotency_key": uuid.uuid4().hex, "TEACHERS_QUALIFIED.numerator": "27",
        "TEACHERS_QUALIFIED.denominator": "28", "SMART_CLASSROOMS.value": "3"})
    assert saved.status_code == 200 and "Đã nộp số liệu, lần 1." in saved.text
    assert "Đánh dấu hoàn thành" in saved.text
    done = school.post(f"{portal}/rounds/{round_id}/complete", timeout=30, data={"csrf_token": token})
    assert done.status_code == 200 and "Đã đánh dấu hoàn thành báo cáo" in done.text
    assert "Đã nộp, chờ xác nhận" in done.text

    commune = helpers.sign_in("commune")
    listing = commune.get(f"{portal}/rounds/{round_id}/communes/27496", timeout=30)
    assert listing.status_code == 200 and "Trường Tiểu học Tân An Hội" in listing.text
    version = re.search(r'value="HCM-TH-TANANHOI@(\d+)"', listing.text).group(1)
    confirmed = commune.post(f"{portal}/rounds/{round_id}/communes/27496", timeout=30,
                             data={"csrf_token": helpers.csrf_of(listing.text),
                                   "report": f"HCM-TH-TANANHOI@{version}"})
    assert confirmed.status_code == 200 and "Đã xác nhận 1/1 báo cáo." in confirmed.text

    # Locked now: the school sees it, and its history shows who confirmed.
    page = school.get(f"{portal}/rounds/{round_id}", timeout=30)
    assert "số liệu đã khoá" in page.text and "Nộp số liệu</button>" not in page.text
    history = school.get(f"{portal}/rounds/{round_id}/history/HCM-TH-TANANHOI", timeout=30)
    assert history.status_code == 200 and "Xác nhận" in history.text and "Số phòng học thông minh" in history.text
