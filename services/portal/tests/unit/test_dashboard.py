"""Dashboard view models and charts from the reports API's answers (pure)."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from portal.domain.charts import Point, axis_top, bullet, line_chart, progress_bar
from portal.domain.dashboard import commune_rows, completeness_band, indicator_rows, school_values, trend_points
from portal.domain.progress import at_risk_rows, cascade_rows, figure, status_counts, target_rows

CATALOGUE = {"indicators": [
    {"code": "DROPOUT", "name": "Tỷ lệ học sinh bỏ học", "unit": "%", "direction": "lower"},
    {"code": "TEACHERS_QUALIFIED", "name": "Giáo viên đạt chuẩn", "unit": "%"},
    {"code": "SMART_CLASSROOMS", "name": "Phòng học thông minh", "unit": "phòng"},
    {"code": "MAX_CLASS_SIZE", "name": "Sĩ số lớp đông nhất", "unit": "học sinh",
     "aggregation": "max_and_share_over_limit"},
]}
ROLLUP = {"schools_reporting": 3, "indicators": [
    {"indicator_code": "DROPOUT", "aggregation": "ratio", "value_type": "ratio", "value": 0.004, "schools_reporting": 3},
    {"indicator_code": "TEACHERS_QUALIFIED", "aggregation": "ratio", "value_type": "ratio", "value": 0.957,
     "schools_reporting": 3},
    {"indicator_code": "SMART_CLASSROOMS", "aggregation": "sum", "value_type": "count", "value": 1234,
     "schools_reporting": 2},
    {"indicator_code": "MAX_CLASS_SIZE", "value_type": "count", "aggregation": "sum", "value": 9134, "maximum": 45,
     "schools_reporting": 243},
    {"indicator_code": "PCGD_LEVEL", "aggregation": None, "value_type": None, "value": None, "schools_reporting": 0},
]}


def test_indicator_figures_are_written_the_vietnamese_way_and_never_as_codes():
    rows = {r["code"]: r for r in indicator_rows(ROLLUP, CATALOGUE)}
    assert rows["DROPOUT"]["caption"] == "0,4 %" and rows["SMART_CLASSROOMS"]["caption"] == "1.234 phòng"
    assert rows["MAX_CLASS_SIZE"]["caption"] == "lớn nhất: 45 học sinh"  # the largest class, not the sum
    assert rows["PCGD_LEVEL"]["caption"] == "–" and rows["PCGD_LEVEL"]["name"] == "Chỉ tiêu không còn trong danh mục"
    # a series across rounds is drawn in % for ratios, in the unit for sums, not at all for a largest value
    assert [rows[c]["series_unit"] for c in ("DROPOUT", "SMART_CLASSROOMS", "MAX_CLASS_SIZE")] == ["%", "phòng", None]


def _judged(kind, status, label, levels=(), expected=None, unit="%", horizon=2030):
    return {"kind": kind, "kind_label": kind, "description": f"≥ 99 {unit}", "unit": unit, "status": status,
            "status_label": label, "actual": 95.74, "target": 99, "horizon": horizon, "expected": expected,
            "school_levels": list(levels), "reason": f"vì {label}", "note": "lộ trình tuyến tính"}


def test_progress_rows_follow_the_binding_target_worst_first_and_keep_each_targets_own_status():
    progress = {"indicators": [
        {"indicator_code": "A", "indicator_name": "Chỉ tiêu A", "targets": [_judged("nation", "reached", "Đã đạt")]},
        {"indicator_code": "B", "indicator_name": "Chỉ tiêu B", "targets": [
            _judged("nation", "on_track", "Đúng lộ trình"),
            _judged("province", "at_risk", "Có nguy cơ", expected=96.0),
            _judged("commune", "behind", "Chậm", expected=98.5, horizon=2026)]},
        {"indicator_code": "C", "indicator_name": "Chỉ tiêu C", "targets": [
            _judged("province", "on_track", "Đúng lộ trình", levels=("thpt",))]},
    ]}
    rows = target_rows(progress)
    assert [r["code"] for r in rows] == ["B", "C", "A"]
    b = rows[0]
    # the commune's own target binds before the city's and the nation's; each keeps its own status
    assert (b["status"], b["label"], b["css"], b["head_kind"]) == ("behind", "Chậm", "risk", "commune")
    assert b["expected"] == "98,5 %" and b["actual"] == "95,7 %"
    assert [(c["label"], c["css"]) for c in b["cells"]["province"]] == [("Có nguy cơ", "warn")]
    assert [c["label"] for c in b["cells"]["nation"]] == ["Đúng lộ trình"] and b["cells"]["school"] == []
    assert [(c["label"], c["count"]) for c in status_counts(rows)] == [
        ("Chậm", 1), ("Đúng lộ trình", 1), ("Đã đạt", 1)]
    # a level keeps only the targets that concern it
    assert [r["code"] for r in target_rows(progress, "tieu_hoc")] == ["B", "A"]
    assert [r["code"] for r in target_rows(progress, "thpt")] == ["B", "C", "A"]
    assert target_rows(None) == []


def test_a_nation_target_per_level_shows_each_and_the_headline_follows_one_with_a_figure():
    # The nation sets completion per level; an area with only THCS schools has no primary figure.
    progress = {"indicators": [{"indicator_code": "PROGRAMME_COMPLETED", "indicator_name": "Hoàn thành chương trình",
                                "targets": [
                                    {**_judged("nation", "no_data", "Chưa có số liệu", levels=("tieu_hoc",)),
                                     "actual": None},
                                    _judged("nation", "not_yet", "Chưa đạt", levels=("thcs",)),
                                    {**_judged("nation", "no_data", "Chưa có số liệu", levels=("thpt",)),
                                     "actual": None}]}]}
    [row] = target_rows(progress)
    assert (row["label"], row["head_levels"], row["actual"]) == ("Chưa đạt", "THCS", "95,7 %")
    assert [(c["levels"], c["label"]) for c in row["cells"]["nation"]] == [
        ("Tiểu học", "Chưa có số liệu"), ("THCS", "Chưa đạt"), ("THPT", "Chưa có số liệu")]
    assert [c["levels"] for c in target_rows(progress, "thcs")[0]["cells"]["nation"]] == ["THCS"]
    nothing = {"indicators": [{"indicator_code": "X", "targets": [{**_judged("nation", "no_data", "Chưa có số liệu"),
                                                                  "actual": None}]}]}
    assert target_rows(nothing)[0]["label"] == "Chưa có số liệu"


def test_figures_carry_their_unit():
    assert figure(95.744, "%") == "95,7 %" and figure(0.2, "%") == "0,2 %" and figure(80, "% số trường") == \
        "80 % số trường"
    assert figure(2, "phòng") == "2 phòng" and figure(None, "%") == "–" and figure(0.04, "%") == "0,04 %"
    # a level is named before its number: "3 mức" reads as three levels (found on the city's dashboard)
    assert figure(3, "mức") == "mức 3" and figure(1, "mức") == "mức 1"


def test_at_risk_rows_keep_the_apis_order_and_filter_by_level():
    entries = [{"school_name": "Trường A", "school_level": "thcs", "status": "behind", "status_label": "Chậm",
                "unit": "%", "actual": 70, "expected": 85, "behind_by": 15, "indicator_name": "Giáo viên đạt chuẩn",
                "reason": "Kém 15 %", "target_description": "≥ 100 %"},
               {"school_name": "Trường B", "school_level": "tieu_hoc", "status": "at_risk",
                "status_label": "Có nguy cơ", "unit": "%", "actual": 83, "expected": 85, "behind_by": 2}]
    rows = at_risk_rows(entries)
    # a gap between percentages is in percentage points ("15 %" would be 15 % of something)
    assert [(r["school_name"], r["css"], r["behind_by"]) for r in rows] == [
        ("Trường A", "risk", "15 điểm phần trăm"), ("Trường B", "warn", "2 điểm phần trăm")]
    assert [r["school_name"] for r in at_risk_rows(entries, "tieu_hoc")] == ["Trường B"]
    level = at_risk_rows([{"school_name": "Trường C", "status": "behind", "unit": "mức", "actual": 1, "expected": 2,
                           "behind_by": 1}])[0]
    assert (level["actual"], level["expected"], level["behind_by"]) == ("mức 1", "mức 2", "1 mức")


def test_cascade_rows_put_the_targets_whose_commitments_fall_short_first():
    cascade = {"targets": [
        {"indicator_name": "Đạt", "schools_applicable": 4, "schools_committing": 4, "committed_figure": 99.5,
         "unit": "%", "adds_up": True, "school_levels": ["thcs"]},
        {"indicator_name": "Chưa ai", "schools_applicable": 4, "schools_committing": 0, "committed_figure": None,
         "unit": "%", "adds_up": None, "school_levels": ["thcs"]},
        {"indicator_name": "Thiếu", "schools_applicable": 4, "schools_committing": 1, "committed_figure": 97.0,
         "unit": "%", "adds_up": False, "school_levels": ["tieu_hoc"]},
        {"indicator_name": "Không trường nào thuộc diện", "schools_applicable": 0, "schools_committing": 0,
         "committed_figure": None, "unit": "%", "adds_up": None, "school_levels": ["thpt"]}]}
    rows = cascade_rows(cascade)
    assert [(r["name"], r["css"], r["figure"], r["levels"]) for r in rows] == [
        ("Thiếu", "risk", "97 %", "Tiểu học"), ("Chưa ai", "none", "–", "THCS"), ("Đạt", "ok", "99,5 %", "THCS")]
    assert [r["name"] for r in cascade_rows(cascade, "thcs")] == ["Chưa ai", "Đạt"]


def test_commune_rows_are_worst_first_with_words_for_each_band():
    schools = [{"commune_code": "27496", "late": False, "school_level": "thcs"},
               {"commune_code": "27496", "late": True, "school_level": "tieu_hoc"},
               {"commune_code": "26734", "late": False, "school_level": "thcs"}]
    names = {"27496": "Xã Tân An Hội", "26734": "Phường Bến Thành"}
    rows = commune_rows(schools, names)
    assert [(r["name"], r["submitted"], r["late"], r["expected"]) for r in rows] == [
        ("Phường Bến Thành", 1, 0, None), ("Xã Tân An Hội", 2, 1, None)]
    completeness = {"communes": [
        {"commune_code": "27496", "commune_name": "Xã Tân An Hội", "expected": 4, "submitted": 2, "late": 1,
         "missing": 2},
        {"commune_code": "99999", "expected": 3, "submitted": 0, "late": 0, "missing": 3}],
        "missing_schools": [{"commune_code": "27496", "school_level": "thcs"},
                            {"commune_code": "27496", "school_level": "tieu_hoc"},
                            {"commune_code": "99999", "school_level": "thpt"}]}
    rows = commune_rows(schools, names, completeness)
    # least complete first; a commune known only from the report keeps its code as its name
    assert [(r["code"], r["share"], r["band_words"]) for r in rows] == [
        ("99999", 0.0, "thiếu nhiều"), ("27496", 0.5, "còn thiếu"), ("26734", None, "chưa rõ số phải nộp")]
    assert [r["code"] for r in commune_rows(schools, names, completeness, sort="missing")] == ["99999", "27496",
                                                                                                "26734"]
    # one level: counted from that level's reporting and missing schools
    thcs = commune_rows(schools, names, completeness, level="thcs")
    assert [(r["code"], r["submitted"], r["expected"]) for r in thcs] == [("27496", 1, 2), ("26734", 1, 1)]
    assert completeness_band(1.0) == ("ok", "đủ") and completeness_band(0.75)[0] == "warn"


def test_commune_rows_carry_the_approval_stages_of_every_level_only():
    stages = {"draft": 1, "submitted": 1, "confirmed": 1, "returned": 0, "accepted": 1}
    completeness = {"communes": [{"commune_code": "27496", "commune_name": "Xã Tân An Hội", "expected": 4,
                                  "submitted": 3, "late": 0, "missing": 1, "stages": stages}],
                    "missing_schools": [{"commune_code": "27496", "school_level": "thcs"}]}
    [row] = commune_rows([], {}, completeness)
    assert row["stages"] == stages
    # the stages are not split by level: none with a level chosen
    assert [r["stages"] for r in commune_rows([], {}, completeness, level="thcs")] == [None]


def test_school_values_are_readable():
    values = [{"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45, "denominator": 47},
              {"indicator_code": "SMART_CLASSROOMS", "value": 2}, {"indicator_code": "PCGD_LEVEL", "level": 3},
              {"indicator_code": "X", "flag": False}]
    assert [r["caption"] for r in school_values(values, CATALOGUE)] == ["45/47 (95,7 %)", "2 phòng", "mức 3", "chưa đạt"]


def test_trend_points_leave_out_rounds_not_yet_open_and_keep_gaps():
    now = datetime(2026, 12, 2, tzinfo=timezone.utc)
    series = {"points": [{"round_name": "HK I 2025–2026", "value": 0.9, "opens_at": "2025-11-01T00:00:00+00:00"},
                         {"round_name": "Cả năm", "value": None, "opens_at": "2026-05-01T00:00:00Z"},
                         {"round_name": "HK I 2026–2027", "value": 0.957, "opens_at": "2026-11-30T00:00:00+00:00"},
                         {"round_name": "HK II", "value": None, "opens_at": "2027-03-01T00:00:00+00:00"}]}
    points = trend_points(series, True, now)
    assert [(p.label, None if p.value is None else round(p.value, 1)) for p in points] == [
        ("HK I 2025–2026", 90.0), ("Cả năm", None), ("HK I 2026–2027", 95.7)]
    assert trend_points(None, True, now) == []


def test_line_chart_is_accessible_with_axes_legend_target_and_gaps():
    svg = line_chart("Tỷ lệ <đạt>", [Point("Đợt & 1", 80.0), Point("Đợt 2", None), Point("Đợt 3", 95.74)], "%",
                     99, "Mục tiêu ≥ 99 % (đến 2030)")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-label="Tỷ lệ &lt;đạt&gt;. Đợt &amp; 1: 80 %; Đợt 2: không có số liệu; Đợt 3: 95,7 %' in svg
    assert ">100 %</text>" in svg and ">0 %</text>" in svg  # the percent axis, with decimal commas elsewhere
    assert 'class="target-line"' in svg and "Mục tiêu ≥ 99 % (đến 2030)" in svg
    assert "không có số liệu</text>" in svg and svg.count("<polyline") == 0  # the gap breaks the line
    counts = line_chart("Phòng", [Point("A", 3), Point("B", 7)], "phòng")
    assert "Số liệu (phòng)" in counts and "target-line" not in counts and ">10</text>" in counts
    assert "<polyline" in counts and "%" not in re.sub(r"<title>.*?</title>", "", counts)


def test_axes_end_on_round_figures_and_percent_stops_at_100():
    assert axis_top([0.2, 0], True) == 0.4 and axis_top([95.7, 99], True) == 100
    assert axis_top([1234], False) == 2000 and axis_top([None], False) == 1


def test_small_bars_carry_their_text_alternative():
    bar = progress_bar(0.75, "warn", "Xã A: 3/4 trường đã nộp, còn thiếu")
    assert 'aria-label="Xã A: 3/4 trường đã nộp, còn thiếu"' in bar and 'width="90.0"' in bar
    mark = bullet(84.2, 85.1, 100, "Giáo viên đạt chuẩn: 84,2 %")
    assert 'class="expected"' in mark and 'class="target-mark"' in mark and "<title>" in mark


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


def test_the_dashboard_opens_on_the_current_school_year_s_round_never_the_baseline_whichever_was_created_first():
    from datetime import datetime, timezone

    from portal.domain.dashboard import default_round

    def rnd(rid, year, opens, due, closes):
        return {"id": rid, "school_year": year, "opens_at": f"{opens}T08:00:00+07:00",
                "due_at": f"{due}T17:00:00+07:00", "closes_at": f"{closes}T17:00:00+07:00"}

    # as `make up` loads them: last school year's round (the baseline) is opened with a past due date and still
    # open for a few minutes while its values are loaded; this year's round is open and due later
    baseline = rnd("tong-ket-2025", "2025-2026", "2026-05-15", "2026-06-10", "2026-12-02")
    current = rnd("so-ket-2026", "2026-2027", "2026-11-29", "2026-12-22", "2027-01-11")
    now = datetime(2026, 12, 2, 3, tzinfo=timezone.utc)
    assert default_round([baseline, current], now)["id"] == "so-ket-2026"
    assert default_round([current, baseline], now)["id"] == "so-ket-2026"
    # once both are closed, the latest school year's round, not the one that closed last
    later = datetime(2027, 2, 1, tzinfo=timezone.utc)
    reopened_baseline = {**baseline, "closes_at": "2027-01-20T17:00:00+07:00"}
    assert default_round([reopened_baseline, current], later)["id"] == "so-ket-2026"
    assert default_round([current, reopened_baseline], later)["id"] == "so-ket-2026"
    # a baseline alone is the round there is
    assert default_round([baseline], now)["id"] == "tong-ket-2025"


def test_round_labels_under_a_crowded_axis_keep_their_year():
    names = [f"Sơ kết học kỳ I năm học {y}–{y + 1}" for y in range(2025, 2033)]
    svg = line_chart("Bỏ học", [Point(n, 1.0) for n in names], "%")
    labels = re.findall(r'<text[^>]*class="tick" text-anchor="middle">(.*?)</text>', svg)
    shown = [re.sub(r"<[^>]+>", " ", label).split()[-1] for label in labels]
    assert shown == [f"{y}–{y + 1}" for y in range(2025, 2033)]  # eight different labels, none cut to the same
