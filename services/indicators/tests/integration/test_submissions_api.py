"""School submissions over the real store: first submission, revisions, replays, scope, validation, locking."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from edu71_testing import bearer, topic_records
from edu71.vn import iso_vn

pytestmark = pytest.mark.integration

FIRST = [
    {"indicator_code": "STAFF_BRIEFED", "numerator": 34, "denominator": 34},
    {"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45, "denominator": 47},
    {"indicator_code": "SMART_CLASSROOMS", "value": 1},
    {"indicator_code": "DROPOUT", "numerator": 2, "denominator": 1200},
    {"indicator_code": "PCGD_LEVEL", "level": 3},
]


def url(round_id, school):
    return f"/rounds/{round_id}/submissions/{school.code}"


def stored(round_id, school):
    from indicators.adapters.documents import Submission
    from indicators.domain.submissions import submission_id

    return Submission.objects(id=submission_id(round_id, school.code)).first()


def outbox(doc):
    """The events the submission's changes carried, in order."""
    from edu71.bus.outbox import recorded_events

    return recorded_events(type(doc), doc.pk)


def outbox_names(doc):
    return [e.name for e in outbox(doc)]


def test_first_submission_then_a_revision(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()
    r = client.put(url(rnd["id"], school), json={"values": FIRST}, headers=bearer(tokens.school(school)))
    assert r.status_code == 201, r.json
    assert r.json["revision"] == 1 and r.json["late"] is False
    assert r.json["school"] == school.as_contract()
    assert [v["indicator_code"] for v in r.json["values"]] == [v["indicator_code"] for v in FIRST]
    assert r.headers["ETag"] == '"v1"'

    sub = stored(rnd["id"], school)
    assert outbox_names(sub) == ["IndicatorSubmitted"]
    submitted = outbox(sub)[0]
    assert submitted.key == school.code
    assert submitted.data["revision"] == 1
    assert submitted.data["values"][1] == {"indicator_code": "TEACHERS_QUALIFIED", "catalogue_version": 1,
                                           "value_type": "ratio", "numerator": 45, "denominator": 47}

    # The revision names only what changes; the rest is kept.
    revised = [{"indicator_code": "TEACHERS_QUALIFIED", "numerator": 46, "denominator": 47},
               {"indicator_code": "SMART_CLASSROOMS", "value": 1},
               {"indicator_code": "SCHOOL_VIOLENCE_CASES", "value": 0}]
    r = client.put(url(rnd["id"], school), json={"values": revised}, headers=bearer(tokens.school(school)))
    assert r.status_code == 200, r.json
    assert r.json["revision"] == 2
    assert len(r.json["values"]) == 6

    sub = stored(rnd["id"], school)
    assert outbox_names(sub) == ["IndicatorSubmitted", "IndicatorRevised"]
    event = outbox(sub)[1]
    assert event.data["previous_revision"] == 1 and event.data["revision"] == 2
    old_new = [(c["indicator_code"], c["old"], c["new"]) for c in event.data["changes"]]
    assert [(code, old and old["numerator"], new.get("numerator", new.get("value"))) for code, old, new in old_new] == [
        ("TEACHERS_QUALIFIED", 45, 46), ("SCHOOL_VIOLENCE_CASES", None, 0)]
    assert len(event.data["values"]) == 6

    # Every revision is audited and visible to the school and its reviewers.
    for token in (tokens.school(school), tokens.commune(school.commune_code), tokens.city("31")):
        r = client.get(url(rnd["id"], school), headers=bearer(token))
        assert r.status_code == 200, r.json
        assert [h["revision"] for h in r.json["history"]] == [1, 2]
        assert r.json["history"][1]["submitted_by"]["org_unit"] == school.code


def test_the_same_values_again_change_nothing(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()
    client.put(url(rnd["id"], school), json={"values": FIRST}, headers=bearer(tokens.school(school)))
    r = client.put(url(rnd["id"], school), json={"values": FIRST[:2]}, headers=bearer(tokens.school(school)))
    assert r.status_code == 200 and r.json["revision"] == 1
    assert outbox_names(stored(rnd["id"], school)) == ["IndicatorSubmitted"]


@pytest.mark.parametrize("in_header", [True, False])
def test_a_replayed_idempotency_key_gets_the_same_answer_and_stores_nothing(client, tokens, schools, open_round,
                                                                            in_header):
    school = schools["thcs"]
    rnd = open_round()
    auth = bearer(tokens.school(school))
    key = "4b1f0c2e-replay"

    def put(values):
        if in_header:
            return client.put(url(rnd["id"], school), json={"values": values},
                              headers={**auth, "Idempotency-Key": key})
        return client.put(url(rnd["id"], school), json={"values": values, "idempotency_key": key}, headers=auth)

    first = put(FIRST)
    assert first.status_code == 201, first.json
    version = stored(rnd["id"], school).doc_version

    again = put(FIRST)
    assert again.status_code == 201
    assert again.json == first.json
    assert again.headers["Idempotent-Replayed"] == "true"
    sub = stored(rnd["id"], school)
    assert sub.doc_version == version
    assert outbox_names(sub) == ["IndicatorSubmitted"]
    assert outbox(sub)[0].data["idempotency_key"] == key

    # A later revision does not change what the old key answers.
    later = client.put(url(rnd["id"], school), json={"values": [{"indicator_code": "PCGD_LEVEL", "level": 2}]},
                       headers=auth)
    assert later.status_code == 200 and later.json["revision"] == 2
    assert put(FIRST).json == first.json

    # The same key with other values is a client bug, not a replay.
    reused = put([{"indicator_code": "PCGD_LEVEL", "level": 1}])
    assert reused.status_code == 422
    assert reused.json["errors"][0]["field"] == "idempotency_key"
    assert stored(rnd["id"], school).revision == 2


def test_header_and_body_keys_must_agree(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()
    r = client.put(url(rnd["id"], school), json={"values": FIRST, "idempotency_key": "a"},
                   headers={**bearer(tokens.school(school)), "Idempotency-Key": "b"})
    assert r.status_code == 422
    assert stored(rnd["id"], school) is None


def test_only_the_school_itself_submits(client, tokens, schools, open_round):
    school, other = schools["thcs"], schools["thcs_other"]
    rnd = open_round()
    for token in (tokens.school(other), tokens.school(schools["primary"]), tokens.city("31"),
                  tokens.commune(school.commune_code), tokens.school(schools["hcm_thcs"])):
        r = client.put(url(rnd["id"], school), json={"values": FIRST}, headers=bearer(token))
        assert r.status_code == 403, r.json
        assert r.mimetype == "application/problem+json"
    assert stored(rnd["id"], school) is None

    client.put(url(rnd["id"], school), json={"values": FIRST}, headers=bearer(tokens.school(school)))
    # Another school, or another commune's reviewer, cannot read it either.
    assert client.get(url(rnd["id"], school), headers=bearer(tokens.school(other))).status_code == 404
    assert client.get(url(rnd["id"], school),
                      headers=bearer(tokens.commune(other.commune_code))).status_code == 404


def test_invalid_values_list_every_error_and_store_nothing(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()
    values = [
        {"indicator_code": "DROPOUT", "numerator": 30, "denominator": 20},
        {"indicator_code": "REPETITION", "numerator": -1, "denominator": 20},
        {"indicator_code": "PCGD_LEVEL", "level": 7},
        {"indicator_code": "MAX_CLASS_SIZE", "value": 52},
        {"indicator_code": "CLASSES", "value": 12.5},
        {"indicator_code": "NOT_IN_CATALOGUE", "value": 1},
        {"indicator_code": "RECORDS_DIGITAL", "numerator": 1, "denominator": 2},
    ]
    r = client.put(url(rnd["id"], school), json={"values": values}, headers=bearer(tokens.school(school)))
    assert r.status_code == 422, r.json
    assert r.mimetype == "application/problem+json"
    assert [e["field"] for e in r.json["errors"]] == [
        "values.DROPOUT.numerator",
        "values.REPETITION.numerator",
        "values.PCGD_LEVEL.level",
        "values.CLASSES.value",
        "values.NOT_IN_CATALOGUE",
        "values.RECORDS_DIGITAL",
        "values.MAX_CLASS_SIZE.value",
    ]
    assert all(e["message"] for e in r.json["errors"])
    assert stored(rnd["id"], school) is None


def test_nan_is_refused(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()
    body = '{"values": [{"indicator_code": "DROPOUT", "numerator": NaN, "denominator": Infinity}]}'
    r = client.put(url(rnd["id"], school), data=body, content_type="application/json",
                   headers=bearer(tokens.school(school)))
    assert r.status_code == 422, r.json
    assert r.json["errors"] == [
        {"field": "values.DROPOUT.numerator", "message": "Không chấp nhận giá trị NaN hoặc vô cực."},
        {"field": "values.DROPOUT.denominator", "message": "Không chấp nhận giá trị NaN hoặc vô cực."},
    ]
    assert stored(rnd["id"], school) is None


@pytest.mark.parametrize("values", [
    [{"indicator_code": "DROPOUT", "numerator": {"$gt": ""}, "denominator": 10}],
    [{"indicator_code": {"$gt": ""}, "value": 1}],
    [{"indicator_code": "CLASSES", "value": {"$gt": ""}, "$set": {"revision": 99}}],
    {"$gt": ""},
    [{"$gt": ""}],
])
def test_operator_injection_is_refused(client, tokens, schools, open_round, values):
    school = schools["thcs"]
    rnd = open_round()
    r = client.put(url(rnd["id"], school), json={"values": values}, headers=bearer(tokens.school(school)))
    assert r.status_code == 422, r.json
    assert stored(rnd["id"], school) is None


def _move(round_id, **times):
    """Shift a round's timetable in the store, as the passing of time would, and ring as every writer of a round
    does (the API's processes keep the round they read until a ring or a second)."""
    from indicators.adapters.documents import Round
    from indicators.adapters.rounds import Rounds

    Round.objects(id=round_id).update(**{f"set__{k}": v for k, v in times.items()})
    Rounds().bell.ring()


def test_submissions_after_the_due_date_are_late(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()
    _move(rnd["id"], due_at=datetime.now(timezone.utc) - timedelta(minutes=1))
    r = client.put(url(rnd["id"], school), json={"values": FIRST}, headers=bearer(tokens.school(school)))
    assert r.status_code == 201 and r.json["late"] is True
    assert outbox(stored(rnd["id"], school))[0].data["late"] is True


def test_a_closed_round_is_locked_but_replays_still_answer(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()
    auth = {**bearer(tokens.school(school)), "Idempotency-Key": "before-close"}
    first = client.put(url(rnd["id"], school), json={"values": FIRST}, headers=auth)
    assert first.status_code == 201

    past = datetime.now(timezone.utc) - timedelta(minutes=1)
    _move(rnd["id"], due_at=past - timedelta(days=1), closes_at=past)
    r = client.put(url(rnd["id"], school), json={"values": [{"indicator_code": "PCGD_LEVEL", "level": 2}]},
                   headers=bearer(tokens.school(school)))
    assert r.status_code == 409
    assert r.json["code"] == "locked"
    assert stored(rnd["id"], school).revision == 1

    replay = client.put(url(rnd["id"], school), json={"values": FIRST}, headers=auth)
    assert replay.status_code == 201 and replay.json == first.json


def test_a_round_not_yet_open_refuses_submissions(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()
    _move(rnd["id"], opens_at=datetime.now(timezone.utc) + timedelta(hours=1))
    r = client.put(url(rnd["id"], school), json={"values": FIRST}, headers=bearer(tokens.school(school)))
    assert r.status_code == 409
    assert stored(rnd["id"], school) is None


def test_stale_if_match_is_refused(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()
    client.put(url(rnd["id"], school), json={"values": FIRST}, headers=bearer(tokens.school(school)))
    r = client.put(url(rnd["id"], school), json={"values": [{"indicator_code": "PCGD_LEVEL", "level": 2}]},
                   headers={**bearer(tokens.school(school)), "If-Match": '"v0"'})
    assert r.status_code == 412
    assert stored(rnd["id"], school).revision == 1


def test_the_worker_relays_indicator_events_to_kafka(client, tokens, schools, open_round):
    """The worker's spec relays every outbox; the events arrive on the indicators topic, keyed as agreed."""
    import json

    from edu71.bus.outbox import OutboxRelay
    from edu71.bus.producer import EventProducer
    from edu71.config import platform_settings
    from edu71.contracts import Contracts
    from indicators import config
    from indicators.worker import spec

    school = schools["thcs"]
    rnd = open_round()
    client.put(url(rnd["id"], school), json={"values": FIRST}, headers=bearer(tokens.school(school)))

    settings = platform_settings("indicators")
    contracts = Contracts(settings.contracts_dir)
    producer = EventProducer(settings.kafka, contracts, "indicators")
    documents = list(spec(config.load()).documents)
    for cls in documents:
        cls.ensure_store_indexes()
    try:
        # The catalogue's version 1 (published when the round needed it), the round, the submission.
        assert OutboxRelay("indicators", "indicators", producer, documents).run_once() == 3
    finally:
        producer.close()
    from edu71.bus.outbox import pending_events
    from indicators.adapters.documents import Submission

    assert pending_events(Submission, stored(rnd["id"], school).pk) == []

    # Read to the end the relay's acknowledgements reached, not until the broker is silent for a while: a busy
    # host's first fetch (a new group's join, then the topic from its start) can outlast such a silence.
    seen = {}
    for record in topic_records(settings.kafka.bootstrap_servers, contracts.topic_for("IndicatorSubmitted")):
        try:
            envelope = json.loads(record.value)
        except ValueError:
            continue  # other tests park garbage on the topics
        if isinstance(envelope, dict) and envelope.get("data", {}).get("round_id") == rnd["id"]:
            seen[envelope["type"]] = record.key.decode()
    assert seen == {"vn.edu71.ReportingRoundOpened.v1": "31", "vn.edu71.IndicatorSubmitted.v1": school.code}


def test_the_city_extends_and_reopens_a_round(client, tokens, schools, open_round):
    from edu71.bus.outbox import recorded_events
    from indicators.adapters.documents import Round

    school = schools["thcs"]
    rnd = open_round()
    now = datetime.now(timezone.utc)
    later = {"due_at": iso_vn(now + timedelta(days=40)), "closes_at": iso_vn(now + timedelta(days=50))}
    assert client.post(f"/rounds/{rnd['id']}/schedule", json=later,
                       headers=bearer(tokens.school(school))).status_code == 403
    extended = client.post(f"/rounds/{rnd['id']}/schedule", json=later, headers=bearer(tokens.city()))
    assert extended.status_code == 200, extended.json
    assert (extended.json["due_at"], extended.json["closes_at"]) == (later["due_at"], later["closes_at"])

    past = now - timedelta(days=1)
    _move(rnd["id"], due_at=past - timedelta(days=1), closes_at=past)
    r = client.put(url(rnd["id"], school), json={"values": FIRST}, headers=bearer(tokens.school(school)))
    assert r.status_code == 409  # locked
    bad = client.post(f"/rounds/{rnd['id']}/schedule", headers=bearer(tokens.city()),
                      json={"due_at": iso_vn(now + timedelta(days=5)), "closes_at": iso_vn(now - timedelta(days=1))})
    assert bad.status_code == 422 and {e["field"] for e in bad.json["errors"]} == {"closes_at"}
    reopened = client.post(f"/rounds/{rnd['id']}/schedule", json=later, headers=bearer(tokens.city()))
    assert reopened.status_code == 200 and reopened.json["phase"] == "open"
    r = client.put(url(rnd["id"], school), json={"values": FIRST}, headers=bearer(tokens.school(school)))
    assert r.status_code == 201, r.json

    events = recorded_events(Round, rnd["id"])
    assert [e.data["reopened"] for e in events] == [False, False, True]
    assert events[-1].data["closes_at"] == later["closes_at"]
