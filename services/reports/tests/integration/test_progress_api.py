"""Progress against targets with a trajectory, at-risk lists, the cascade, and their exports, through the API,
over views the real handlers and projector built on the real store."""
from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from edu71_testing import bearer

from ..support import HP_WARD, HP_WARD_2, SCHOOLS, consume, plan_target, ratio

pytestmark = pytest.mark.integration

THCS, TH, THCS2 = SCHOOLS["thcs_hp"], SCHOOLS["th_hp"], SCHOOLS["thcs_hp2"]


def handle(*events):
    for event in events:
        consume(event)


@pytest.fixture
def two_rounds(reports_settings, events, round_id, project):
    """A closed baseline round of the previous school year and the current one, three Hải Phòng schools."""
    base = f"{round_id}-base"
    codes = ["DROPOUT", "TEACHERS_QUALIFIED"]
    handle(events.catalogue(), events.school(THCS), events.school(TH), events.school(THCS2),
           events.round_opened(base, indicator_codes=codes, name="Tổng kết năm học 2024–2025",
                               due_at="2025-06-15T17:00:00+07:00"),
           events.round_opened(round_id, indicator_codes=codes))
    teachers_all = {**plan_target("TEACHERS_QUALIFIED", ">=", 100), "text": "100 % giáo viên đạt chuẩn"}
    handle(events.plan("PlanSubmitted", TH), events.plan("PlanApproved", TH, targets=[teachers_all]),
           events.plan("PlanSubmitted", THCS),
           events.plan("PlanApproved", THCS, targets=[{**plan_target("DROPOUT", "<=", 0.5),
                                                       "horizon": "2030-12-31"},
                                                      {**plan_target("TEACHERS_QUALIFIED", ">=", 99),
                                                       "horizon": "2030-12-31"}]))
    handle(events.values(THCS, 1, [ratio("DROPOUT", 8, 400), ratio("TEACHERS_QUALIFIED", 25, 30)], round_id=base),
           events.values(TH, 1, [ratio("DROPOUT", 3, 300), ratio("TEACHERS_QUALIFIED", 18, 25)], round_id=base),
           events.values(THCS2, 1, [ratio("DROPOUT", 5, 500), ratio("TEACHERS_QUALIFIED", 36, 40)], round_id=base))
    handle(events.values(THCS, 1, [ratio("DROPOUT", 4, 400), ratio("TEACHERS_QUALIFIED", 30, 30)],
                         round_id=round_id),
           events.values(TH, 1, [ratio("DROPOUT", 0, 300), ratio("TEACHERS_QUALIFIED", 20, 25)], round_id=round_id),
           events.values(THCS2, 1, [ratio("DROPOUT", 1, 500), ratio("TEACHERS_QUALIFIED", 40, 40)],
                         round_id=round_id))
    project()
    return round_id


@pytest.fixture
def client(reports_settings):
    from reports.app import create_app

    return create_app().test_client()


def test_city_progress_judges_each_indicator_against_its_trajectory_from_the_baseline_round(two_rounds, client,
                                                                                            tokens):
    r = client.get(f"/rounds/{two_rounds}/progress", headers=bearer(tokens.city("31")))
    assert r.status_code == 200, r.json
    body = r.json
    assert body["as_of"] == "2026-01-15" and body["baseline_round"]["name"] == "Tổng kết năm học 2024–2025"
    assert "lộ trình tuyến tính" in body["method"]
    rows = {row["indicator_code"]: row for row in body["indicators"]}
    assert rows["DROPOUT"]["status"] == "reached" and rows["DROPOUT"]["status_label"] == "Đã đạt"
    assert rows["DROPOUT"]["city_target"]["target"] == 0.5 and rows["DROPOUT"]["national_target"]["target"] == 1
    teachers = rows["TEACHERS_QUALIFIED"]
    # 83,2 % in June 2025 → 99 % by the end of 2030: about 84,8 % is due in January 2026; 95,2 % is on track.
    assert teachers["status"] == "on_track", teachers
    assert teachers["city_target"]["baseline_value"] == pytest.approx(79 / 95 * 100, abs=0.01)
    assert teachers["expected"] == pytest.approx(84.8, abs=0.2)
    assert teachers["indicator_name"] == "Tỷ lệ giáo viên đạt chuẩn"
    # The primary school's own plan promises 100 % by the end of 2026: 80 % is below its line (≈ 82,6 %).
    [entry] = [e for e in body["at_risk_schools"] if e["school_code"] == TH.code]
    assert entry["status"] == "at_risk" and entry["target_kind"] == "school" and "Có nguy cơ" in entry["reason"]
    assert entry["indicator_name"] == "Tỷ lệ giáo viên đạt chuẩn" and entry["commune_name"]
    # An entry is a school and one indicator; the count is of schools.
    assert body["at_risk_schools_total"] == len(body["at_risk_schools"])
    assert body["at_risk_schools_count"] == len({e["school_code"] for e in body["at_risk_schools"]})


def test_commune_sees_its_own_progress_and_schools_and_no_other(two_rounds, client, tokens):
    ward = bearer(tokens.commune(HP_WARD_2))
    r = client.get(f"/rounds/{two_rounds}/progress", headers=ward)
    assert r.status_code == 200 and r.json["scope"] == {"kind": "commune", "code": HP_WARD_2}
    assert {e["school_code"] for e in r.json["at_risk_schools"]} <= {THCS2.code}
    assert client.get(f"/rounds/{two_rounds}/progress?code={HP_WARD}", headers=ward).status_code == 403


def test_cascade_counts_the_schools_committing_to_each_city_target(two_rounds, client, tokens):
    r = client.get(f"/rounds/{two_rounds}/cascade", headers=bearer(tokens.city("31")))
    assert r.status_code == 200, r.json
    rows = {row["indicator_code"]: row for row in r.json["targets"]}
    teachers = rows["TEACHERS_QUALIFIED"]
    assert (teachers["schools_committing"], teachers["schools_applicable"]) == (2, 3)
    # 100 % over 25 teachers and 99 % over 30, weighted: 99,45 %.
    assert teachers["committed_figure"] == pytest.approx((100 * 25 + 99 * 30) / 55)
    # They reach 99 % but the third school has not committed: they do not add up to the city's target yet.
    assert teachers["adds_up"] is False and teachers["target_kind"] == "province"
    assert teachers["verdict"] == "Các cam kết đạt mức chỉ tiêu nhưng còn 1 trường chưa cam kết"
    assert rows["DROPOUT"]["schools_committing"] == 1 and rows["DROPOUT"]["adds_up"] is False  # 0,5 is not < 0,5


def test_school_sees_its_own_progress_only(two_rounds, client, tokens):
    r = client.get(f"/rounds/{two_rounds}/schools/{TH.code}/progress", headers=bearer(tokens.school(TH)))
    assert r.status_code == 200, r.json
    [row] = [row for row in r.json["indicators"] if row["indicator_code"] == "TEACHERS_QUALIFIED"]
    assert row["school_target"]["target"] == 100 and row["status"] == "at_risk"
    assert row["school_target"]["text"] == "100 % giáo viên đạt chuẩn"
    assert row["city_target"]["target"] == 99
    assert client.get(f"/rounds/{two_rounds}/schools/{THCS.code}/progress",
                      headers=bearer(tokens.school(TH))).status_code == 404
    assert client.get(f"/rounds/{two_rounds}/schools/{TH.code}/progress",
                      headers=bearer(tokens.commune(HP_WARD_2))).status_code == 404
    assert client.get(f"/rounds/{two_rounds}/schools/{TH.code}/progress",
                      headers=bearer(tokens.commune(HP_WARD))).status_code == 200
    assert client.get(f"/rounds/{two_rounds}/schools/{TH.code}/progress",
                      headers=bearer(tokens.city("31"))).status_code == 200


def test_progress_exports_are_in_vietnamese_with_names_dates_and_decimal_commas(two_rounds, client, tokens):
    city = bearer(tokens.city("31"))
    r = client.get(f"/rounds/{two_rounds}/progress.xlsx", headers=city)
    assert r.status_code == 200
    book = load_workbook(io.BytesIO(r.data))
    assert book.sheetnames == ["Tiến độ chỉ tiêu", "Có nguy cơ, chậm", "Cam kết của các trường"]
    assert "15/01/2026" in book.properties.title
    rows = list(book["Tiến độ chỉ tiêu"].iter_rows(values_only=True))
    assert rows[0][0] == "Chỉ tiêu" and {row[0] for row in rows[1:]} == {"Tỷ lệ học sinh bỏ học",
                                                                         "Tỷ lệ giáo viên đạt chuẩn"}
    assert not any("TEACHERS_QUALIFIED" in str(cell) for row in rows for cell in row)
    r = client.get(f"/rounds/{two_rounds}/progress.csv?view=cascade", headers=city)
    text = r.data.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0][0] == "Chỉ tiêu" and any("99,45" in cell for row in table for cell in row)
    assert client.get(f"/rounds/{two_rounds}/progress.csv?view=at_risk", headers=city).status_code == 200
