"""Rounds and the catalogue over the real store: who opens, who sees, and the event opening causes."""
from __future__ import annotations

import pytest

from edu71_testing import bearer

pytestmark = pytest.mark.integration


def test_city_opens_a_round_and_the_outbox_holds_the_event(client, tokens, round_body):
    from indicators.adapters.documents import Round

    sent = round_body()
    r = client.post("/rounds", json=sent, headers=bearer(tokens.city("31")))
    assert r.status_code == 201, r.json
    body = r.json
    assert body["province_code"] == "31" and body["phase"] == "open" and body["status"] == "open"
    times = ("opens_at", "due_at", "closes_at")
    assert [body[t] for t in times] == [sent[t] for t in times]

    stored = Round.objects.get(id=body["id"])
    from edu71.bus.outbox import recorded_events

    events = recorded_events(Round, stored.pk)
    assert [e.name for e in events] == ["ReportingRoundOpened"]
    event = events[0]
    assert event.subject == "31" and event.key == "31"
    assert event.data["round_id"] == body["id"]
    assert event.data["reopened"] is False
    assert event.data["opened_by"]["role"] == "city"
    assert [event.data[t] for t in times] == [sent[t] for t in times]


@pytest.mark.parametrize("who", ["school", "commune", "operator", "other_city"])
def test_only_the_city_of_the_province_opens_rounds(client, tokens, schools, round_body, who):
    from indicators.adapters.documents import Round

    token = {
        "school": lambda: tokens.school(schools["primary"]),
        "commune": lambda: tokens.commune(schools["primary"].commune_code),
        "operator": tokens.operator,
        "other_city": lambda: tokens.city("79"),
    }[who]()
    r = client.post("/rounds", json=round_body(province_code="31"), headers=bearer(token))
    assert r.status_code == 403, r.json
    assert r.mimetype == "application/problem+json"
    assert Round.objects.count() == 0


def test_an_invalid_round_lists_every_error_and_stores_nothing(client, tokens, round_body):
    from indicators.adapters.documents import Round

    body = round_body(school_year="2025-2027", indicator_codes=["DROPOUT", "NOT_AN_INDICATOR"],
                      due_at="2020-01-01T00:00:00+07:00", closes_at="2020-01-02T00:00:00+07:00")
    r = client.post("/rounds", json=body, headers=bearer(tokens.city()))
    assert r.status_code == 422, r.json
    fields = [e["field"] for e in r.json["errors"]]
    assert fields == ["school_year", "indicator_codes.1", "due_at", "closes_at"]
    assert Round.objects.count() == 0


def test_times_without_an_offset_are_refused(client, tokens, round_body):
    r = client.post("/rounds", json=round_body(opens_at="2026-01-01T07:00:00"), headers=bearer(tokens.city()))
    assert r.status_code == 422
    assert r.json["errors"] == [{"field": "opens_at",
                                 "message": "Thời điểm phải ghi rõ múi giờ, ví dụ 2026-01-15T17:00:00+07:00."}]


def test_the_same_round_twice_is_a_conflict(client, tokens, open_round, round_body):
    open_round()
    r = client.post("/rounds", json=round_body(), headers=bearer(tokens.city()))
    assert r.status_code == 409


def test_rounds_are_visible_in_their_province_and_to_the_levels_that_report(client, tokens, schools,
                                                                            open_round):
    both = open_round(name="Sơ kết học kỳ I", school_levels=["tieu_hoc", "thcs"])
    thcs_only = open_round(name="Tổng kết năm học", school_levels=["thcs"], indicator_codes=["DROPOUT"])

    def ids(token):
        r = client.get("/rounds", headers=bearer(token))
        assert r.status_code == 200, r.json
        return {item["id"] for item in r.json["items"]}

    assert ids(tokens.city("31")) == {both["id"], thcs_only["id"]}
    assert ids(tokens.commune(schools["thcs"].commune_code)) == {both["id"], thcs_only["id"]}
    assert ids(tokens.school(schools["thcs"])) == {both["id"], thcs_only["id"]}
    assert ids(tokens.school(schools["primary"])) == {both["id"]}
    assert ids(tokens.city("79")) == set()
    assert ids(tokens.school(schools["hcm_thcs"])) == set()
    assert client.get("/rounds", headers=bearer(tokens.operator())).status_code == 403

    assert client.get(f"/rounds/{thcs_only['id']}", headers=bearer(tokens.school(schools["thcs"]))).status_code == 200
    assert client.get(f"/rounds/{thcs_only['id']}",
                      headers=bearer(tokens.school(schools["primary"]))).status_code == 404
    assert client.get(f"/rounds/{both['id']}", headers=bearer(tokens.city("79"))).status_code == 404
    assert client.get("/rounds", headers=bearer("not-a-token")).status_code == 401


def test_the_catalogue_is_served(client, tokens, schools):
    r = client.get("/catalogue", headers=bearer(tokens.school(schools["primary"])))
    assert r.status_code == 200
    assert r.json["version"] == 1
    by_code = {i["code"]: i for i in r.json["indicators"]}
    assert by_code["PCGD_LEVEL"]["level_min"] == 1 and by_code["PCGD_LEVEL"]["level_max"] == 3
    assert by_code["DROPOUT"]["direction"] == "lower"
    assert by_code["MAX_CLASS_SIZE"]["limit_by_level"] == {"thcs": 45}
    assert by_code["TEACHERS_QUALIFIED"]["name"] == "Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo"
    assert client.get("/catalogue").status_code == 401


def test_the_api_is_described(client):
    spec = client.get("/openapi.json").json
    assert {"/catalogue", "/rounds", "/rounds/{round_id}", "/rounds/{round_id}/submissions/{school_code}"} <= set(
        spec["paths"])
    put = spec["paths"]["/rounds/{round_id}/submissions/{school_code}"]["put"]
    assert {"200", "201", "403", "409", "422"} <= set(put["responses"])
