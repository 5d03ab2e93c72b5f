"""Dashboard view models and charts from the reports API's answers."""
from __future__ import annotations

from portal.domain.charts import Bar, bar_chart
from portal.domain.dashboard import (at_risk, commune_bars, commune_rows, indicator_bars, indicator_rows,
                                     school_values, trend_bars)

CATALOGUE = {"indicators": [
    {"code": "DROPOUT", "name": "Tỷ lệ học sinh bỏ học", "unit": "%", "direction": "lower",
     "targets": [{"scope": "nation", "comparator": "<=", "value": 1.0, "horizon": 2030, "source": "NQ 71"},
                 {"scope": "province", "comparator": "<", "value": 0.5, "horizon": 2030, "source": "KH"}]},
    {"code": "TEACHERS_QUALIFIED", "name": "Giáo viên đạt chuẩn", "unit": "%",
     "targets": [{"scope": "nation", "comparator": ">=", "value": 99, "horizon": 2030, "source": "NQ 71"}]},
    {"code": "SMART_CLASSROOMS", "name": "Phòng học thông minh", "unit": "phòng"},
]}
ROLLUP = {"schools_reporting": 3, "indicators": [
    {"indicator_code": "DROPOUT", "aggregation": "ratio", "value_type": "ratio", "value": 0.004, "schools_reporting": 3},
    {"indicator_code": "TEACHERS_QUALIFIED", "aggregation": "ratio", "value_type": "ratio", "value": 0.957,
     "schools_reporting": 3},
    {"indicator_code": "SMART_CLASSROOMS", "aggregation": "sum", "value_type": "count", "value": 1234,
     "schools_reporting": 2},
    {"indicator_code": "PCGD_LEVEL", "aggregation": None, "value_type": None, "value": None, "schools_reporting": 0},
]}


def test_indicator_rows_compare_with_the_province_target_first():
    rows = {r["code"]: r for r in indicator_rows(ROLLUP, CATALOGUE)}
    assert rows["DROPOUT"]["caption"] == "0,4 %" and rows["DROPOUT"]["target_text"] == "< 0,5 % (đến 2030)"
    assert rows["DROPOUT"]["meets"] is True
    assert rows["TEACHERS_QUALIFIED"]["meets"] is False  # 95,7 % < 99 %
    assert rows["SMART_CLASSROOMS"]["caption"] == "1.234 phòng" and rows["SMART_CLASSROOMS"]["meets"] is None
    assert rows["PCGD_LEVEL"]["caption"] == "–" and rows["PCGD_LEVEL"]["name"] == "PCGD_LEVEL"


def test_bars_only_for_ratios_with_target_ticks_and_risk():
    bars = indicator_bars(indicator_rows(ROLLUP, CATALOGUE))
    assert [(b.label, b.at_risk) for b in bars] == [("Tỷ lệ học sinh bỏ học", False), ("Giáo viên đạt chuẩn", True)]
    assert bars[1].target == 0.99


def test_commune_rows_count_reporting_schools_and_use_completeness_when_known():
    schools = [{"commune_code": "27496", "late": False}, {"commune_code": "27496", "late": True},
               {"commune_code": "26734", "late": False}]
    names = {"27496": "Xã Tân An Hội", "26734": "Phường Bến Thành"}
    rows = commune_rows(schools, names)
    assert [(r["name"], r["submitted"], r["late"], r["expected"]) for r in rows] == [
        ("Phường Bến Thành", 1, 0, None), ("Xã Tân An Hội", 2, 1, None)]
    completeness = {"communes": [
        {"commune_code": "27496", "commune_name": "Xã Tân An Hội", "expected": 4, "submitted": 2, "late": 1,
         "missing": 2},
        {"commune_code": "99999", "expected": 3, "submitted": 0, "late": 0, "missing": 3}]}
    rows = commune_rows(schools, names, completeness)
    # least complete first; a commune known only from the report keeps its code as its name
    assert [(r["code"], r["share"]) for r in rows] == [("99999", 0.0), ("27496", 0.5), ("26734", None)]
    bars = commune_bars(rows)
    assert [(b.caption, b.at_risk) for b in bars] == [("0/3", True), ("2/4", True), ("1 trường", False)]


def test_target_checks_of_the_reports_api_take_precedence_and_at_risk_lists_are_worst_first():
    checks = {"targets": [{"indicator_code": "TEACHERS_QUALIFIED", "comparator": ">=", "target": 95, "actual": 95.7,
                           "met": True, "horizon": 2026}],
              "at_risk_schools": [
                  {"indicator_code": "DROPOUT", "school_name": "Trường A", "actual": 0.7, "target": 0.5,
                   "comparator": "<=", "gap": 0.2, "unit": "%"},
                  {"indicator_code": "DROPOUT", "school_name": "Trường B", "actual": 2.5, "target": 0.5,
                   "comparator": "<=", "gap": 2.0, "unit": "%"}],
              "at_risk_communes": []}
    rows = {r["code"]: r for r in indicator_rows(ROLLUP, CATALOGUE, checks=checks)}
    assert rows["TEACHERS_QUALIFIED"]["meets"] is True  # the catalogue alone (≥ 99 %) would say no
    assert rows["TEACHERS_QUALIFIED"]["target_text"] == "≥ 95 % (đến 2026)"
    assert rows["DROPOUT"]["meets"] is True and rows["DROPOUT"]["target_text"].startswith("< 0,5 %")
    risky = at_risk(checks, CATALOGUE)
    assert [(r["who"], r["indicator"], r["comparator"]) for r in risky["at_risk_schools"]] == [
        ("Trường B", "Tỷ lệ học sinh bỏ học", "≤"), ("Trường A", "Tỷ lệ học sinh bỏ học", "≤")]
    assert risky["at_risk_communes"] == [] and at_risk(None, CATALOGUE) == {"at_risk_schools": [],
                                                                           "at_risk_communes": []}


def test_school_values_are_readable():
    values = [{"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45, "denominator": 47},
              {"indicator_code": "SMART_CLASSROOMS", "value": 2}, {"indicator_code": "PCGD_LEVEL", "level": 3},
              {"indicator_code": "X", "flag": False}]
    assert [r["caption"] for r in school_values(values, CATALOGUE)] == ["45/47 (95,7 %)", "2 phòng", "mức 3", "chưa đạt"]


def test_bar_chart_is_accessible_svg_with_escaped_labels():
    svg = bar_chart("Tỷ lệ <đạt>", [Bar("Xã A & B", 0.5, "50,0 %", target=0.9, at_risk=True), Bar("Xã C", None, "–")])
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title>Tỷ lệ &lt;đạt&gt;</title>" in svg
    assert "Xã A &amp; B" in svg and 'class="bar risk"' in svg and 'class="target"' in svg
    assert svg.count('class="track"') == 2


def test_trend_bars_scale_ratios_to_100_percent_and_counts_to_the_largest():
    series = {"points": [{"round_name": "HK I 2025–2026", "value": 0.9}, {"round_name": "Cả năm", "value": None},
                         {"round_name": "HK I 2026–2027", "value": 0.957}]}
    bars = trend_bars(series, ratio=True)
    assert [(b.label, b.value, b.caption) for b in bars] == [
        ("HK I 2025–2026", 0.9, "90,0 %"), ("Cả năm", None, "chưa có số liệu"), ("HK I 2026–2027", 0.957, "95,7 %")]
    counts = trend_bars({"points": [{"round_name": "A", "value": 5}, {"round_name": "B", "value": 20}]}, False, "phòng")
    assert [(b.value, b.caption) for b in counts] == [(0.25, "5 phòng"), (1.0, "20 phòng")]
    assert trend_bars(None, True) == []


def test_rows_take_the_target_status_and_trajectory_note_from_the_reports_progress():
    from portal.domain.dashboard import indicator_rows

    rollup = {"indicators": [{"indicator_code": "TEACHERS_QUALIFIED", "value_type": "ratio", "aggregation": "ratio",
                              "value": 0.952, "schools_reporting": 3}]}
    note = "Đánh giá theo lộ trình tuyến tính từ mức cơ sở 83,16 % (đợt “Tổng kết”) đến mục tiêu ≥ 99 % đến năm 2030."
    progress = {"indicators": [{"indicator_code": "TEACHERS_QUALIFIED", "indicator_name": "Tỷ lệ giáo viên đạt chuẩn",
                                "status": "on_track", "status_label": "Đúng lộ trình", "note": note, "reason": "…",
                                "city_target": {"kind": "province", "kind_label": "Chỉ tiêu của thành phố",
                                                "description": "≥ 99 %", "comparator": ">=", "target": 99,
                                                "horizon": 2030}, "national_target": None}]}
    [row] = indicator_rows(rollup, {"indicators": []}, progress=progress)
    assert row["name"] == "Tỷ lệ giáo viên đạt chuẩn" and row["status_label"] == "Đúng lộ trình"
    assert row["target_text"] == "≥ 99 % (đến 2030) — chỉ tiêu của thành phố" and row["note"] == note
    assert row["meets"] is True and row["status_class"] == "ok" and row["target"]["value"] == 99


def test_the_largest_class_shows_its_largest_value_not_the_sum():
    from portal.domain.dashboard import indicator_rows

    rollup = {"indicators": [{"indicator_code": "MAX_CLASS_SIZE", "value_type": "count", "aggregation": "sum",
                              "value": 9134, "maximum": 45, "schools_reporting": 243}]}
    catalogue = {"indicators": [{"code": "MAX_CLASS_SIZE", "name": "Sĩ số lớp đông nhất", "unit": "học sinh",
                                 "aggregation": "max_and_share_over_limit"}]}
    assert indicator_rows(rollup, catalogue)[0]["caption"] == "lớn nhất: 45 học sinh"


def test_the_dashboard_opens_on_the_open_round_due_first_then_the_last_closed_never_an_upcoming_one():
    from datetime import datetime, timezone

    from portal.domain.dashboard import by_date, default_round

    def rnd(rid, opens, due, closes):
        return {"id": rid, "opens_at": f"2026-{opens}T08:00:00+07:00", "due_at": f"2026-{due}T17:00:00+07:00",
                "closes_at": f"2026-{closes}T17:00:00+07:00"}

    closed = rnd("tong-ket", "05-15", "06-10", "06-30")
    open_later = rnd("so-ket", "11-30", "12-23", "12-31")
    open_sooner = rnd("chuyen-de", "11-01", "12-10", "12-20")
    upcoming = rnd("giua-ky-2", "12-20", "12-28", "12-31")
    now = datetime(2026, 12, 2, 3, tzinfo=timezone.utc)
    # The API lists the upcoming round first (newest opening): the dashboard must not land on it.
    assert default_round([upcoming, open_later, open_sooner, closed], now)["id"] == "chuyen-de"
    assert default_round([upcoming, closed], now)["id"] == "tong-ket"
    assert default_round([upcoming], now)["id"] == "giua-ky-2"
    assert default_round([], now) is None
    assert [r["id"] for r in by_date([closed, upcoming, open_sooner, open_later])] == [
        "giua-ky-2", "so-ket", "chuyen-de", "tong-ket"]
