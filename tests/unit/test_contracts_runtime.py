"""The runtime side of the contracts: routing from AsyncAPI, envelopes, validation."""
import json

import pytest

from edu71.config import REPO_ROOT
from edu71.contracts import ContractViolation, Contracts

CONTRACTS = Contracts(REPO_ROOT / "contracts")


def example(name):
    return json.loads((REPO_ROOT / "contracts" / "examples" / f"{name}.v1.json").read_text(encoding="utf-8"))


def test_every_event_is_routed_to_its_topic():
    assert CONTRACTS.topic_for("PlanSubmitted") == "edu71.plans.v1"
    assert CONTRACTS.topic_for("IndicatorRevised") == "edu71.indicators.v1"
    assert CONTRACTS.topic_for("DeadLettered") == "edu71.deadletter.v1"
    assert "edu71.reports.v1" in CONTRACTS.all_topics
    with pytest.raises(ContractViolation):
        CONTRACTS.topic_for("NoSuchEvent")


def test_new_events_are_cloudevents_keyed_by_subject_and_round_trip():
    data = example("PlanSubmitted")
    event = CONTRACTS.new_event("PlanSubmitted", data, subject=data["school"]["code"], source="/edu71/plans")
    assert event.type == "vn.edu71.PlanSubmitted.v1" and event.key == data["school"]["code"]
    parsed = CONTRACTS.parse(event.to_json().encode("utf-8"))
    assert parsed == event
    assert "Thị Trấn" in event.to_json()  # UTF-8 text, not \\u escapes


def test_producers_cannot_publish_what_the_contract_refuses():
    data = example("PlanSubmitted")
    data["targets"][0]["comparator"] = "≈"
    with pytest.raises(ContractViolation, match="comparator"):
        CONTRACTS.new_event("PlanSubmitted", data, subject="X", source="/edu71/plans")


@pytest.mark.parametrize("raw", [b"\xff\xfe", b"[]", b'{"specversion": "1.0"}',
                                 b'{"specversion":"1.0","id":"1","source":"/x","type":"vn.edu71.Nope.v1",'
                                 b'"time":"2026-01-01T00:00:00Z","subject":"s","datacontenttype":"application/json",'
                                 b'"dataschema":"urn:edu71:events:Nope:v1","data":{}}'])
def test_consumers_refuse_what_is_not_a_valid_event(raw):
    with pytest.raises(ContractViolation):
        CONTRACTS.parse(raw)


def test_consumers_refuse_json_no_producer_writes_even_where_the_schema_would_take_it():
    data = example("PlanSubmitted")
    event = CONTRACTS.new_event("PlanSubmitted", data, subject=data["school"]["code"], source="/edu71/plans")
    lone_surrogate = event.to_json().replace(json.dumps(data["school"]["name"], ensure_ascii=False), '"\\ud800"', 1)
    assert lone_surrogate != event.to_json()
    with pytest.raises(ContractViolation, match="not a JSON CloudEvent"):
        CONTRACTS.parse(lone_surrogate.encode("utf-8"))


@pytest.mark.parametrize("field, value", [("submitted_at", "hôm qua"), ("submitted_at", "2026-13-45T25:61:00Z")])
def test_formats_are_checked_too(field, value):
    # The second value fits the pattern; only a date-time format check refuses it.
    data = example("IndicatorSubmitted")
    data[field] = value
    with pytest.raises(ContractViolation, match=field):
        CONTRACTS.new_event("IndicatorSubmitted", data, subject="X", source="/edu71/indicators")


def test_the_envelope_is_checked_with_its_formats():
    event = CONTRACTS.new_event("PlanSubmitted", example("PlanSubmitted"), subject="X", source="/edu71/plans")
    envelope = json.loads(event.to_json())
    envelope["time"] = "2026-02-30T10:00:00Z"  # fits the pattern, not the calendar
    with pytest.raises(ContractViolation, match="envelope"):
        CONTRACTS.parse(json.dumps(envelope).encode("utf-8"))


@pytest.mark.parametrize("name", ["PlanSubmitted", "IndicatorSubmitted", "IndicatorRevised"])
def test_an_envelope_is_written_as_the_standard_library_writes_it(name):
    data = example(name)
    event = CONTRACTS.new_event(name, data, subject="s", source="/edu71/test")
    assert event.to_json() == json.dumps(event.envelope(), ensure_ascii=False, separators=(",", ":"))


def test_what_orjson_refuses_is_written_or_refused_as_before():
    from dataclasses import replace
    from datetime import datetime, timezone

    event = CONTRACTS.new_event("PlanSubmitted", example("PlanSubmitted"), subject="s", source="/edu71/test")
    odd = replace(event, data={**event.data, "big": 2 ** 70, 7: "khoá không phải chuỗi"})
    assert odd.to_json() == json.dumps(odd.envelope(), ensure_ascii=False, separators=(",", ":"))
    with pytest.raises(TypeError):
        replace(event, data={"at": datetime.now(timezone.utc)}).to_json()
