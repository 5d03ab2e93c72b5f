"""The reports API over a projection filled by the real handlers, on the real store."""
from __future__ import annotations

import pytest

from edu71_testing import bearer

from ..support import HCM_COMMUNE, HP_WARD, HP_WARD_2, SCHOOLS, count, level, ratio

pytestmark = pytest.mark.integration


@pytest.fixture
def seeded(reports_settings, events, round_id, project):
    """A round of Hải Phòng with four schools: two in one ward, one in another ward, one in TP. HCM."""
    from ..support import consume

    consume(events.round_opened(round_id))
    submissions = [
        ("thcs_hp", 1, [ratio("TEACHERS_QUALIFIED", 1, 1), count("SMART_CLASSROOMS", 1), level("PCGD_LEVEL", 3)]),
        ("th_hp", 1, [ratio("TEACHERS_QUALIFIED", 10, 100), count("SMART_CLASSROOMS", 0), level("PCGD_LEVEL", 1)]),
        ("th_hp", 2, [ratio("TEACHERS_QUALIFIED", 50, 100), count("SMART_CLASSROOMS", 0), level("PCGD_LEVEL", 2)]),
        ("thcs_hp2", 1, [ratio("TEACHERS_QUALIFIED", 9, 10), count("SMART_CLASSROOMS", 2), level("PCGD_LEVEL", 3)]),
        ("thcs_hcm", 1, [ratio("TEACHERS_QUALIFIED", 30, 30)]),
    ]
    for key, revision, values in submissions:
        assert consume(events.values(SCHOOLS[key], revision, values, round_id=round_id))
    project()
    return round_id


@pytest.fixture
def client(reports_settings):
    from reports.app import create_app

    return create_app().test_client()


def indicators(body):
    return {i["indicator_code"]: i for i in body["indicators"]}


def test_commune_reviewer_gets_its_commune_rolled_up_as_sum_over_sum(seeded, client, tokens):
    r = client.get(f"/rollups/{seeded}", headers=bearer(tokens.commune(HP_WARD)))
    assert r.status_code == 200, r.json
    body = r.json
    assert body["scope"] == {"kind": "commune", "code": HP_WARD}
    assert body["schools_reporting"] == 2 and body["school_level"] == "all"
    assert body["round"]["name"] == "Sơ kết học kỳ I năm học 2025–2026"
    by_code = indicators(body)
    assert [i["indicator_code"] for i in body["indicators"]] == [
        "TEACHERS_QUALIFIED", "SMART_CLASSROOMS", "PCGD_LEVEL", "DROPOUT"]
    teachers = by_code["TEACHERS_QUALIFIED"]
    # 1/1 and 50/100 (revision 2 replaced 10/100): 51/101, not the 75 % a mean of percentages gives.
    assert (teachers["numerator"], teachers["denominator"]) == (51, 101)
    assert teachers["value"] == pytest.approx(51 / 101)
    assert teachers["aggregation"] == "ratio" and teachers["schools_reporting"] == 2
    smart = by_code["SMART_CLASSROOMS"]
    assert (smart["aggregation"], smart["value"], smart["schools_nonzero"]) == ("sum", 1, 1)
    pcgd = by_code["PCGD_LEVEL"]
    assert (pcgd["distribution"], pcgd["minimum"]) == ({"2": 1, "3": 1}, 2)
    assert by_code["DROPOUT"]["schools_reporting"] == 0 and by_code["DROPOUT"]["value"] is None


@pytest.mark.parametrize("query", ["scope=province", "scope=province&code=31", f"code={HP_WARD_2}",
                                   f"scope=commune&code={HP_WARD_2}"])
def test_commune_reviewer_sees_nothing_beyond_its_commune(seeded, client, tokens, query):
    r = client.get(f"/rollups/{seeded}?{query}", headers=bearer(tokens.commune(HP_WARD)))
    assert r.status_code == 403
    assert r.mimetype == "application/problem+json"


def test_city_gets_its_province_and_can_drill_into_its_communes(seeded, client, tokens):
    city = bearer(tokens.city("31"))
    body = client.get(f"/rollups/{seeded}", headers=city).json
    assert body["scope"] == {"kind": "province", "code": "31"}
    assert body["schools_reporting"] == 3  # the TP. HCM school is not in Hải Phòng's figures
    teachers = indicators(body)["TEACHERS_QUALIFIED"]
    assert (teachers["numerator"], teachers["denominator"]) == (60, 111)

    body = client.get(f"/rollups/{seeded}?scope=commune&code={HP_WARD_2}", headers=city).json
    assert body["scope"] == {"kind": "commune", "code": HP_WARD_2} and body["schools_reporting"] == 1

    body = client.get(f"/rollups/{seeded}?school_level=thcs", headers=city).json
    assert body["school_level"] == "thcs" and body["schools_reporting"] == 2
    assert indicators(body)["TEACHERS_QUALIFIED"]["numerator"] == 10


@pytest.mark.parametrize("query", ["scope=province&code=79", f"scope=commune&code={HCM_COMMUNE}"])
def test_city_is_refused_another_province(seeded, client, tokens, query):
    assert client.get(f"/rollups/{seeded}?{query}", headers=bearer(tokens.city("31"))).status_code == 403


def test_city_must_name_an_existing_commune(seeded, client, tokens):
    city = bearer(tokens.city("31"))
    assert client.get(f"/rollups/{seeded}?scope=commune", headers=city).status_code == 422
    assert client.get(f"/rollups/{seeded}?scope=commune&code=99999", headers=city).status_code == 404
    assert client.get(f"/rollups/{seeded}?scope=district", headers=city).status_code == 422


def test_round_of_another_province_is_not_found(seeded, client, tokens):
    assert client.get(f"/rollups/{seeded}", headers=bearer(tokens.city("79"))).status_code == 404


def test_unknown_round_is_not_found(reports_settings, client, tokens):
    r = client.get("/rollups/rnd-does-not-exist", headers=bearer(tokens.city("31")))
    assert r.status_code == 404 and r.mimetype == "application/problem+json"


@pytest.mark.parametrize("path", ["", "/schools"])
def test_school_users_and_operators_are_refused_and_anonymous_callers_unauthenticated(seeded, client, tokens, path):
    url = f"/rollups/{seeded}{path}"
    assert client.get(url, headers=bearer(tokens.school(SCHOOLS["thcs_hp"]))).status_code == 403
    assert client.get(url, headers=bearer(tokens.operator())).status_code == 403
    assert client.get(url).status_code == 401


def test_per_school_values_in_scope_with_their_latest_revision(seeded, client, tokens):
    r = client.get(f"/rollups/{seeded}/schools", headers=bearer(tokens.commune(HP_WARD)))
    assert r.status_code == 200, r.json
    body = r.json
    assert body["total"] == 2
    rows = {row["school_code"]: row for row in body["items"]}
    assert set(rows) == {SCHOOLS["thcs_hp"].code, SCHOOLS["th_hp"].code}
    primary = rows[SCHOOLS["th_hp"].code]
    assert primary["revision"] == 2 and primary["school_name"] == "Trường Tiểu học Hiến Thành"
    teachers = next(v for v in primary["values"] if v["indicator_code"] == "TEACHERS_QUALIFIED")
    assert teachers["numerator"] == 50


def test_per_school_values_are_paginated(seeded, client, tokens):
    city = bearer(tokens.city("31"))
    first = client.get(f"/rollups/{seeded}/schools?page_size=2", headers=city).json
    second = client.get(f"/rollups/{seeded}/schools?page_size=2&page=2", headers=city).json
    assert first["total"] == second["total"] == 3
    codes = [row["school_code"] for row in first["items"] + second["items"]]
    assert len(codes) == 3 and len(set(codes)) == 3
    assert SCHOOLS["thcs_hcm"].code not in codes
    assert client.get(f"/rollups/{seeded}/schools?scope=commune&code={HCM_COMMUNE}",
                      headers=city).status_code == 403
