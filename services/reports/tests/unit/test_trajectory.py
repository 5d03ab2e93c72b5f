"""Status against a target's trajectory, and progress at every level (pure)."""
from datetime import date

import pytest

from reports.domain.progress import area_figure, area_progress, cascade, commitments, school_progress
from reports.domain.trajectory import Baseline, judge

DEC_2026 = date(2026, 12, 31)
BASE_2025 = Baseline(60.0, date(2025, 12, 31), "năm 2025")


def test_a_2030_target_is_not_missed_in_2026_when_the_figure_is_on_its_line():
    # 60 → 100 over 2026..2030: the line stands at 68 at the end of 2026.
    j = judge(70, ">=", 100, 2030, DEC_2026, baseline=BASE_2025, unit="%")
    assert j.status == "on_track" and j.expected == pytest.approx(68, abs=0.05) and j.behind_by == 0
    assert j.status_label == "Đúng lộ trình" and "68" in j.reason and "lộ trình tuyến tính" in j.note


def test_at_risk_within_a_tenth_of_the_path_behind_beyond_it():
    assert judge(65, ">=", 100, 2030, DEC_2026, baseline=BASE_2025).status == "at_risk"  # 3 below, band 4
    j = judge(62, ">=", 100, 2030, DEC_2026, baseline=BASE_2025)
    assert j.status == "behind" and j.behind_by == pytest.approx(6, abs=0.05) and "Chậm" in j.reason
    assert j.behind_share == pytest.approx(6 / 40, abs=0.01)


def test_reached_whatever_the_date_and_behind_once_the_horizon_passed():
    assert judge(100, ">=", 100, 2030, DEC_2026, baseline=BASE_2025).status == "reached"
    late = judge(99, ">=", 100, 2026, date(2027, 1, 15), baseline=BASE_2025)
    assert late.status == "behind" and "quá thời hạn 31/12/2026" in late.reason


def test_lower_is_better_runs_the_line_downwards():
    base = Baseline(1.5, date(2025, 12, 31), "đợt trước")
    # 1,5 % → 0,5 % by 2030: 1,3 % expected at the end of 2026.
    assert judge(1.2, "<=", 0.5, 2030, DEC_2026, baseline=base, direction="lower").status == "on_track"
    assert judge(1.35, "<=", 0.5, 2030, DEC_2026, baseline=base, direction="lower").status == "at_risk"
    assert judge(1.6, "<=", 0.5, 2030, DEC_2026, baseline=base, direction="lower").status == "behind"
    assert judge(0.4, "=", 0.5, 2030, DEC_2026, baseline=base, direction="lower").status == "reached"


def test_a_baseline_that_already_met_the_target_asks_only_to_keep_it():
    above = Baseline(100, date(2025, 12, 31), "đợt trước")
    j = judge(79, ">=", 80, 2030, DEC_2026, baseline=above)
    assert j.expected == 80 and j.behind_by == pytest.approx(1) and j.status == "at_risk"  # band: 10 % of 20


def test_without_a_baseline_only_reached_or_not_yet_with_the_reason():
    j = judge(90, ">=", 100, 2030, DEC_2026)
    assert j.status == "not_yet" and j.status_label == "Chưa đạt" and "chưa có mức cơ sở" in j.reason
    assert j.gap == 10 and j.expected is None
    # A baseline dated on or after the round's date gives no line either.
    assert judge(90, ">=", 100, 2030, DEC_2026, baseline=Baseline(80, DEC_2026, "x")).status == "not_yet"
    assert judge(None, ">=", 100, 2030, DEC_2026).status == "no_data"


def test_a_level_reads_as_the_level_not_a_count_of_levels():
    """Found on the city's dashboard: "≥ 3 mức đến 2030 (số liệu 1 mức…)" for PCGD level 3 and level 1."""
    j = judge(1, ">=", 3, 2030, DEC_2026, unit="mức")
    assert "mục tiêu ≥ mức 3 đến năm 2030" in j.reason and "số liệu mức 1" in j.reason and "3 mức" not in j.reason
    pcgd = {"PCGD_LEVEL": {"name": "Mức độ đạt chuẩn phổ cập giáo dục", "value_type": "level", "unit": "mức",
                           "direction": "higher", "aggregation": "distribution", "targets": [
        {"scope": "province", "comparator": ">=", "value": 3, "horizon": 2030, "source": "HP"}]}}
    rows = area_progress({"all": [_level("PCGD_LEVEL", {"1": 4, "3": 6})]}, None, None, pcgd, ["PCGD_LEVEL"],
                         DEC_2026, use_catalogue_baselines=True)
    assert rows[0]["city_target"]["description"] == "≥ mức 3"


def test_vietnamese_numbers_in_reasons():
    j = judge(0.93, "<=", 0.5, 2030, DEC_2026, baseline=Baseline(1.0, date(2025, 12, 31), "x"), direction="lower",
              unit="%")
    assert "0,93 %" in j.reason and "." not in j.reason.split(":")[1].split(";")[0].replace("0,93", "")


CATALOGUE = {
    "NATIONAL_STANDARD_LEVEL": {"name": "Mức độ đạt chuẩn quốc gia", "short_label": "Chuẩn quốc gia",
                                "value_type": "level", "unit": "mức", "direction": "higher",
                                "aggregation": "distribution", "school_levels": ["tieu_hoc", "thcs"], "targets": [
            {"scope": "nation", "comparator": ">=", "value": 1, "horizon": 2030, "source": "NQ 71",
             "share_of_schools": 80, "baseline": {"year": 2025, "value": 76.98}}]},
    "PROGRAMME_COMPLETED": {"name": "Tỷ lệ hoàn thành chương trình", "value_type": "ratio", "unit": "%",
                            "direction": "higher", "aggregation": "ratio_of_sums",
                            "school_levels": ["tieu_hoc", "thcs"], "targets": [
            {"scope": "nation", "comparator": ">=", "value": 99.7, "horizon": 2030, "source": "QĐ 525",
             "school_levels": ["tieu_hoc"]},
            {"scope": "province", "comparator": ">=", "value": 100, "horizon": 2030, "source": "HP"}]},
}


def _level(code, dist):
    return {"indicator_code": code, "value_type": "level", "aggregation": "distribution",
            "schools_reporting": sum(dist.values()), "value": min(int(k) for k in dist),
            "distribution": dist, "minimum": min(int(k) for k in dist), "numerator": None, "denominator": None,
            "maximum": None, "schools_nonzero": None}


def _ratio(code, num, den):
    return {"indicator_code": code, "value_type": "ratio", "aggregation": "ratio", "schools_reporting": 2,
            "value": num / den, "numerator": num, "denominator": den, "distribution": None, "minimum": None,
            "maximum": None, "schools_nonzero": None}


def test_share_of_schools_targets_and_level_restricted_targets_read_the_right_figure():
    rollups = {"all": [_level("NATIONAL_STANDARD_LEVEL", {"0": 2, "1": 6, "2": 2})],
               "tieu_hoc": [_ratio("PROGRAMME_COMPLETED", 99, 100)], "thcs": [_ratio("PROGRAMME_COMPLETED", 90, 100)]}
    rollups["all"].append(_ratio("PROGRAMME_COMPLETED", 189, 200))
    ind = {**CATALOGUE["NATIONAL_STANDARD_LEVEL"], "code": "NATIONAL_STANDARD_LEVEL"}
    assert area_figure(rollups, ind, ind["targets"][0]) == (80.0, "% số trường")
    pc = {**CATALOGUE["PROGRAMME_COMPLETED"], "code": "PROGRAMME_COMPLETED"}
    assert area_figure(rollups, pc, pc["targets"][0])[0] == pytest.approx(99.0)  # primary only
    assert area_figure(rollups, pc, pc["targets"][1])[0] == pytest.approx(94.5)  # every level


def test_area_progress_uses_the_catalogue_baseline_and_the_city_target_first():
    rollups = {"all": [_level("NATIONAL_STANDARD_LEVEL", {"0": 3, "1": 7}), _ratio("PROGRAMME_COMPLETED", 95, 100)],
               "tieu_hoc": [_ratio("PROGRAMME_COMPLETED", 95, 100)]}
    rows = {r["indicator_code"]: r for r in area_progress(
        rollups, None, None, CATALOGUE, ["NATIONAL_STANDARD_LEVEL", "PROGRAMME_COMPLETED"], DEC_2026,
        use_catalogue_baselines=True)}
    std = rows["NATIONAL_STANDARD_LEVEL"]
    assert std["national_target"]["baseline_value"] == 76.98 and std["status"] == "behind"  # 70 % vs ≈ 77,6 %
    pc = rows["PROGRAMME_COMPLETED"]
    assert pc["city_target"]["target"] == 100 and pc["status"] == pc["city_target"]["status"] == "not_yet"
    assert pc["short_label"] == "Tỷ lệ hoàn thành chương trình"


def test_area_progress_falls_back_to_the_baseline_rounds_figure():
    base_round = {"round_id": "r0", "name": "Tổng kết năm học 2025–2026", "due_at": "2026-06-15"}
    rollups = {"all": [_ratio("PROGRAMME_COMPLETED", 96, 100)]}
    before = {"all": [_ratio("PROGRAMME_COMPLETED", 95, 100)]}
    catalogue = {"PROGRAMME_COMPLETED": {**CATALOGUE["PROGRAMME_COMPLETED"], "targets": [
        CATALOGUE["PROGRAMME_COMPLETED"]["targets"][1]]}}
    [row] = area_progress(rollups, before, base_round, catalogue, ["PROGRAMME_COMPLETED"], DEC_2026,
                          use_catalogue_baselines=False)
    assert row["city_target"]["baseline_value"] == pytest.approx(95) and row["status"] == "on_track"
    assert "Tổng kết năm học 2025–2026" in row["note"]


def test_the_headline_binds_to_a_target_the_area_has_a_figure_for():
    # Only primary schools reported: the commune's own target (every level) has no figure, the nation's primary
    # one has; the headline must judge by the nation's instead of saying "no data" under the commune's.
    rollups = {"tieu_hoc": [_ratio("PROGRAMME_COMPLETED", 95, 100)]}
    commune_plan = [{"indicator_code": "PROGRAMME_COMPLETED", "comparator": ">=", "value": 98,
                     "horizon": "2026-12-31", "text": "98 % học sinh hoàn thành chương trình"}]
    [row] = area_progress(rollups, None, None, CATALOGUE, ["PROGRAMME_COMPLETED"], DEC_2026,
                          use_catalogue_baselines=True, plan_targets=commune_plan)
    assert row["commune_target"]["actual"] is None
    assert row["national_target"]["actual"] == pytest.approx(95)
    assert row["status"] == row["national_target"]["status"] != "no_data" and row["actual"] == pytest.approx(95)


def test_school_progress_judges_its_own_plan_target_first():
    values = {"PROGRAMME_COMPLETED": {"value_type": "ratio", "numerator": 97, "denominator": 100}}
    base = {"PROGRAMME_COMPLETED": {"value_type": "ratio", "numerator": 96, "denominator": 100}}
    plan = [{"indicator_code": "PROGRAMME_COMPLETED", "comparator": ">=", "value": 98, "horizon": "2026-12-31",
             "text": "98 % hoàn thành"}, {"indicator_code": None, "comparator": ">=", "value": 1, "horizon": "2030-12-31"}]
    [row] = school_progress(values, base, {"round_id": "r0", "name": "Tổng kết", "due_at": "2026-06-15"}, plan,
                            CATALOGUE, ["PROGRAMME_COMPLETED"], "tieu_hoc", date(2026, 9, 15))
    assert row["school_target"]["target"] == 98 and row["status"] in ("on_track", "at_risk", "behind")
    assert row["national_target"]["target"] == 99.7 and row["city_target"]["target"] == 100


def test_cascade_weights_ratio_commitments_by_denominators():
    mk = lambda code, value, den: commitments(code, "tieu_hoc", [  # noqa: E731
        {"indicator_code": "PROGRAMME_COMPLETED", "comparator": ">=", "value": value, "horizon": "2030-12-31"}],
        {"PROGRAMME_COMPLETED": {"value_type": "ratio", "numerator": 1, "denominator": den}}, None)
    promised = mk("A", 100, 300) + mk("B", 97, 100)
    [row] = cascade(promised, CATALOGUE, ["PROGRAMME_COMPLETED"], {"tieu_hoc": 3, "thcs": 1})
    assert row["target_kind"] == "province" and row["schools_committing"] == 2 and row["schools_applicable"] == 4
    assert row["committed_figure"] == pytest.approx(99.25) and row["adds_up"] is False
    assert "2 trường thuộc diện chưa cam kết" in row["note"]
    # Commitments that reach the figure do not add up while schools the target applies to have none.
    [short] = cascade(mk("A", 100, 300), CATALOGUE, ["PROGRAMME_COMPLETED"], {"tieu_hoc": 2})
    assert short["committed_figure"] == 100 and short["adds_up"] is False
    assert short["verdict"] == "Các cam kết đạt mức chỉ tiêu nhưng còn 1 trường chưa cam kết"
    [full] = cascade(mk("A", 100, 300), CATALOGUE, ["PROGRAMME_COMPLETED"], {"tieu_hoc": 1})
    assert full["adds_up"] is True and full["verdict"] == "Các cam kết cộng lại đạt chỉ tiêu"
    [share] = cascade(commitments("A", "tieu_hoc", [{"indicator_code": "NATIONAL_STANDARD_LEVEL", "comparator": ">=",
                                                     "value": 2, "horizon": "2030-12-31"}], {}, None),
                      CATALOGUE, ["NATIONAL_STANDARD_LEVEL"], {"tieu_hoc": 1})
    assert share["committed_figure"] == 100 and share["adds_up"] is True


def test_a_gap_between_percentages_is_in_percentage_points_rounded_as_a_person_writes_it():
    """Found by the city: "kém 13,02 so với mức cần đạt" — a gap without its unit, to two decimals."""
    j = judge(54.97, ">=", 100, 2030, DEC_2026, baseline=BASE_2025, unit="%")
    assert j.status == "behind" and j.behind_by == pytest.approx(13.02, abs=0.01)
    assert "số liệu 55 % kém 13 điểm phần trăm so với mức cần đạt" in j.reason and "13,02" not in j.reason
    assert "theo lộ trình là 68 %" in j.reason
    late = judge(95.74, ">=", 99.75, 2026, date(2027, 1, 15), unit="%")
    assert "mục tiêu ≥ 99,75 %" in late.reason and "số liệu 95,7 %" in late.reason
    assert "còn thiếu 4 điểm phần trăm" in late.reason


def test_a_percentage_keeps_two_decimals_where_one_would_hide_the_miss():
    j = judge(99.68, ">=", 99.7, 2030, DEC_2026, unit="%")
    assert j.status == "not_yet" and "số liệu 99,68 %" in j.reason and "còn thiếu 0,02 điểm phần trăm" in j.reason


def test_a_level_due_on_the_line_is_a_whole_level_and_the_gap_is_in_levels():
    """Found by the city: "mức cần đạt … mức 1,24" — nobody can reach a quarter of a level."""
    base = Baseline(1.0, date(2025, 12, 31), "năm 2025")
    early = judge(1, ">=", 3, 2030, DEC_2026, baseline=base, unit="mức")  # the line stands at 1,4: level 1 is due
    assert early.status == "on_track" and early.expected == 1 and "theo lộ trình là mức 1;" in early.reason
    later = judge(1, ">=", 3, 2030, date(2028, 12, 31), baseline=base, unit="mức")  # the line at 2,2: level 2
    assert later.status == "behind" and later.expected == 2 and later.behind_by == 1
    assert "số liệu mức 1 kém 1 mức so với mức cần đạt tại 31/12/2028 theo lộ trình là mức 2;" in later.reason
    lower = judge(3, "<=", 1, 2030, date(2028, 12, 31), direction="lower", baseline=Baseline(3.0, date(2025, 12, 31),
                                                                                            "x"), unit="mức")
    assert lower.expected == 2 and lower.behind_by == 1 and "kém 1 mức" in lower.reason
