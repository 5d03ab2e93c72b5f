"""Completeness, plans, targets, rankings, series and exports through the API, over views the real
handlers and projector built on the real store; RollupUpdated through the outbox."""
from __future__ import annotations

import csv
import io
from urllib.parse import quote
import uuid

import pytest
from openpyxl import load_workbook

from edu71.orgs import School, SchoolLevel
from edu71_testing import bearer

from ..support import HP_WARD, HP_WARD_2, SCHOOLS, consume, plan_target, ratio

pytestmark = pytest.mark.integration

LATE_SCHOOL = School("MN-10744", "Trường Mầm non Nguyễn Đại Năng", SchoolLevel.MAM_NON, HP_WARD, "31")
MISSING = School("TH-11560", "Trường Tiểu học Thuỷ Nguyên", SchoolLevel.TIEU_HOC, HP_WARD_2, "31")
CLOSED = School("TH-CLOSED", "Trường Tiểu học Đã Sáp Nhập", SchoolLevel.TIEU_HOC, HP_WARD_2, "31")
DIRECTORY = [SCHOOLS["thcs_hp"], SCHOOLS["th_hp"], SCHOOLS["thcs_hp2"], LATE_SCHOOL, MISSING]


def handle(*events):
    for event in events:
        consume(event)


@pytest.fixture
def seeded(reports_settings, events, round_id, project):
    """Hải Phòng: five active schools in two wards (and one closed), a catalogue, plans, a round, submissions."""
    handle(events.catalogue(), events.round_opened(round_id, indicator_codes=["DROPOUT", "TEACHERS_QUALIFIED"]))
    handle(*[events.school(s) for s in DIRECTORY + [CLOSED]], events.school(CLOSED, 2, active=False))
    handle(events.plan("PlanSubmitted", SCHOOLS["thcs_hp"]),
           events.plan("PlanApproved", SCHOOLS["thcs_hp"], targets=[plan_target("DROPOUT", "<=", 0.5),
                                                                   plan_target(None, ">=", 90)]),
           events.plan("PlanSubmitted", SCHOOLS["th_hp"]), events.plan("PlanReturned", SCHOOLS["th_hp"]),
           events.plan("PlanSubmitted", SCHOOLS["thcs_hp2"]))
    handle(events.values(SCHOOLS["thcs_hp"], 1, [ratio("DROPOUT", 4, 400), ratio("TEACHERS_QUALIFIED", 30, 30)],
                         round_id=round_id),
           events.values(SCHOOLS["th_hp"], 1, [ratio("DROPOUT", 0, 300), ratio("TEACHERS_QUALIFIED", 20, 25)],
                         round_id=round_id),
           events.values(SCHOOLS["thcs_hp2"], 1, [ratio("DROPOUT", 1, 500), ratio("TEACHERS_QUALIFIED", 40, 40)],
                         round_id=round_id),
           events.values(LATE_SCHOOL, 1, [ratio("TEACHERS_QUALIFIED", 10, 10)], round_id=round_id, late=True))
    project()
    return round_id


@pytest.fixture
def client(reports_settings):
    from reports.app import create_app

    return create_app().test_client()


def test_city_sees_completeness_per_commune_and_the_missing_schools(seeded, client, tokens):
    r = client.get(f"/rounds/{seeded}/completeness", headers=bearer(tokens.city("31")))
    assert r.status_code == 200, r.json
    assert r.json["completeness"] == {"expected": 5, "submitted": 4, "on_time": 3, "late": 1, "missing": 1,
                                      "rate": 0.8, "stages": {"not_started": 1, "draft": 4, "submitted": 0,
                                                              "confirmed": 0, "returned": 0, "accepted": 0}}
    assert [s["school_code"] for s in r.json["missing_schools"]] == [MISSING.code]
    communes = {c["commune_code"]: c for c in r.json["communes"]}
    assert (communes[HP_WARD]["expected"], communes[HP_WARD]["late"], communes[HP_WARD]["missing"]) == (3, 1, 0)
    assert (communes[HP_WARD_2]["expected"], communes[HP_WARD_2]["missing"]) == (2, 1)
    assert communes[HP_WARD]["commune_name"] == "Phường Nguyễn Đại Năng"


def test_commune_sees_only_its_completeness(seeded, client, tokens):
    ward = bearer(tokens.commune(HP_WARD_2))
    r = client.get(f"/rounds/{seeded}/completeness", headers=ward)
    assert r.status_code == 200
    assert r.json["scope"] == {"kind": "commune", "code": HP_WARD_2}
    assert (r.json["completeness"]["expected"], r.json["completeness"]["submitted"]) == (2, 1)
    assert client.get(f"/rounds/{seeded}/completeness?scope=province", headers=ward).status_code == 403
    assert client.get(f"/rounds/{seeded}/completeness?code={HP_WARD}", headers=ward).status_code == 403


def test_plan_status_counts_per_commune_and_schools_without_an_approved_plan(seeded, client, tokens):
    r = client.get("/plans/status", headers=bearer(tokens.city("31")))
    assert r.status_code == 200, r.json
    assert r.json["counts"] == {"approved": 1, "submitted": 1, "returned": 1, "none": 2}
    assert {s["school_code"] for s in r.json["schools_without_approved_plan"]} == {
        SCHOOLS["th_hp"].code, SCHOOLS["thcs_hp2"].code, LATE_SCHOOL.code, MISSING.code}
    ward = client.get("/plans/status", headers=bearer(tokens.commune(HP_WARD))).json
    assert ward["counts"] == {"approved": 1, "submitted": 0, "returned": 1, "none": 1}


def test_targets_school_against_its_plan_and_city_and_communes_against_the_catalogue(seeded, client, tokens):
    r = client.get(f"/rounds/{seeded}/targets", headers=bearer(tokens.city("31")))
    assert r.status_code == 200, r.json
    # THCS Nguyễn Đại Năng: 4/400 = 1 % drop-out against its approved "không quá 0,5 %".
    [school] = r.json["at_risk_schools"]
    assert school["school_code"] == SCHOOLS["thcs_hp"].code and school["gap"] == pytest.approx(0.5)
    city = {(t["indicator_code"], t["source"]): t for t in r.json["targets"]}
    # Drop-out 5/1200 ≈ 0,42 %: meets the city's < 0,5 %; teachers 100/105 ≈ 95,2 %: misses 99 %.
    assert city[("DROPOUT", "UBND thành phố Hải Phòng")]["met"] is True
    assert city[("TEACHERS_QUALIFIED", "UBND TP")]["met"] is False
    assert city[("TEACHERS_QUALIFIED", "UBND TP")]["gap"] == pytest.approx(99 - 100 * 100 / 105, abs=1e-4)
    at_risk = {(c["commune_code"], c["indicator_code"]) for c in r.json["at_risk_communes"]}
    assert (HP_WARD, "DROPOUT") in at_risk and (HP_WARD_2, "DROPOUT") not in at_risk


def test_ranking_of_communes_is_for_the_city_only(seeded, client, tokens):
    r = client.get(f"/rounds/{seeded}/ranking?indicator=DROPOUT", headers=bearer(tokens.city("31")))
    assert r.status_code == 200, r.json
    assert r.json["direction"] == "lower"
    assert [(c["rank"], c["commune_code"]) for c in r.json["communes"]] == [(1, HP_WARD_2), (2, HP_WARD)]
    assert client.get(f"/rounds/{seeded}/ranking?indicator=DROPOUT",
                      headers=bearer(tokens.commune(HP_WARD))).status_code == 403
    bad = client.get(f"/rounds/{seeded}/ranking?indicator=bỏ-học", headers=bearer(tokens.city("31")))
    assert bad.status_code == 422 and bad.mimetype == "application/problem+json"


def test_series_across_rounds_in_scope(seeded, client, tokens, events, project):
    later = f"rnd-later-{uuid.uuid4().hex[:6]}"
    opened = events.round_opened(later, name="Tổng kết năm học 2025–2026", indicator_codes=["DROPOUT"])
    opened.data["opens_at"] = "2026-05-01T07:00:00+07:00"
    handle(opened, events.values(SCHOOLS["thcs_hp"], 1, [ratio("DROPOUT", 2, 400)], round_id=later))
    project()
    r = client.get(f"/indicators/DROPOUT/series?scope=commune&code={HP_WARD}", headers=bearer(tokens.city("31")))
    assert r.status_code == 200, r.json
    points = r.json["points"]
    assert [p["round_id"] for p in points] == [seeded, later]
    assert [(p["numerator"], p["denominator"]) for p in points] == [(4, 700), (2, 400)]
    assert client.get("/indicators/DROPOUT/series?scope=province",
                      headers=bearer(tokens.commune(HP_WARD))).status_code == 403


def test_xlsx_export_has_one_formatted_sheet_per_view_in_vietnamese(seeded, client, tokens):
    r = client.get(f"/rounds/{seeded}/export.xlsx", headers=bearer(tokens.city("31")))
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(r.data))
    assert book.sheetnames == ["Tổng hợp", "Xã, phường", "Trường", "Tiến độ nộp", "Chỉ tiêu"]
    schools = book["Trường"]
    assert schools["A1"].value == "Mã trường" and schools["A1"].font.bold and schools.freeze_panes == "A2"
    codes = [row[0].value for row in schools.iter_rows(min_row=2)]
    assert sorted(codes) == sorted(s.code for s in DIRECTORY)  # the missing school is listed too
    communes = book["Xã, phường"]
    header = [c.value for c in communes[1]]
    rate = communes.cell(row=2, column=header.index("Tỷ lệ đã nộp (%)") + 1)
    assert rate.value == pytest.approx(100.0) and rate.number_format == '0.0"%"'


def test_csv_export_is_utf8_with_bom_semicolons_and_decimal_commas_and_scoped(seeded, client, tokens):
    r = client.get(f"/rounds/{seeded}/export.csv?view=communes", headers=bearer(tokens.city("31")))
    assert r.status_code == 200 and r.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(r.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Mã xã/phường", "Tên xã/phường", "Phải nộp"]
    ward_2 = next(row for row in rows if row[0] == HP_WARD_2)
    assert ward_2[7] == "50" and ward_2[rows[0].index("Tỷ lệ học sinh bỏ học")] == "0,2"
    assert not {"DROPOUT", "TEACHERS_QUALIFIED"} & set(rows[0])  # names, never codes
    ward = client.get(f"/rounds/{seeded}/export.csv?view=schools", headers=bearer(tokens.commune(HP_WARD)))
    codes = [row.split(";")[0] for row in ward.data.decode("utf-8-sig").splitlines()[1:]]
    assert sorted(codes) == sorted([SCHOOLS["thcs_hp"].code, SCHOOLS["th_hp"].code, LATE_SCHOOL.code])
    assert client.get(f"/rounds/{seeded}/export.csv?view=nothing", headers=bearer(tokens.city("31"))).status_code == 422


def test_rollup_updated_is_stored_with_the_city_figures_and_replays_publish_nothing(seeded, events, project,
                                                                                   contracts):
    from edu71.bus.outbox import history
    from reports.adapters.documents import CityFigures

    key = CityFigures.key(seeded, "31")
    changes = history(CityFigures, key)
    # The same inserts also carry DashboardUpdated (see the tests of the dashboard below).
    published = [e for c in changes for e in c["events"] if e.name == "RollupUpdated"]
    assert published and {e.name for c in changes for e in c["events"]} == {"RollupUpdated", "DashboardUpdated"}
    for e in published:
        contracts.validate(e.envelope())
    last = {(e.data["school_level"], e.data["indicator_code"]): e.data for e in published}
    teachers = last[("all", "TEACHERS_QUALIFIED")]
    assert (teachers["numerator"], teachers["denominator"], teachers["schools_expected"]) == (100, 105, 5)
    assert last[("all", "DROPOUT")]["schools_expected"] == 4  # the catalogue: no drop-out for preschools

    # Duplicates and a stale revision change nothing: no new version, no event.
    handle(events.values(SCHOOLS["thcs_hp"], 1, [ratio("DROPOUT", 0, 400)], round_id=seeded))
    project()
    assert len(history(CityFigures, key)) == len(changes)
    # A real revision changes the city figure: one more version, with its events.
    handle(events.values(SCHOOLS["thcs_hp"], 2, [ratio("DROPOUT", 2, 400), ratio("TEACHERS_QUALIFIED", 30, 30)],
                         round_id=seeded))
    project()
    after = history(CityFigures, key)
    assert len(after) == len(changes) + 1
    new = {(e.data["school_level"], e.data["indicator_code"]) for e in after[-1]["events"] if e.name == "RollupUpdated"}
    assert new == {("all", "DROPOUT"), ("thcs", "DROPOUT")}


def _announced(changes) -> dict[tuple[str, str], dict]:
    """The last DashboardUpdated of each area in the city figures' history: (kind, code) → its data."""
    return {(e.data["scope"]["kind"], e.data["scope"]["code"]): e.data
            for c in changes for e in c["events"] if e.name == "DashboardUpdated"}


def test_dashboard_updated_announces_the_province_and_each_commune_whose_figures_changed(seeded, events, project,
                                                                                       contracts, client, tokens):
    from edu71.bus.outbox import history
    from reports.adapters.documents import CityFigures

    key = CityFigures.key(seeded, "31")
    changes = history(CityFigures, key)
    for c in changes:
        for e in c["events"]:
            contracts.validate(e.envelope())
    announced = _announced(changes)
    assert set(announced) == {("province", "31"), ("commune", HP_WARD), ("commune", HP_WARD_2)}
    assert (announced[("province", "31")]["schools_expected"], announced[("province", "31")]["schools_submitted"],
            announced[("province", "31")]["schools_late"]) == (5, 4, 1)
    assert (announced[("commune", HP_WARD_2)]["schools_expected"],
            announced[("commune", HP_WARD_2)]["schools_submitted"]) == (2, 1)
    # The version announced is the one the dashboard's single call answers.
    city, ward = bearer(tokens.city("31")), bearer(tokens.commune(HP_WARD))
    assert client.get(f"/rounds/{seeded}/dashboard", headers=city).json["version"] \
        == announced[("province", "31")]["version"]
    assert client.get(f"/rounds/{seeded}/dashboard", headers=ward).json["version"] \
        == announced[("commune", HP_WARD)]["version"]

    # A replay announces nothing.
    handle(events.values(SCHOOLS["thcs_hp"], 1, [ratio("DROPOUT", 0, 400)], round_id=seeded))
    project()
    assert len(history(CityFigures, key)) == len(changes)
    # A revision in one ward: one insert announcing the province and that ward, not the other ward.
    handle(events.values(SCHOOLS["thcs_hp"], 2, [ratio("DROPOUT", 2, 400), ratio("TEACHERS_QUALIFIED", 30, 30)],
                         round_id=seeded))
    project()
    after = history(CityFigures, key)
    assert len(after) == len(changes) + 1
    latest = _announced(after[-1:])
    assert set(latest) == {("province", "31"), ("commune", HP_WARD)}
    assert latest[("commune", HP_WARD)]["version"] != announced[("commune", HP_WARD)]["version"]
    assert client.get(f"/rounds/{seeded}/dashboard", headers=ward).json["version"] \
        == latest[("commune", HP_WARD)]["version"]


def test_a_projector_that_restarts_announces_only_what_it_had_not_announced(seeded, events, project, contracts):
    from edu71.bus.outbox import history
    from reports.adapters.documents import CityFigures

    key = CityFigures.key(seeded, "31")
    before = len(history(CityFigures, key))
    project()  # a new projector: loads the views and the versions announced, recomputes everything
    assert len(history(CityFigures, key)) == before


def test_the_dashboard_answers_in_one_call_what_the_separate_endpoints_answer(seeded, client, tokens):
    for who, scope in ((bearer(tokens.city("31")), ""), (bearer(tokens.commune(HP_WARD_2)), ""),
                       (bearer(tokens.city("31")), f"&scope=commune&code={HP_WARD}")):
        query = "?figures=submitted" + scope
        one = client.get(f"/rounds/{seeded}/dashboard{query}", headers=who)
        assert one.status_code == 200, one.json
        one = one.json
        for part, path in (("rollup", f"/rollups/{seeded}"), ("completeness", f"/rounds/{seeded}/completeness"),
                           ("progress", f"/rounds/{seeded}/progress"), ("cascade", f"/rounds/{seeded}/cascade")):
            separate = client.get(path + query, headers=who).json
            if part == "rollup":
                separate.pop("computed_at"), one[part].pop("computed_at")
            assert one[part] == separate, part
        assert one["plans"] == client.get("/plans/status?" + query[1:], headers=who).json
        if one["scope"]["kind"] == "commune":
            schools = client.get(f"/rollups/{seeded}/schools{query}&page_size=500", headers=who).json["items"]
            assert one["schools"] == schools and schools
        else:
            assert one["schools"] is None
    level = client.get(f"/rounds/{seeded}/dashboard?school_level=thcs", headers=bearer(tokens.city("31"))).json
    assert {s["school_code"] for s in level["schools"]} == {SCHOOLS["thcs_hp"].code, SCHOOLS["thcs_hp2"].code}
    assert level["rollup"]["school_level"] == "thcs"


def test_a_commune_gets_only_its_own_dashboard(seeded, client, tokens):
    ward = bearer(tokens.commune(HP_WARD_2))
    assert client.get(f"/rounds/{seeded}/dashboard", headers=ward).json["scope"] == {"kind": "commune",
                                                                                    "code": HP_WARD_2}
    assert client.get(f"/rounds/{seeded}/dashboard?scope=province&code=31", headers=ward).status_code == 403
    assert client.get(f"/rounds/{seeded}/dashboard?scope=commune&code={HP_WARD}", headers=ward).status_code == 403
    assert client.get(f"/rounds/{seeded}/dashboard").status_code == 401


def test_gauges_report_missing_schools_and_time_to_close(seeded, project):
    from prometheus_client import REGISTRY

    project().report_gauges()
    assert REGISTRY.get_sample_value("edu71_round_schools_missing", {"round_id": seeded}) == 1
    closes_in = REGISTRY.get_sample_value("edu71_round_closes_in_seconds", {"round_id": seeded})
    assert closes_in is not None and closes_in < 0  # the test round closed on 31/01/2026


def test_a_control_character_stored_in_a_school_name_does_not_break_the_exports(seeded, client, tokens, events,
                                                                                  project):
    """The directory once accepted "\\x07", "\\x10" and "\\x7f" in names; openpyxl refuses them (500 every time)."""
    bell = School(MISSING.code, "Trường\x07 Tiểu học\x10 Thuỷ\x7f Nguyên", MISSING.level, MISSING.commune_code, "31")
    handle(events.school(bell, 2))
    project()
    r = client.get(f"/rounds/{seeded}/export.xlsx", headers=bearer(tokens.city("31")))
    assert r.status_code == 200, r.data
    names = [row[1].value for row in load_workbook(io.BytesIO(r.data))["Trường"].iter_rows(min_row=2)]
    assert "Trường Tiểu học Thuỷ Nguyên" in names
    r = client.get(f"/rounds/{seeded}/export.csv?view=schools", headers=bearer(tokens.city("31")))
    assert r.status_code == 200 and "Trường Tiểu học Thuỷ Nguyên" in r.data.decode("utf-8-sig")


def test_exports_name_indicators_show_ratios_parts_whole_numbers_and_vietnamese_file_names(seeded, client, tokens):
    city = bearer(tokens.city("31"))
    r = client.get(f"/rounds/{seeded}/export.csv?view=schools", headers=city)
    rows = list(csv.reader(io.StringIO(r.data.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    parts = [header.index(f"Tỷ lệ học sinh bỏ học: {p}") for p in ("tử số", "mẫu số")] \
        + [header.index("Tỷ lệ học sinh bỏ học (%)")]
    school = next(row for row in rows if row[0] == SCHOOLS["thcs_hp"].code)
    numerator, denominator, percent = (school[i] for i in parts)
    assert numerator and denominator and "," not in numerator  # counts are whole numbers
    assert float(percent.replace(",", ".")) == pytest.approx(100 * int(numerator) / int(denominator), abs=0.01)

    disposition = r.headers["Content-Disposition"]
    assert seeded not in disposition  # no round id: the round's name and the unit's
    assert "filename*=UTF-8''" in disposition and quote("Hải Phòng") in disposition
    assert 'filename="Bao-cao-' in disposition  # an ASCII name for old clients

    book = load_workbook(io.BytesIO(client.get(f"/rounds/{seeded}/export.xlsx", headers=city).data))
    summary = book["Tổng hợp"]
    assert summary["A1"].value == "Chỉ tiêu"
    assert {row[0].value for row in summary.iter_rows(min_row=2)} <= {"Tỷ lệ học sinh bỏ học", "Tỷ lệ giáo viên đạt chuẩn"}
    numerators = [row[5] for row in summary.iter_rows(min_row=2) if isinstance(row[5].value, (int, float))]
    assert numerators and all(c.number_format == "#,##0" for c in numerators if float(c.value).is_integer())
    targets = book["Chỉ tiêu"]
    horizons = [row[10].value for row in targets.iter_rows(min_row=2)]
    assert all("-" not in str(h or "") for h in horizons)  # dd/mm/yyyy or a year, never ISO
