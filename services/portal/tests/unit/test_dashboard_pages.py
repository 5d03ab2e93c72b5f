"""The dashboards as pages: the reports API's judgements (status along a trajectory, at-risk lists, the
cascade, completeness) rendered for the city, a commune and a school, with the level filter passed on."""
from __future__ import annotations

import re
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from edu71_testing import free_port
from portal import backends, config
from portal.app import create_app
from portal.clients.base import ApiError

NOW = datetime.now(timezone.utc)
ROUNDS = [
    {"id": "r-old", "name": "Tổng kết năm học 2025–2026", "school_year": "2025-2026",
     "opens_at": (NOW - timedelta(days=200)).isoformat(), "due_at": (NOW - timedelta(days=180)).isoformat(),
     "closes_at": (NOW - timedelta(days=170)).isoformat()},
    {"id": "r-1", "name": "Sơ kết học kỳ I năm học 2026–2027", "school_year": "2026-2027",
     "opens_at": (NOW - timedelta(days=5)).isoformat(), "due_at": (NOW + timedelta(days=10)).isoformat(),
     "closes_at": (NOW + timedelta(days=30)).isoformat()},
    {"id": "r-next", "name": "Tổng kết năm học 2026–2027", "school_year": "2026-2027",
     "opens_at": (NOW + timedelta(days=100)).isoformat(), "due_at": (NOW + timedelta(days=120)).isoformat(),
     "closes_at": (NOW + timedelta(days=130)).isoformat()},
]
CATALOGUE = {"indicators": [
    {"code": "TEACHERS_QUALIFIED", "name": "Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo", "unit": "%",
     "value_type": "ratio", "targets": [{"scope": "province", "comparator": ">=", "value": 100, "horizon": 2035}]},
    {"code": "DROPOUT", "name": "Tỷ lệ học sinh bỏ học", "unit": "%", "value_type": "ratio"},
    {"code": "SMART_CLASSROOMS", "name": "Số phòng học thông minh", "unit": "phòng", "value_type": "count"},
    {"code": "CLASSES", "name": "Số lớp", "unit": "lớp", "value_type": "count"},
]}
NOTE = "Đánh giá theo lộ trình tuyến tính từ mức cơ sở 80 % (đợt “Tổng kết năm học 2025–2026”) đến mục tiêu ≥ 100 %."


def judged(kind, label, description, status, status_label, actual, target, horizon, expected=None, levels=(),
           unit="%"):
    return {"kind": kind, "kind_label": label, "description": description, "source": label,
            "school_levels": list(levels), "unit": unit, "status": status, "status_label": status_label,
            "actual": actual, "target": target, "comparator": ">=", "horizon": horizon, "gap": None,
            "expected": expected, "behind_by": None, "behind_share": 0.0, "reason": f"Lý do: {status_label}.",
            "note": NOTE, "text": None}


CITY_TQ = judged("province", "Chỉ tiêu của thành phố", "≥ 100 %", "at_risk", "Có nguy cơ", 84.2, 100, 2035, 85.1)
NATION_DROPOUT = judged("nation", "Chỉ tiêu quốc gia", "≤ 0,5 %", "reached", "Đã đạt", 0.2, 0.5, 2030,
                        levels=("thcs", "thpt"))
SMART = judged("province", "Chỉ tiêu của thành phố", "≥ 100 % số trường đạt ≥ 1", "behind", "Chậm", 40, 100, 2030,
               72.5, unit="% số trường")


def row(code, name, targets, commune=None):
    head = commune or targets[0]
    return {"indicator_code": code, "indicator_name": name, "short_label": name, "unit": head["unit"],
            "direction": "higher", "actual": head["actual"], "school_target": None, "commune_target": commune,
            "city_target": next((t for t in targets if t["kind"] == "province"), None),
            "national_target": next((t for t in targets if t["kind"] == "nation"), None),
            "targets": ([commune] if commune else []) + targets, "status": head["status"],
            "status_label": head["status_label"], "gap": None, "expected": head["expected"], "behind_by": None,
            "behind_share": 0.0, "reason": head["reason"], "note": NOTE}


PROGRESS = {"round_id": "r-1", "round_name": "Sơ kết học kỳ I năm học 2026–2027", "as_of": "2026-12-20",
            "baseline_round": {"round_id": "r-old", "name": "Tổng kết năm học 2025–2026", "due_at": "2026-06-05"},
            "method": NOTE, "indicators": [
                row("DROPOUT", "Tỷ lệ học sinh bỏ học", [NATION_DROPOUT]),
                row("TEACHERS_QUALIFIED", "Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo", [CITY_TQ]),
                row("SMART_CLASSROOMS", "Số phòng học thông minh", [SMART])],
            "at_risk_schools": [
                {"school_code": "HCM-TH-A", "school_name": "Trường Tiểu học A", "school_level": "tieu_hoc",
                 "commune_code": "27496", "commune_name": "Xã Tân An Hội", "indicator_code": "TEACHERS_QUALIFIED",
                 "indicator_name": "Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo", "unit": "%", "actual": 70.0,
                 "status": "behind", "status_label": "Chậm", "expected": 85.0, "behind_by": 15.0,
                 "behind_share": 0.75, "reason": "Kém mức cần đạt theo lộ trình 15 %.", "target_kind": "province",
                 "target_label": "Chỉ tiêu của thành phố", "target_description": "≥ 100 %", "horizon": 2035,
                 "comparator": ">=", "target": 100},
                {"school_code": "HCM-THCS-B", "school_name": "Trường THCS B", "school_level": "thcs",
                 "commune_code": "27496", "commune_name": "Xã Tân An Hội", "indicator_code": "TEACHERS_QUALIFIED",
                 "indicator_name": "Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo", "unit": "%", "actual": 83.0,
                 "status": "at_risk", "status_label": "Có nguy cơ", "expected": 85.0, "behind_by": 2.0,
                 "behind_share": 0.1, "reason": "Kém mức cần đạt theo lộ trình 2 %.", "target_kind": "province",
                 "target_label": "Chỉ tiêu của thành phố", "target_description": "≥ 100 %", "horizon": 2035,
                 "comparator": ">=", "target": 100}],
            "at_risk_schools_total": 2, "at_risk_communes": []}
CASCADE = {"targets": [
    {"indicator_code": "TEACHERS_QUALIFIED", "indicator_name": "Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo",
     "target_label": "Chỉ tiêu của thành phố", "target_description": "≥ 100 %", "horizon": 2035,
     "school_levels": ["tieu_hoc", "thcs"], "schools_applicable": 3, "schools_committing": 1,
     "committed_figure": 98.0, "unit": "%", "adds_up": False,
     "verdict": "Các cam kết cộng lại chưa đạt chỉ tiêu", "note": "2 trường thuộc diện chưa cam kết"},
    {"indicator_code": "DROPOUT", "indicator_name": "Tỷ lệ học sinh bỏ học", "target_label": "Chỉ tiêu quốc gia",
     "target_description": "≤ 0,5 %", "horizon": 2030, "school_levels": ["thpt"], "schools_applicable": 1,
     "schools_committing": 1, "committed_figure": 0.3, "unit": "%", "adds_up": True,
     "verdict": "Các cam kết cộng lại đạt chỉ tiêu", "note": ""}]}
ROLLUP = {"round": {"round_id": "r-1", "catalogue_version": 1}, "schools_reporting": 3, "indicators": [
    {"indicator_code": "TEACHERS_QUALIFIED", "aggregation": "ratio", "value_type": "ratio", "value": 0.842,
     "schools_reporting": 3},
    {"indicator_code": "DROPOUT", "aggregation": "ratio", "value_type": "ratio", "value": 0.002, "schools_reporting": 3},
    {"indicator_code": "SMART_CLASSROOMS", "aggregation": "sum", "value_type": "count", "value": 4,
     "schools_reporting": 3},
    {"indicator_code": "CLASSES", "aggregation": "sum", "value_type": "count", "value": 61, "schools_reporting": 3}],
    "computed_at": NOW.isoformat()}
COMPLETENESS = {
    "completeness": {"expected": 7, "submitted": 3, "on_time": 2, "late": 1, "missing": 4, "rate": 3 / 7},
    "communes": [{"commune_code": "27496", "commune_name": "Xã Tân An Hội", "expected": 4, "submitted": 3,
                  "on_time": 2, "late": 1, "missing": 1, "rate": 0.75},
                 {"commune_code": "26734", "commune_name": "Phường Bến Thành", "expected": 3, "submitted": 0,
                  "on_time": 0, "late": 0, "missing": 3, "rate": 0.0}],
    "missing_schools": [{"school_code": "HCM-TH-C", "school_name": "Trường Tiểu học C", "school_level": "tieu_hoc",
                         "commune_code": "27496"}] + [
        {"school_code": f"HCM-THCS-{i}", "school_name": f"Trường THCS {i}", "school_level": "thcs",
         "commune_code": "26734"} for i in range(3)]}
SCHOOLS = [{"school_code": "HCM-TH-A", "school_name": "Trường Tiểu học A", "school_level": "tieu_hoc",
            "commune_code": "27496", "revision": 1, "submitted_at": NOW.isoformat(), "late": False},
           {"school_code": "HCM-THCS-B", "school_name": "Trường THCS B", "school_level": "thcs",
            "commune_code": "27496", "revision": 1, "submitted_at": NOW.isoformat(), "late": True},
           {"school_code": "HCM-THCS-D", "school_name": "Trường THCS D", "school_level": "thcs",
            "commune_code": "27496", "revision": 2, "submitted_at": NOW.isoformat(), "late": False}]
SERIES = {"points": [
    {"round_id": "r-old", "round_name": "Tổng kết năm học 2025–2026", "opens_at": ROUNDS[0]["opens_at"], "value": 0.8},
    {"round_id": "r-1", "round_name": "Sơ kết học kỳ I năm học 2026–2027", "opens_at": ROUNDS[1]["opens_at"],
     "value": 0.842},
    {"round_id": "r-next", "round_name": "Tổng kết năm học 2026–2027", "opens_at": ROUNDS[2]["opens_at"],
     "value": None}]}


class FakeReports:
    asked: list = []
    progress_answer = PROGRESS

    def _note(self, name, *args):
        FakeReports.asked.append((name, *args))

    refuse_as_of = None

    def dashboard(self, round_id, scope=None, code=None, level=None, figures=None, as_of=None):
        """The reports API's one-call digest, made of this fake's answers as the service makes it of one view."""
        self._note("dashboard", round_id, scope, code, level)
        return {"version": "v-1", "rollup": self.rollups(round_id, scope, code, level, figures, as_of),
                "completeness": self.completeness(round_id, scope, code, figures, as_of),
                "progress": self.progress(round_id, scope, code, figures, as_of),
                "schools": self.schools(round_id, scope, code, level=level, figures=figures, as_of=as_of)["items"]
                if scope == "commune" or level else None,
                "cascade": None if as_of else self.cascade(round_id, scope, code),
                "plans": None if as_of else self.plan_status(scope, code)}

    def rollups(self, round_id, scope=None, code=None, level=None, figures=None, as_of=None):
        self._note("rollups", round_id, scope, code, level)
        self._note("figures:rollups", figures)
        self._note("as_of:rollups", as_of)
        if as_of and FakeReports.refuse_as_of:
            raise ApiError(422, {"title": "Dữ liệu không hợp lệ", "detail": FakeReports.refuse_as_of})
        return ROLLUP

    def completeness(self, round_id, scope=None, code=None, figures=None, as_of=None):
        self._note("figures:completeness", figures)
        self._note("as_of:completeness", as_of)
        return COMPLETENESS

    def schools(self, round_id, scope=None, code=None, page=1, page_size=500, level=None, figures=None, as_of=None):
        self._note("schools", round_id, scope, code, level)
        self._note("figures:schools", figures)
        return {"items": [s for s in SCHOOLS if not level or s["school_level"] == level]}

    def progress(self, round_id, scope=None, code=None, figures=None, as_of=None):
        self._note("figures:progress", figures)
        self._note("as_of:progress", as_of)
        return FakeReports.progress_answer

    def export(self, round_id, fmt, params):
        self._note("export", round_id, fmt, params)
        return b"PK", 'attachment; filename="bao-cao.xlsx"', "application/octet-stream"

    def cascade(self, round_id, scope=None, code=None):
        self._note("cascade", round_id)
        return CASCADE

    def plan_status(self, scope=None, code=None):
        return {"counts": {"approved": 1, "submitted": 1, "returned": 0, "none": 5}}

    def series(self, indicator, scope=None, code=None, level=None):
        self._note("series", indicator, scope, code, level)
        return SERIES

    def school_progress(self, round_id, school_code):
        return {"round_name": "Sơ kết học kỳ I năm học 2026–2027", "as_of": "2026-12-20", "method": NOTE,
                "indicators": [row("TEACHERS_QUALIFIED", "Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo", [CITY_TQ],
                                   commune=None) | {
                    "school_target": SCHOOL_TQ, "targets": [SCHOOL_TQ, CITY_TQ], "status": "on_track",
                    "status_label": "Đúng lộ trình"}]}


SCHOOL_TQ = {**judged("school", "Kế hoạch của nhà trường", "≥ 97 %", "on_track", "Đúng lộ trình", 95.7, 97, 2026,
                      93.0), "text": "Phấn đấu 97 % giáo viên đạt chuẩn"}


class FakeIndicators:
    def rounds(self, page=1, page_size=100):
        return {"items": ROUNDS}

    def catalogue(self, version=None):
        return CATALOGUE

    def submission(self, round_id, school_code):
        return {"school": {"name": "Trường THCS Thị Trấn 2", "commune_code": "27496"}, "revision": 1,
                "submitted_at": NOW.isoformat(), "late": False,
                "values": [{"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45, "denominator": 47}]}


@pytest.fixture
def client(tmp_path, monkeypatch):
    closed = f"http://127.0.0.1:{free_port()}"
    for name in ("IDENTITY", "PLANS", "INDICATORS", "NOTIFICATIONS", "REPORTS"):
        monkeypatch.setenv(f"PORTAL_{name}_URL", closed)
    monkeypatch.setenv("PORTAL_SECRET_KEY_FILE", str(tmp_path / "secret"))
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    monkeypatch.setattr(backends, "reports", lambda: FakeReports())
    monkeypatch.setattr(backends, "indicators", lambda: FakeIndicators())
    FakeReports.asked = []
    FakeReports.progress_answer = PROGRESS
    FakeReports.refuse_as_of = None
    return create_app(replace(config.load(), backend_timeout=2.0)).test_client()


def sign_in(client, role: str, org_code: str = "79", **extra) -> None:
    with client.session_transaction() as session:
        session["token"] = "not-checked-here"
        session["expires_at"] = time.time() + 3600
        session["user"] = {"id": "u-1", "name": "Anh Minh", "role": role, "org_code": org_code,
                           "org_name": "Sở GD&ĐT", "province_code": "79", **extra}


def table(html: str, table_id: str) -> str:
    found = re.search(rf'<table id="{table_id}".*?</table>', html, re.S)
    assert found, f"no table {table_id}"
    return found.group(0)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_city_dashboard_answers_how_are_we_doing(client):
    sign_in(client, "city")
    html = client.get("/dashboard").data.decode()
    targets = text(table(html, "bang-chi-tieu"))
    # every key indicator with its target, a status in words (never "–") and the trajectory's expected level
    assert "Có nguy cơ" in targets and "Đã đạt" in targets and "Chậm" in targets
    assert "Cần đạt theo lộ trình: 85,1 %" in targets and "84,2 %" in targets and "≥ 100 % đến 2035" in targets
    # worst first; the indicator without a target is listed apart, not with a "–" status
    order = [m for m in re.findall(r'data-code="([A-Z_]+)"', table(html, "bang-chi-tieu"))]
    assert order == ["SMART_CLASSROOMS", "TEACHERS_QUALIFIED", "DROPOUT"]
    assert 'data-code="CLASSES"' in table(html, "bang-chi-tieu-khac")
    # the straight line from the baseline is said in words
    assert "một đường thẳng từ mức cơ sở đến mục tiêu" in html and "Tổng kết năm học 2025–2026" in html
    # no commune targets in the answer: no such column
    assert "Mục tiêu xã/phường" not in html
    # the percentage's bullet chart has a text alternative
    assert 'role="img" aria-label="Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo: 84,2 %, mức cần đạt theo lộ ' \
           'trình 85,1 %, mục tiêu ≥ 100 %"' in html
    # at-risk schools, furthest behind first, with the reason
    at_risk = text(table(html, "bang-nguy-co"))
    assert at_risk.index("Trường Tiểu học A") < at_risk.index("Trường THCS B")
    assert "Kém mức cần đạt theo lộ trình 15 %." in at_risk and "thiếu 15 điểm phần trăm" in at_risk
    # the cascade: commitments against the city's targets, the failing one first
    cascade = text(table(html, "bang-cam-ket"))
    assert "1/3" in cascade and "Các cam kết cộng lại chưa đạt chỉ tiêu" in cascade
    assert cascade.index("chưa đạt") < cascade.index("Tỷ lệ học sinh bỏ học")


def test_completeness_by_commune_is_worst_first_with_bars_and_words_and_sorts(client):
    sign_in(client, "city")
    html = client.get("/dashboard").data.decode()
    communes = table(html, "bang-xa")
    assert text(communes).index("Phường Bến Thành") < text(communes).index("Xã Tân An Hội")
    assert "0/3 · 0 %" in text(communes) and "thiếu nhiều" in text(communes)
    assert "3/4 · 75 %" in text(communes) and "còn thiếu" in text(communes)
    assert 'class="minibar"' in communes and 'aria-label="Xã Tân An Hội: 3/4 trường đã nộp, còn thiếu"' in communes
    by_name = text(table(client.get("/dashboard?sort=name").data.decode(), "bang-xa"))
    assert by_name.index("Phường Bến Thành") < by_name.index("Xã Tân An Hội")
    html = client.get("/dashboard?sort=missing").data.decode()
    assert 'aria-sort="descending">Chưa nộp' in html


def test_the_live_block_is_not_a_live_region_only_its_summary_is_announced(client):
    sign_in(client, "city")
    html = client.get("/dashboard").data.decode()
    block = re.search(r'<div id="so-lieu"[^>]*>', html).group(0)
    assert "aria-live" not in block
    assert re.search(r'<p id="thong-bao-cap-nhat"[^>]*role="status"[^>]*aria-live="polite"', html)
    summary = re.search(r'data-summary="([^"]*)"', html).group(1)
    assert summary == ("3/7 trường đã nộp; chỉ tiêu: 1 chậm, 1 có nguy cơ, 1 đã đạt; "
                       "2 trường có nguy cơ hoặc chậm.")


def test_trends_are_lines_over_opened_rounds_with_the_target(client):
    sign_in(client, "city")
    html = client.get("/dashboard").data.decode()
    trends = html[html.index('id="xu-huong"'):]
    assert 'class="chart line-chart"' in trends and "Mục tiêu ≥ 100 % (đến 2035)" in trends
    assert "Tổng kết năm học 2025–2026: 80 %; Sơ kết học kỳ I năm học 2026–2027: 84,2 %" in trends
    assert "Tổng kết năm học 2026–2027" not in trends  # not opened yet
    # a share of schools is not drawn against the sum of classrooms the series holds
    assert "Số phòng học thông minh" not in trends or "Mục tiêu ≥ 100 % số trường" not in trends
    page = client.get("/dashboard/trends?indicator=TEACHERS_QUALIFIED").data.decode()
    assert "84,2 %" in text(page) and "Tổng kết năm học 2026–2027" not in page
    # without a choice, the page opens on the first indicator with a figure in the round of the dashboard,
    # not on the catalogue's first (nothing reported for it here)
    FakeReports.asked = []
    ROLLUP["indicators"][0]["value"] = None
    try:
        opened = client.get("/dashboard/trends").data.decode()
    finally:
        ROLLUP["indicators"][0]["value"] = 0.842
    assert ("series", "DROPOUT", "province", "79", None) in FakeReports.asked
    assert '<option value="DROPOUT" selected>' in opened


def test_the_level_filter_reaches_the_reports_api_and_narrows_the_targets(client):
    sign_in(client, "city")
    html = client.get("/dashboard?level=tieu_hoc").data.decode()
    assert ("rollups", "r-1", "province", "79", "tieu_hoc") in FakeReports.asked
    assert ("schools", "r-1", "province", "79", "tieu_hoc") in FakeReports.asked
    assert any(a[0] == "series" and a[-1] == "tieu_hoc" for a in FakeReports.asked)
    targets = table(html, "bang-chi-tieu")
    assert 'data-code="DROPOUT"' not in targets  # its target concerns THCS and THPT only
    assert "Riêng Tiểu học" in targets
    at_risk = text(table(html, "bang-nguy-co"))
    assert "Trường Tiểu học A" in at_risk and "Trường THCS B" not in at_risk
    assert "Tỷ lệ học sinh bỏ học" not in text(table(html, "bang-cam-ket"))
    # completeness of the level, counted from its schools: 1 reported and 1 missing in Tân An Hội
    communes = text(table(html, "bang-xa"))
    assert "1/2 · 50 %" in communes and "Phường Bến Thành" not in communes
    assert '<option value="tieu_hoc" selected>Tiểu học</option>' in html
    assert "level=tieu_hoc" in re.search(r'data-stream="([^"]*)"', html).group(1)


def test_the_commune_dashboard_shows_its_commune_targets_when_the_api_has_them(client):
    sign_in(client, "commune", org_code="27496", commune_code="27496")
    html = client.get("/dashboard").data.decode()
    assert "Mục tiêu xã/phường" not in html and "Các trường đã nộp (3)" in html
    commune = judged("commune", "Kế hoạch của xã/phường", "≥ 90 %", "behind", "Chậm", 84.2, 90, 2026, 88.0)
    with_commune = dict(PROGRESS, indicators=[
        row("TEACHERS_QUALIFIED", "Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo", [CITY_TQ], commune=commune)])
    FakeReports.progress_answer = with_commune
    html = client.get("/dashboard").data.decode()
    targets = text(table(html, "bang-chi-tieu"))
    assert "Mục tiêu xã/phường" in targets and "≥ 90 % đến 2026" in targets
    # the headline follows the commune's own target; the city's is shown with its own status
    assert targets.index("Chậm") > targets.index("≥ 90 %") and "Có nguy cơ" in targets


def test_the_school_view_shows_its_plan_target_the_city_and_the_nation_with_the_trajectory(client):
    sign_in(client, "commune", org_code="27496", commune_code="27496")
    html = client.get("/dashboard/r-1/schools/HCM-THCS-THITRAN2").data.decode()
    targets = text(table(html, "bang-muc-tieu-truong"))
    assert "≥ 97 % đến 2026" in targets and "Phấn đấu 97 % giáo viên đạt chuẩn" in targets
    assert "Đúng lộ trình" in targets and "Có nguy cơ" in targets and "Không đặt" in targets
    assert "đường thẳng từ mức cơ sở" in html and "45/47 (95,7 %)" in html


def test_security_headers_permissions_policy_always_hsts_only_over_https(client):
    plain = client.get("/login")
    assert "camera=()" in plain.headers["Permissions-Policy"]
    assert "geolocation=()" in plain.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in plain.headers
    proxied = client.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert proxied.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    direct = client.get("/login", base_url="https://portal.example")
    assert "Strict-Transport-Security" in direct.headers


STAGES = {"27496": {"not_started": 0, "draft": 1, "submitted": 0, "confirmed": 2, "returned": 1, "accepted": 0},
          # as a view stored before the draft stage was split answers it: no not_started yet
          "26734": {"draft": 3, "submitted": 0, "confirmed": 0, "returned": 0, "accepted": 0}}


def test_the_figures_toggle_reaches_the_reports_api_the_live_stream_and_the_exports(client):
    sign_in(client, "city")
    html = client.get("/dashboard").data.decode()
    assert ("figures:rollups", "submitted") in FakeReports.asked  # the default: every submitted report
    assert '<input type="radio" name="figures" value="submitted" checked> Tất cả số liệu đã nộp' in html
    assert '<input type="radio" name="figures" value="confirmed" > Chỉ số liệu đã xác nhận' in html
    FakeReports.asked = []
    html = client.get("/dashboard?figures=confirmed").data.decode()
    for endpoint in ("rollups", "completeness", "progress"):
        assert (f"figures:{endpoint}", "confirmed") in FakeReports.asked, endpoint
    assert '<input type="radio" name="figures" value="confirmed" checked>' in html
    assert "figures=confirmed" in re.search(r'data-stream="([^"]*)"', html).group(1)
    assert "(chỉ số liệu đã xác nhận)" in text(html)
    assert re.search(r'data-summary="([^"]*)"', html).group(1).startswith("3/7 trường đã được xác nhận")
    export = re.search(r'href="([^"]*export[^"]*format=xlsx[^"]*)"', html).group(1)
    assert "figures=confirmed" in export
    FakeReports.asked = []
    assert client.get("/dashboard/r-1/export?format=xlsx&figures=confirmed").status_code == 200
    assert FakeReports.asked[-1][3]["figures"] == "confirmed"
    # anything else is read as the default
    FakeReports.asked = []
    client.get("/dashboard?figures=all")
    assert ("figures:rollups", "submitted") in FakeReports.asked


def test_the_completeness_by_commune_table_counts_each_approval_stage(client, monkeypatch):
    with_stages = {**COMPLETENESS,
                   "completeness": {**COMPLETENESS["completeness"],
                                    "stages": {"not_started": 3, "draft": 1, "submitted": 0, "confirmed": 2,
                                               "returned": 1, "accepted": 0}},
                   "communes": [{**c, "stages": STAGES[c["commune_code"]]} for c in COMPLETENESS["communes"]]}
    monkeypatch.setattr(FakeReports, "completeness", lambda self, *a, **k: with_stages)
    sign_in(client, "city")
    html = client.get("/dashboard").data.decode()
    communes = table(html, "bang-xa")
    # one column per stage, the schools that have not reported once ("Chưa nộp" beside "Chưa nộp số liệu" was the
    # same figure twice, found walking as the city)
    headers = [text(h).strip() for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', communes, re.S)]
    assert headers == ["Xã/phường", "Đã nộp / phải nộp", "Nộp muộn", "Chưa nộp", "Đã nộp, chưa hoàn thành",
                       "Chờ xác nhận", "Xã/phường đã xác nhận", "Trả lại", "Sở đã tiếp nhận"]
    row = re.search(r"Xã Tân An Hội</a></th>(.*?)</tr>", communes, re.S).group(1)
    assert re.findall(r'<td class="num">([^<]*)</td>', row)[-6:] == ["0", "1", "0", "2", "1", "0"]
    # a row adds up to the commune's schools: those that have not reported and those at each stage
    assert sum(int(n) for n in re.findall(r'<td class="num">([^<]*)</td>', row)[-6:]) == 4
    # a view stored before the split (re-projected later) shows no figure for the stage it lacks, and no error
    old = re.search(r"Phường Bến Thành</a></th>(.*?)</tr>", communes, re.S).group(1)
    assert re.findall(r'<td class="num">([^<]*)</td>', old)[-6:] == ["–", "3", "0", "0", "0", "0"]
    # a school that submitted values but has not marked its report complete is not "đang nhập" (found by the city:
    # "Đang nhập 388" beside "Nộp số liệu 244/388")
    assert "Đang nhập" not in text(html)
    # the summary card says "chưa nộp" once: the stages after it are those of the schools that have reported
    # ("chưa nộp 3 · … Chưa nộp số liệu 3" was the same figure twice)
    assert ("Đã nộp, chưa hoàn thành 1 · Chờ xác nhận 0 · Xã/phường đã xác nhận 2 · Trả lại 1 · "
            "Sở đã tiếp nhận 0") in text(html)
    assert "Chưa nộp số liệu" not in text(html)


@pytest.mark.parametrize("baseline_first", [True, False])
def test_the_city_dashboard_opens_on_this_school_year_s_open_round_while_the_baseline_is_still_open(
        client, monkeypatch, baseline_first):
    # found by the city during `make up`: last school year's round, opened to load the baseline and due months ago,
    # is still open for a few minutes, and the dashboard opened on it
    baseline = {"id": "r-baseline", "name": "Tổng kết năm học 2025–2026", "school_year": "2025-2026",
                "opens_at": (NOW - timedelta(days=200)).isoformat(), "due_at": (NOW - timedelta(days=170)).isoformat(),
                "closes_at": (NOW + timedelta(minutes=10)).isoformat()}
    listed = [baseline, *ROUNDS[1:]] if baseline_first else [*ROUNDS[1:], baseline]
    monkeypatch.setattr(FakeIndicators, "rounds", lambda self, page=1, page_size=100: {"items": listed})
    sign_in(client, "city")
    html = client.get("/dashboard").data.decode()
    assert [a[1] for a in FakeReports.asked if a[0] == "dashboard"] == ["r-1"]
    assert re.search(r'<option value="r-1" selected>', html) and not re.search(r'value="r-baseline" selected', html)
    # a round chosen stays in the URL, the baseline too
    FakeReports.asked = []
    html = client.get("/dashboard?round=r-baseline").data.decode()
    assert [a[1] for a in FakeReports.asked if a[0] == "dashboard"] == ["r-baseline"]
    assert re.search(r'<option value="r-baseline" selected>', html)


def test_the_dashboard_shows_the_figures_as_they_stood_at_a_chosen_moment(client):
    sign_in(client, "city")
    html = client.get("/dashboard?round=r-1&as_of_day=15/12/2026&as_of_time=17:00").data.decode()
    moment = "2026-12-15T17:00:00+07:00"
    for endpoint in ("rollups", "completeness", "progress"):
        assert (f"as_of:{endpoint}", moment) in FakeReports.asked
    assert "Số liệu như tại" in text(html) and "15/12/2026 17:00" in text(html)
    assert 'data-stream=""' in html  # a past moment is not live
    assert ("cascade", "r-1") not in FakeReports.asked  # plans' commitments are today's: not mixed into the past
    assert "as_of=2026-12-15T17" in html  # the exports are of the same moment


def test_a_moment_the_page_cannot_read_or_the_service_refuses_is_said_and_the_figures_are_today_s(client):
    sign_in(client, "city")
    html = client.get("/dashboard?round=r-1&as_of_day=31/02/2026").data.decode()
    assert "Thời điểm xem số liệu không hợp lệ" in html and "Số liệu như tại" not in html
    # found walking as the city: the format was spelt in English letters (dd/mm/yyyy, hh:mm)
    assert "ngày/tháng/năm" in html and "giờ:phút" in html and "ví dụ 15/12/2026" in html
    assert not re.search(r"dd/mm/yyyy|hh:mm", html, re.IGNORECASE)
    FakeReports.refuse_as_of = "Thời điểm xem số liệu ở tương lai."
    html = client.get("/dashboard?round=r-1&as_of_day=15/12/2099").data.decode()
    assert "Thời điểm xem số liệu ở tương lai." in html
    assert "data-stream=\"/dashboard/r-1/stream" in html  # back to the live figures of now


class OneCallReports:
    """A reports API that answers only the one-call dashboard: any other call to it fails the stream."""
    calls: list = []
    reported = 3

    def dashboard(self, round_id, scope=None, code=None, level=None, figures=None, as_of=None):
        OneCallReports.calls.append((round_id, scope, code))
        n = OneCallReports.reported
        return {"version": f"v-{n}", "rollup": {**ROLLUP, "schools_reporting": n}, "completeness": COMPLETENESS,
                "progress": PROGRESS, "schools": SCHOOLS, "cascade": CASCADE,
                "plans": {"counts": {"approved": 1, "submitted": 1, "returned": 0, "none": 5}}}


class CountingIndicators(FakeIndicators):
    catalogues = 0

    def catalogue(self, version=None):
        CountingIndicators.catalogues += 1
        return CATALOGUE


def announce(signal, kind: str, code: str, version: str) -> None:
    """A DashboardUpdated as the reports service publishes it, handed to the signal as Kafka hands it over."""
    import json

    from edu71.config import REPO_ROOT
    from edu71.contracts import Contracts

    data = json.loads((REPO_ROOT / "contracts" / "examples" / "DashboardUpdated.v1.json").read_text(encoding="utf-8"))
    data.update(round_id="r-1", province_code="79", scope={"kind": kind, "code": code}, version=version)
    event = Contracts(REPO_ROOT / "contracts").new_event("DashboardUpdated", data, subject="79", source="/edu71/reports")
    signal._handle(event.to_json().encode("utf-8"))


def test_a_commune_dashboard_updates_from_its_own_commune_event_with_one_call_per_new_version(tmp_path, monkeypatch):
    import queue
    import threading

    from portal.live import DashboardSignal

    closed = f"http://127.0.0.1:{free_port()}"
    for name in ("IDENTITY", "PLANS", "INDICATORS", "NOTIFICATIONS", "REPORTS"):
        monkeypatch.setenv(f"PORTAL_{name}_URL", closed)
    monkeypatch.setenv("PORTAL_SECRET_KEY_FILE", str(tmp_path / "secret"))
    monkeypatch.setattr(backends, "reports", lambda: OneCallReports())
    monkeypatch.setattr(backends, "indicators", lambda: CountingIndicators())
    monkeypatch.setattr(DashboardSignal, "start", lambda self: None)  # the events are handed over below
    OneCallReports.calls, OneCallReports.reported, CountingIndicators.catalogues = [], 3, 0
    # No fallback poll within the test: every fetch comes from an event.
    app = create_app(replace(config.load(), live_interval=600.0, live_max_seconds=8.0))
    client, signal = app.test_client(), app.extensions["portal.live"]
    sign_in(client, "commune", "27496", commune_code="27496")
    pushes: queue.Queue = queue.Queue()

    def read() -> None:
        for chunk in client.get("/dashboard/r-1/stream", buffered=False).response:
            text = chunk.decode() if isinstance(chunk, bytes) else chunk
            if text.startswith("event: figures"):
                pushes.put(re.search(r'id="so-truong-bao-cao">([\d.]+)<', text).group(1))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert pushes.get(timeout=5) == "3"
    assert OneCallReports.calls == [("r-1", "commune", "27496")]

    announce(signal, "commune", "11560", "v-9")  # another commune: not this stream's
    announce(signal, "province", "79", "v-9")  # the province: not a commune's stream
    announce(signal, "commune", "27496", "v-3")  # the version already shown (a redelivery): nothing to fetch
    time.sleep(0.3)
    OneCallReports.reported = 4
    announce(signal, "commune", "27496", "v-4")
    assert pushes.get(timeout=5) == "4"
    assert OneCallReports.calls == [("r-1", "commune", "27496")] * 2
    assert CountingIndicators.catalogues == 1  # the round's catalogue version is fetched once
    reader.join(timeout=30)


def test_the_headline_counts_schools_not_a_school_s_every_indicator_behind(client):
    # School A is behind on two indicators: three entries, two schools; 40 entries in all, 31 schools.
    second = dict(PROGRESS["at_risk_schools"][0], indicator_code="DROPOUT", indicator_name="Tỷ lệ học sinh bỏ học")
    FakeReports.progress_answer = dict(PROGRESS, at_risk_schools=[*PROGRESS["at_risk_schools"], second] * 12,
                                       at_risk_schools_total=40, at_risk_schools_count=31)
    sign_in(client, "city")
    html = client.get("/dashboard").data.decode()
    assert re.search(r'<span id="so-truong-nguy-co">31</span> trường', html)
    assert "Hiển thị 30 trên 40 mục (mỗi mục: một trường, một chỉ tiêu)." in html
    # an answer from a reports service that does not count them yet: the schools among the listed entries
    FakeReports.progress_answer = dict(PROGRESS, at_risk_schools=[*PROGRESS["at_risk_schools"], second])
    html = client.get("/dashboard").data.decode()
    assert re.search(r'<span id="so-truong-nguy-co">2</span> trường', html)


def test_the_province_s_completeness_table_and_the_commitments_each_take_the_page_s_width(client):
    # the completeness table has a column per stage: set beside the commitments, both wrapped a word a line
    sign_in(client, "city")
    html = client.get("/dashboard").data.decode()
    assert 'id="bang-xa"' in html and 'id="bang-cam-ket"' in html and 'class="grid-2"' not in html
    # a commune's list of schools is narrow: it stays beside the commitments
    sign_in(client, "commune", org_code="27496", commune_code="27496")
    assert 'class="grid-2"' in client.get("/dashboard").data.decode()
