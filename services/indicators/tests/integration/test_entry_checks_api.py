"""Checks while entering, over HTTP: a shared population, cross checks, peers' statistics, explanations."""
from __future__ import annotations

import pytest

from edu71.orgs import SchoolLevel, demo_schools
from edu71_testing import bearer

pytestmark = pytest.mark.integration

CODES = ["STAFF_DIGITAL_TRAINED", "STAFF_USING_AI", "SMART_CLASSROOMS", "CLASSES", "TWO_SESSIONS_PER_DAY",
         "TEACHERS_QUALIFIED"]


def put(client, tokens, rnd, school, values, **body):
    return client.put(f"/rounds/{rnd['id']}/submissions/{school.code}", json={"values": values, **body},
                      headers=bearer(tokens.school(school)))


def index_events(rnd, schools, times=1):
    """Hand the submissions' events to the peer index, as the indicators worker does when it consumes them."""
    from edu71.bus.outbox import load, recorded_events
    from indicators.adapters.documents import Submission
    from edu71.contracts import Contracts
    from indicators import config
    from indicators.catalogues import CatalogueService
    from indicators.domain.submissions import submission_id
    from indicators.peers import PeerIndexer

    indexer = PeerIndexer(CatalogueService(Contracts(config.load().platform.contracts_dir)))
    events = [e for s in schools
              for e in recorded_events(Submission, load(Submission, submission_id(rnd["id"], s.code)).pk)]
    for _ in range(times):
        for event in events:
            indexer.handlers()[event.name](event)
        indexer.flush()  # as the worker's consumer does before it commits
    return events


def test_two_values_of_one_population_are_refused_naming_both_and_nothing_is_stored(client, tokens, schools,
                                                                                      open_round):
    rnd = open_round(indicator_codes=CODES)
    school = schools["thcs"]
    r = put(client, tokens, rnd, school, [
        {"indicator_code": "STAFF_DIGITAL_TRAINED", "numerator": 30, "denominator": 32},
        {"indicator_code": "STAFF_USING_AI", "numerator": 10, "denominator": 45},
        {"indicator_code": "SMART_CLASSROOMS", "value": 2}, {"indicator_code": "CLASSES", "value": 1}])
    assert r.status_code == 422
    fields = {e["field"]: e["message"] for e in r.json["errors"]}
    assert set(fields) == {"values.STAFF_DIGITAL_TRAINED.denominator", "values.STAFF_USING_AI.denominator"}
    assert "“Tỷ lệ cán bộ quản lý, giáo viên ứng dụng trí tuệ nhân tạo" in fields[
        "values.STAFF_DIGITAL_TRAINED.denominator"]
    assert client.get(f"/rounds/{rnd['id']}/submissions/{school.code}",
                      headers=bearer(tokens.school(school))).status_code == 404

    # Entered once: the other ratio reuses it, in this request and in later ones.
    r = put(client, tokens, rnd, school, [
        {"indicator_code": "STAFF_DIGITAL_TRAINED", "numerator": 30, "denominator": 45},
        {"indicator_code": "STAFF_USING_AI", "numerator": 10}, {"indicator_code": "CLASSES", "value": 20}])
    assert r.status_code == 201, r.json
    r = put(client, tokens, rnd, school, [{"indicator_code": "TWO_SESSIONS_PER_DAY", "numerator": 18}])
    assert r.status_code == 200, r.json
    dens = {v["indicator_code"]: v.get("denominator") for v in r.json["values"]}
    assert dens["STAFF_USING_AI"] == 45 and dens["TWO_SESSIONS_PER_DAY"] == 20


def test_warnings_from_the_own_revision_peers_and_checks_never_block_and_explanations_are_kept(
        client, tokens, schools, open_round):
    rnd = open_round(indicator_codes=CODES)
    statistics = client.application.extensions["indicators.peers"]
    peers = [s for s in demo_schools("31") if s.level is SchoolLevel.THCS][2:16]
    for i, peer in enumerate(peers):
        assert put(client, tokens, rnd, peer, [{"indicator_code": "CLASSES", "value": 20 + i % 4},
                                               {"indicator_code": "SMART_CLASSROOMS", "value": 1 + i % 2}]
                   ).status_code == 201
    index_events(rnd, peers)
    assert statistics.refresh(rnd["id"]) == len(peers)
    from edu71.bus.outbox import load
    from indicators.adapters.documents import PeerStatistics

    snapshot = load(PeerStatistics, PeerStatistics.key(rnd["id"], "thcs"))
    assert snapshot.stats["CLASSES"]["n"] == len(peers) and snapshot.stats["CLASSES"]["median"] == 21
    statistics.refresh(rnd["id"])  # nothing new reported: no new version
    assert load(PeerStatistics, snapshot.id).doc_version == snapshot.doc_version
    statistics._cache.clear()  # the process's minute-long cache would hide the refresh in this test

    school = schools["thcs"]
    r = put(client, tokens, rnd, school, [{"indicator_code": "CLASSES", "value": 21},
                                          {"indicator_code": "SMART_CLASSROOMS", "value": 3}])
    assert r.status_code == 201 and r.json["warnings"] == []
    r = put(client, tokens, rnd, school, [{"indicator_code": "SMART_CLASSROOMS", "value": 300}])
    assert r.status_code == 200, r.json
    kinds = {(w["kind"], w["field"]) for w in r.json["warnings"]}
    assert kinds == {("revision", "values.SMART_CLASSROOMS.value"), ("peers", "values.SMART_CLASSROOMS.value"),
                     ("check", "values.SMART_CLASSROOMS.value")}
    assert all("“Số phòng học thông minh”" in w["message"] for w in r.json["warnings"])
    assert all(w["explanation"] is None for w in r.json["open_warnings"])

    text = "Trường vừa sáp nhập với hai trường khác, số phòng tăng thật."
    r = put(client, tokens, rnd, school, [{"indicator_code": "SMART_CLASSROOMS", "value": 300}],
            explanations={"SMART_CLASSROOMS": text})
    assert r.status_code == 200 and r.json["revision"] == 2
    assert r.json["explanations"]["SMART_CLASSROOMS"]["text"] == text
    assert {w["explanation"] for w in r.json["open_warnings"]} == {text}

    bad = put(client, tokens, rnd, school, [{"indicator_code": "SMART_CLASSROOMS", "value": 300}],
              explanations={"SMART_CLASSROOMS": " "})
    assert bad.status_code == 422 and bad.json["errors"][0]["field"] == "explanations.SMART_CLASSROOMS"

    # A corrected value drops the explanation with the warnings it answered.
    r = put(client, tokens, rnd, school, [{"indicator_code": "SMART_CLASSROOMS", "value": 3}])
    assert r.status_code == 200 and r.json["revision"] == 3
    assert r.json["explanations"] == {} and r.json["open_warnings"] == []


def test_the_previous_rounds_values_are_there_for_the_form_and_only_in_scope(client, tokens, schools, open_round):
    from datetime import datetime, timedelta, timezone

    from edu71.vn import iso_vn

    school = schools["thcs"]
    earlier = open_round(name="Sơ kết học kỳ I năm 2024–2025",
                         opens_at=iso_vn(datetime.now(timezone.utc) - timedelta(days=20)))
    later = open_round(name="Tổng kết năm 2024–2025")
    previous = f"/rounds/{later['id']}/submissions/{school.code}/previous"
    r = client.get(previous, headers=bearer(tokens.school(school)))
    assert r.status_code == 200 and r.json == {"round_name": None, "values": []}
    assert put(client, tokens, earlier, school, [{"indicator_code": "CLASSES", "value": 20}]).status_code == 201
    r = client.get(previous, headers=bearer(tokens.school(school)))
    assert r.json["round_name"] == "Sơ kết học kỳ I năm 2024–2025"
    assert [(v["indicator_code"], v["value"]) for v in r.json["values"]] == [("CLASSES", 20)]
    # Another school, or a commune before the school reported in this round, is told nothing.
    assert client.get(previous, headers=bearer(tokens.school(schools["thcs_other"]))).status_code == 404
    assert client.get(previous, headers=bearer(tokens.commune(school.commune_code))).status_code == 404


def test_the_city_tunes_when_a_change_is_warned_about_even_on_a_national_indicator(client, tokens, schools,
                                                                                  open_round):
    city = bearer(tokens.city("31"))
    url = "/catalogue/indicators/CLASSES"
    bad = client.patch(url, json={"change_limits": {"factor": 0.5, "peer_z": 0}}, headers={**city, "If-Match": '"v1"'})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json["errors"]} == {"change_limits.factor", "change_limits.peer_z"}
    r = client.patch(url, json={"change_limits": {"factor": 1.2, "absolute": 2}}, headers={**city, "If-Match": '"v1"'})
    assert r.status_code == 200, r.json
    classes = next(i for i in r.json["indicators"] if i["code"] == "CLASSES")
    assert classes["change_limits"]["factor"] == 1.2 and classes["change_limits"]["peer_z"] == 3.5
    # What a value means is still not the province's to change.
    assert client.patch(url, json={"name": "Số lớp học", "change_limits": None},
                        headers={**city, "If-Match": '"v2"'}).status_code == 422

    # A round opened now checks against the tuned limits: 20 → 25 classes is warned about.
    rnd = open_round(indicator_codes=CODES)
    school = schools["thcs"]
    assert put(client, tokens, rnd, school, [{"indicator_code": "CLASSES", "value": 20}]).status_code == 201
    r = put(client, tokens, rnd, school, [{"indicator_code": "CLASSES", "value": 25}])
    assert [w["kind"] for w in r.json["warnings"]] == ["revision"]


def test_the_peer_index_is_the_same_whatever_the_replays_and_order(client, tokens, schools, open_round):
    from indicators.adapters.documents import PeerIndex
    from indicators.adapters.peers import PeerIndexStore
    from indicators.domain.peers import bucket_of
    from indicators.peers import PeerIndexer

    rnd = open_round(indicator_codes=CODES)
    school = schools["thcs"]
    for value in (20, 25, 30):
        put(client, tokens, rnd, school, [{"indicator_code": "CLASSES", "value": value}])
    events = index_events(rnd, [school])
    key = PeerIndex.key(rnd["id"], "thcs", bucket_of(school.code))
    indexed = PeerIndexStore().get(key)
    assert [(s["revision"], s["figures"]["CLASSES"]) for s in indexed.schools] == [(3, 30)]
    indexer = PeerIndexer(client.application.extensions["indicators.catalogues"])
    for event in [events[2], events[0], events[1], events[2]]:
        indexer.index(event)
    again = PeerIndexStore().get(key)
    assert again.schools == indexed.schools and again.doc_version == indexed.doc_version


def test_an_indexer_whose_kept_bucket_another_passed_lands_on_top_of_it(client, tokens, schools, open_round):
    from indicators.adapters.documents import PeerIndex
    from indicators.adapters.peers import PeerIndexStore
    from indicators.domain.peers import bucket_of
    from indicators.peers import PeerIndexer

    rnd = open_round(indicator_codes=CODES)
    school = schools["thcs"]
    for value in (20, 25, 30):
        put(client, tokens, rnd, school, [{"indicator_code": "CLASSES", "value": value}])
    first, second, third = index_events(rnd, [school], times=0)
    catalogues = client.application.extensions["indicators.catalogues"]
    mine, other = PeerIndexer(catalogues), PeerIndexer(catalogues)
    key = PeerIndex.key(rnd["id"], "thcs", bucket_of(school.code))
    mine.index(first)  # kept at version 1
    other.index(second)  # the bucket moves on to version 2 behind its back
    mine.index(third)
    mine.index(second)  # arrives late: changes nothing
    indexed = PeerIndexStore().get(key)
    assert [(s["revision"], s["figures"]["CLASSES"]) for s in indexed.schools] == [(3, 30)]
    assert indexed.doc_version == 3
    other.index(first)  # a replay to the indexer that kept version 2: refused by the store, then nothing to do
    assert PeerIndexStore().get(key).doc_version == 3


def test_the_peer_index_is_read_whole_through_a_head_its_indexer_writes_now_and_then(client, tokens, schools,
                                                                                     open_round):
    """An indexer writes a bucket's head at most every ``head_every`` seconds (here: once), yet the statistics
    read every school's latest figures, and the reader brings the head up to date."""
    from edu71.bus.outbox import load
    from indicators.adapters.documents import PeerIndex
    from indicators.adapters.peers import PeerIndexStore
    from indicators.domain.peers import bucket_of
    from indicators.peers import PeerIndexer

    rnd = open_round(indicator_codes=CODES)
    school = schools["thcs"]
    for value in (20, 25, 30):
        put(client, tokens, rnd, school, [{"indicator_code": "CLASSES", "value": value}])
    events = index_events(rnd, [school], times=0)
    indexer = PeerIndexer(client.application.extensions["indicators.catalogues"], head_every=float("inf"))
    for event in events:
        indexer.index(event)
    key = PeerIndex.key(rnd["id"], "thcs", bucket_of(school.code))
    assert load(PeerIndex, key).doc_version == 1  # the head of the first version only
    assert [f["CLASSES"] for f in PeerIndexStore().figures(rnd["id"], "thcs")] == [30]
    head = load(PeerIndex, key)
    assert head.doc_version == 3 and [s["revision"] for s in head.schools] == [3]


def test_the_worker_writes_a_bucket_once_for_the_figures_staged_since_its_last_commit(client, tokens, schools,
                                                                                       open_round):
    """Several submissions staged between two commits make one version of their bucket, not one each; the
    newest revision of each school is the one indexed."""
    from indicators.adapters.documents import PeerIndex
    from indicators.adapters.peers import PeerIndexStore
    from indicators.domain.peers import bucket_of
    from indicators.peers import PeerIndexer

    rnd = open_round(indicator_codes=CODES)
    school = schools["thcs"]
    for value in (20, 25, 30):
        put(client, tokens, rnd, school, [{"indicator_code": "CLASSES", "value": value}])
    first, second, third = index_events(rnd, [school], times=0)
    indexer = PeerIndexer(client.application.extensions["indicators.catalogues"])
    handle = indexer.handlers()
    for event in (first, third, second):
        handle[event.name](event)
    key = PeerIndex.key(rnd["id"], "thcs", bucket_of(school.code))
    assert PeerIndexStore().get(key) is None  # staged, not written yet
    indexer.flush()
    indexed = PeerIndexStore().get(key)
    assert indexed.doc_version == 1
    assert [(s["revision"], s["figures"]["CLASSES"]) for s in indexed.schools] == [(3, 30)]
    indexer.flush()  # nothing staged: nothing written
    assert PeerIndexStore().get(key).doc_version == 1
