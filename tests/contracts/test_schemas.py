"""The payload schemas, the envelope schema and the examples under contracts/."""
from __future__ import annotations

import copy
import re

import pytest
from jsonschema import Draft202012Validator

from .support import (
    CONTRACTS,
    EVENTS,
    EVENTS_DIR,
    EXAMPLES_DIR,
    all_schemas,
    envelope_for,
    example,
    load_json,
    schema_files,
)

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILES = schema_files()
ALL_JSON = SCHEMA_FILES + [CONTRACTS / "envelope.schema.json"]


def _ids(paths):
    return [p.relative_to(CONTRACTS).as_posix() for p in paths]


def _subject(name: str, data: dict) -> str:
    """The envelope subject / Kafka key the conventions give each event."""
    if name in ("ReportingRoundOpened", "RollupUpdated", "DashboardUpdated", "CataloguePublished", "ReportIssued"):
        return data["province_code"]
    if name == "NotificationDelivered":
        return data["recipient"]["org_unit"]
    if name in ("UserRegistered", "UserChanged", "AccessRevoked"):
        return data["user_id"]
    if name == "DeadLettered":
        return data["original_key"] or data["original_topic"]
    if name == "OutboxQuarantined":
        return data["service"]
    return data["school"]["code"]


def _walk(node, path="#"):
    """Yield (json-pointer, subschema) for every dict below node."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{path}/{index}")


def _errors(validator, instance):
    return sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))


# --------------------------------------------------------------------------- #
# the files themselves
# --------------------------------------------------------------------------- #
def test_one_schema_per_event_and_nothing_else():
    assert sorted({p.parent.name for p in SCHEMA_FILES}) == sorted(EVENTS)
    for name in EVENTS:
        assert (EVENTS_DIR / name / "v1.schema.json").is_file(), f"{name}: no v1 schema"
    # one example per schema version, and no stray example
    expected = sorted(f"{p.parent.name}.{p.name.split('.')[0]}.json" for p in SCHEMA_FILES)
    assert sorted(p.name for p in EXAMPLES_DIR.glob("*.json")) == expected


@pytest.mark.parametrize("path", ALL_JSON, ids=_ids(ALL_JSON))
def test_is_a_valid_draft_2020_12_schema(path):
    schema = load_json(path)
    assert schema.get("$schema") == DRAFT_2020_12
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=_ids(SCHEMA_FILES))
def test_id_matches_path(path):
    name, version = path.parent.name, re.fullmatch(r"v([0-9]+)\.schema\.json", path.name)
    assert version, f"{path.name} is not named vN.schema.json"
    assert load_json(path)["$id"] == f"urn:edu71:events:{name}:v{version[1]}"


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=_ids(SCHEMA_FILES))
def test_shape_of_a_payload_schema(path):
    schema = load_json(path)
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is True, "later versions must be able to add optional fields"
    assert schema["required"], "a payload without required fields says nothing"
    assert set(schema["required"]) <= set(schema["properties"]), "required names a property not declared"
    assert schema.get("description"), "the event needs a description"
    defs = schema.get("$defs", {})
    for name, prop in schema["properties"].items():
        described = prop.get("description") or (
            "$ref" in prop and defs.get(prop["$ref"].rsplit("/", 1)[-1], {}).get("description"))
        assert described, f"property {name!r} has no description"


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=_ids(SCHEMA_FILES))
def test_every_object_declares_properties_and_required(path):
    for pointer, node in _walk(load_json(path)):
        if node.get("type") != "object":
            continue
        if isinstance(node.get("additionalProperties"), dict):
            continue  # a map (e.g. RollupUpdated.distribution), not a record
        assert "properties" in node, f"{pointer}: object without explicit properties"
        assert "required" in node, f"{pointer}: object without a required list"
        assert set(node["required"]) <= set(node["properties"]), f"{pointer}: required names an undeclared property"


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=_ids(SCHEMA_FILES))
def test_refs_are_local_and_resolve(path):
    """Each file is self-contained: shared definitions are inlined in its own $defs."""
    schema = load_json(path)
    for pointer, node in _walk(schema):
        ref = node.get("$ref")
        if ref is None:
            continue
        assert ref.startswith("#/$defs/"), f"{pointer}: non-local $ref {ref!r}"
        assert ref.split("/")[-1] in schema.get("$defs", {}), f"{pointer}: $ref {ref!r} does not resolve"


def test_shared_definitions_are_identical_everywhere():
    """School, Actor, IndicatorValue... are copied into each file; the copies must not drift."""
    seen: dict[str, tuple[str, dict]] = {}
    for path in SCHEMA_FILES:
        for name, definition in load_json(path).get("$defs", {}).items():
            if name in seen:
                first, other = seen[name]
                assert definition == other, f"$defs/{name} differs between {first} and {path.parent.name}"
            else:
                seen[name] = (path.parent.name, definition)
    for name in ("School", "Actor", "PlanTarget", "IndicatorValue", "DateTime", "ProvinceCode"):
        assert name in seen


def test_shared_definitions_match_the_agreed_fields():
    defs = {}
    for schema in all_schemas().values():
        defs.update(schema.get("$defs", {}))
    assert set(defs["School"]["required"]) == {"code", "name", "commune_code", "province_code", "level"}
    assert defs["SchoolLevel"]["enum"] == ["mam_non", "tieu_hoc", "thcs", "thpt", "lien_cap"]
    assert set(defs["Actor"]["properties"]) == {"user_id", "name", "role", "org_unit"}
    assert defs["Actor"]["properties"]["role"]["enum"] == ["school", "commune", "city", "operator", "admin"]
    assert set(defs["PlanTarget"]["properties"]) == {
        "indicator_code", "text", "comparator", "value", "unit", "horizon", "source_sentence",
        "unlinked", "indicator_name", "catalogue_issue"}  # the last three optional (added later: compat.py
    # reports 0 breaking)
    assert set(defs["PlanTarget"]["required"]) == {
        "indicator_code", "text", "comparator", "value", "unit", "horizon", "source_sentence"}
    assert defs["PlanTarget"]["properties"]["comparator"]["enum"] == [">=", ">", "<=", "<", "="]
    assert defs["IndicatorValue"]["properties"]["value_type"]["enum"] == ["ratio", "count", "level", "boolean"]
    assert defs["SchoolCode"]["pattern"] == "^[A-Za-z0-9_.-]{1,64}$"
    assert defs["ProvinceCode"]["pattern"] == "^[0-9]{2}$"
    assert defs["CommuneCode"]["pattern"] == "^[0-9]{5}$"


# --------------------------------------------------------------------------- #
# examples
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("name", EVENTS)
def test_example_is_valid(name, payload_validator):
    errors = _errors(payload_validator(name), example(name))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("name", EVENTS)
def test_example_in_its_envelope_is_valid(name, envelope_validator):
    data = example(name)
    event = envelope_for(name, data, _subject(name, data))
    errors = _errors(envelope_validator, event)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_examples_are_realistic_vietnamese():
    submitted = example("PlanSubmitted")
    assert submitted["school"]["name"] == "Trường THCS Thị Trấn 2"
    assert submitted["number_symbol"] == "28/KH-THCSTT2"
    assert example("ReportingRoundOpened")["province_code"] == "31"  # Hải Phòng
    assert "Sơ kết học kỳ I" in example("ReportingRoundOpened")["name"]
    for name in EVENTS:
        school = example(name).get("school")
        if school:
            assert school["name"].startswith("Trường "), school["name"]
            assert any(ord(c) > 127 for c in school["name"]), "Vietnamese names keep their diacritics"


# --------------------------------------------------------------------------- #
# invalid payloads are rejected
# --------------------------------------------------------------------------- #
REQUIRED_CASES = [
    (name, field) for name in EVENTS for field in load_json(EVENTS_DIR / name / "v1.schema.json")["required"]
]


@pytest.mark.parametrize(("name", "field"), REQUIRED_CASES, ids=[f"{n}-{f}" for n, f in REQUIRED_CASES])
def test_missing_required_field_is_rejected(name, field, payload_validator):
    data = example(name)
    del data[field]
    assert not payload_validator(name).is_valid(data)


def _mutated(name, mutate):
    data = copy.deepcopy(example(name))
    mutate(data)
    return data


INVALID = {
    "bad school level": ("PlanSubmitted", lambda d: d["school"].update(level="dai_hoc")),
    "bad actor role": ("PlanApproved", lambda d: d["reviewer"].update(role="teacher")),
    "bad comparator": ("PlanSubmitted", lambda d: d["targets"][0].update(comparator="≤")),
    "percentage as a string": ("PlanSubmitted", lambda d: d["targets"][0].update(value="100%")),
    "version 0": ("PlanSubmitted", lambda d: d.update(version=0)),
    "school code with a space": ("PlanSubmitted", lambda d: d["school"].update(code="THCS TT2")),
    "province code of 3 digits": ("PlanSubmitted", lambda d: d["school"].update(province_code="031")),
    "province code as a number": ("ReportingRoundOpened", lambda d: d.update(province_code=31)),
    "commune code of 4 digits": ("PlanSubmitted", lambda d: d["school"].update(commune_code="1074")),
    "date-time without offset": ("PlanSubmitted", lambda d: d.update(submitted_at="2026-01-29T09:15:00")),
    "date instead of date-time": ("ReportingRoundOpened", lambda d: d.update(due_at="2026-01-15")),
    "impossible date": ("PlanSubmitted", lambda d: d["targets"][0].update(horizon="2030-02-30")),
    "unlinked as a string": ("PlanSubmitted", lambda d: d["targets"][0].update(unlinked="true")),
    "empty indicator name": ("PlanApproved", lambda d: d["targets"][0].update(indicator_name="")),
    "returned without comments": ("PlanReturned", lambda d: d.update(comments=[])),
    "bad comment anchor kind": ("PlanReturned", lambda d: d["comments"][0].update(anchor_kind="paragraph")),
    "bad school year": ("ReportingRoundOpened", lambda d: d.update(school_year="2025–2026")),
    "round without indicators": ("ReportingRoundOpened", lambda d: d.update(indicator_codes=[])),
    "reopened as a string": ("ReportingRoundOpened", lambda d: d.update(reopened="false")),
    "ratio without denominator": ("IndicatorSubmitted", lambda d: d["values"][0].pop("denominator")),
    "negative numerator": ("IndicatorSubmitted", lambda d: d["values"][0].update(numerator=-1)),
    "count without value": ("IndicatorSubmitted", lambda d: d["values"][3].pop("value")),
    "level without level": ("IndicatorSubmitted", lambda d: d["values"][5].pop("level")),
    "boolean without flag": ("IndicatorSubmitted", lambda d: d["values"].append(
        {"indicator_code": "TWO_SESSIONS_PER_DAY", "catalogue_version": 1, "value_type": "boolean"})),
    "bad value type": ("IndicatorSubmitted", lambda d: d["values"][0].update(value_type="percent")),
    "lower-case indicator code": ("IndicatorSubmitted",
                                  lambda d: d["values"][0].update(indicator_code="staff_briefed")),
    "revision 1 for a revision": ("IndicatorRevised", lambda d: d.update(revision=1)),
    "change without new": ("IndicatorRevised", lambda d: d["changes"][0].pop("new")),
    "new ratio without denominator": ("IndicatorRevised", lambda d: d["changes"][0]["new"].pop("denominator")),
    "bad deadline kind": ("DeadlineApproaching", lambda d: d.update(kind="due_tomorrow")),
    "days left as float": ("DeadlineApproaching", lambda d: d.update(days_left=1.5)),
    "bad channel": ("NotificationDelivered", lambda d: d.update(channel="sms")),
    "bad status": ("NotificationDelivered", lambda d: d.update(status="sent")),
    "zero attempts": ("NotificationDelivered", lambda d: d.update(attempts=0)),
    "bad scope kind": ("RollupUpdated", lambda d: d["scope"].update(kind="district")),
    "province scope with a commune code": ("RollupUpdated", lambda d: d["scope"].update(code="10744")),
    "ratio roll-up without numerator": ("RollupUpdated", lambda d: d.pop("numerator")),
    "distribution roll-up without distribution": ("RollupUpdated", lambda d: d.update(aggregation="distribution")),
    "bad school level in roll-up": ("RollupUpdated", lambda d: d.update(school_level="tat_ca")),
    "dashboard of the nation": ("DashboardUpdated", lambda d: d["scope"].update(kind="nation", code="VN")),
    "commune dashboard with a province code": ("DashboardUpdated", lambda d: d["scope"].update(code="31")),
    "dashboard without a version": ("DashboardUpdated", lambda d: d.pop("version")),
    "negative distribution count": ("RollupUpdated", lambda d: d.update(
        aggregation="distribution", distribution={"1": 3, "2": -1})),
    "bad dead-letter encoding": ("DeadLettered", lambda d: d.update(original_encoding="latin-1")),
    "negative offset": ("DeadLettered", lambda d: d.update(original_offset=-1)),
    "unknown quarantine stage": ("OutboxQuarantined", lambda d: d.update(stage="kafka")),
    "quarantine without reason": ("OutboxQuarantined", lambda d: d.update(reason="")),
    "unknown revocation reason": ("AccessRevoked", lambda d: d.update(reason="expired")),
    "cutoff without offset": ("AccessRevoked", lambda d: d.update(not_before="2026-01-29T01:00:00")),
    "revoked session without id": ("AccessRevoked", lambda d: d["revoked_sessions"][0].pop("session_id")),
}


@pytest.mark.parametrize("case", list(INVALID))
def test_invalid_payload_is_rejected(case, payload_validator):
    name, mutate = INVALID[case]
    assert payload_validator(name).is_valid(example(name)), "the example itself must be valid"
    assert not payload_validator(name).is_valid(_mutated(name, mutate)), case


VALID_VARIANTS = {
    "unknown extra field (forward compatible)": ("PlanSubmitted", lambda d: d.update(signer="Lê Văn Hùng")),
    "unknown nested field": ("PlanSubmitted", lambda d: d["school"].update(phone="028 3123 4567")),
    "target without indicator": ("PlanSubmitted", lambda d: d["targets"][0].update(indicator_code=None)),
    "no targets": ("PlanApproved", lambda d: d.update(targets=[])),
    "approval without comment": ("PlanApproved", lambda d: d.pop("comment")),
    "submission without idempotency key": ("IndicatorSubmitted", lambda d: d.pop("idempotency_key")),
    "boolean with flag": ("IndicatorSubmitted", lambda d: d["values"].append(
        {"indicator_code": "TWO_SESSIONS_PER_DAY", "catalogue_version": 1, "value_type": "boolean", "flag": True})),
    "zero denominator": ("IndicatorSubmitted", lambda d: d["values"][0].update(numerator=0, denominator=0)),
    "first value of an indicator": ("IndicatorRevised", lambda d: d["changes"][0].update(old=None)),
    "overdue": ("DeadlineApproaching", lambda d: d.update(kind="overdue", days_left=-3)),
    "failed delivery": ("NotificationDelivered", lambda d: d.update(status="failed", attempts=5, error="SMTP 550")),
    "nothing to compute": ("RollupUpdated", lambda d: d.update(value=None, numerator=0, denominator=0)),
    "nation scope": ("RollupUpdated", lambda d: d["scope"].update(kind="nation", code="VN")),
    "commune scope, all levels": ("RollupUpdated", lambda d: d.update(scope={"kind": "commune", "code": "10744"},
                                                                       school_level="all")),
    "distribution": ("RollupUpdated", lambda d: d.update(
        aggregation="distribution", distribution={"1": 12, "2": 40, "3": 189}, value=1)),
    "utc time with Z": ("PlanApproved", lambda d: d.update(approved_at="2026-02-04T07:30:00Z")),
    "province dashboard": ("DashboardUpdated", lambda d: d.update(scope={"kind": "province", "code": "31"})),
    "message without key": ("DeadLettered", lambda d: d.update(original_key=None)),
    "binary message": ("DeadLettered", lambda d: d.update(original_value="3q2+7w==", original_encoding="base64")),
    "deactivation: a cutoff, no session": ("AccessRevoked", lambda d: (
        d.pop("session_id"), d.update(reason="deactivated", revoked_sessions=[]))),
}


@pytest.mark.parametrize("case", list(VALID_VARIANTS))
def test_valid_variant_is_accepted(case, payload_validator):
    name, mutate = VALID_VARIANTS[case]
    errors = _errors(payload_validator(name), _mutated(name, mutate))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


# --------------------------------------------------------------------------- #
# the envelope
# --------------------------------------------------------------------------- #
def test_envelope_schema_id_and_required():
    envelope = load_json(CONTRACTS / "envelope.schema.json")
    assert envelope["$id"] == "urn:edu71:envelope:v1"
    assert set(envelope["required"]) == {
        "specversion", "id", "source", "type", "time", "subject", "datacontenttype", "dataschema", "data"}
    assert {"partitionkey", "traceid"} <= set(envelope["properties"])


def _envelope():
    return envelope_for("PlanSubmitted", example("PlanSubmitted"), "THCSTT2")


BAD_ENVELOPES = {
    "no specversion": lambda e: e.pop("specversion"),
    "specversion 0.3": lambda e: e.update(specversion="0.3"),
    "no subject": lambda e: e.pop("subject"),
    "no dataschema": lambda e: e.pop("dataschema"),
    "type without version": lambda e: e.update(type="vn.edu71.PlanSubmitted"),
    "type of another vendor": lambda e: e.update(type="com.example.PlanSubmitted.v1"),
    "dataschema as a file path": lambda e: e.update(dataschema="./events/PlanSubmitted/v1.schema.json"),
    "xml content type": lambda e: e.update(datacontenttype="application/xml"),
    "data as a string": lambda e: e.update(data="{}"),
    "time without offset": lambda e: e.update(time="2026-01-29T09:15:00"),
    "upper-case extension": lambda e: e.update(traceId="abc"),
    "empty partition key": lambda e: e.update(partitionkey=""),
}


@pytest.mark.parametrize("case", list(BAD_ENVELOPES))
def test_bad_envelope_is_rejected(case, envelope_validator):
    event = _envelope()
    assert envelope_validator.is_valid(event)
    BAD_ENVELOPES[case](event)
    assert not envelope_validator.is_valid(event), case


def test_envelope_accepts_extensions_and_trace_id(envelope_validator):
    event = _envelope()
    event["traceid"] = "4bf92f3577b34da6a3ce929d0e0e4736"
    event["comexampleextension"] = "value"
    del event["partitionkey"]
    assert envelope_validator.is_valid(event)
