"""contracts/asyncapi.yaml: parsed by the AsyncAPI parser (node) and checked for our conventions."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from .support import CONTRACTS, EVENTS, EVENTS_DIR, EXAMPLES_DIR, REPO, TOPICS, VALIDATOR_JS, schema_files

ASYNCAPI = CONTRACTS / "asyncapi.yaml"

# service → (operations it sends on, operations it receives on), as agreed
OPERATIONS = {
    "plansSendPlanEvents": ("send", "edu71.plans.v1", TOPICS["edu71.plans.v1"]),
    "notificationsReceivePlanEvents": ("receive", "edu71.plans.v1", TOPICS["edu71.plans.v1"]),
    "reportsReceivePlanEvents": ("receive", "edu71.plans.v1", TOPICS["edu71.plans.v1"]),
    "indicatorsSendIndicatorEvents": ("send", "edu71.indicators.v1", TOPICS["edu71.indicators.v1"]),
    "reportsReceiveIndicatorEvents": ("receive", "edu71.indicators.v1", TOPICS["edu71.indicators.v1"][:4]),
    "notificationsReceiveIndicatorEvents": ("receive", "edu71.indicators.v1",
                                            [*TOPICS["edu71.indicators.v1"][:4], "SubmissionCompleted",
                                             "SubmissionConfirmed", "SubmissionReturned", "ValueFlagged"]),
    "notificationsSendNotificationEvents": ("send", "edu71.notifications.v1", TOPICS["edu71.notifications.v1"]),
    "notificationsReceiveNotificationEvents": ("receive", "edu71.notifications.v1", ["DeadlineApproaching"]),
    "reportsSendReportEvents": ("send", "edu71.reports.v1", TOPICS["edu71.reports.v1"]),
    "portalReceiveReportEvents": ("receive", "edu71.reports.v1", ["DashboardUpdated"]),
    "notificationsReceiveReportEvents": ("receive", "edu71.reports.v1", ["ReportIssued"]),
    "identitySendDirectoryEvents": ("send", "edu71.directory.v1",
                                    ["UserRegistered", "UserChanged", "AccessRevoked", "SchoolRegistered",
                                     "SchoolChanged"]),
    "notificationsReceiveDirectoryEvents": ("receive", "edu71.directory.v1",
                                            ["UserRegistered", "UserChanged", "SchoolRegistered", "SchoolChanged",
                                             "AccessRevoked"]),
    "reportsReceiveDirectoryEvents": ("receive", "edu71.directory.v1",
                                      ["SchoolRegistered", "SchoolChanged", "AccessRevoked"]),
    "indicatorsReceiveDirectoryEvents": ("receive", "edu71.directory.v1",
                                         ["SchoolRegistered", "SchoolChanged", "AccessRevoked"]),
    "plansReceiveDirectoryEvents": ("receive", "edu71.directory.v1", ["AccessRevoked"]),
    "identityReceiveDirectoryEvents": ("receive", "edu71.directory.v1", ["SchoolChanged"]),
    "notificationsSendDeadLetters": ("send", "edu71.deadletter.v1", TOPICS["edu71.deadletter.v1"]),
    "reportsSendDeadLetters": ("send", "edu71.deadletter.v1", TOPICS["edu71.deadletter.v1"]),
    "identitySendOutboxNotices": ("send", "edu71.deadletter.v1", ["OutboxQuarantined"]),
    "plansSendOutboxNotices": ("send", "edu71.deadletter.v1", ["OutboxQuarantined"]),
    "indicatorsSendOutboxNotices": ("send", "edu71.deadletter.v1", ["OutboxQuarantined"]),
    "operatorsReceiveDeadLetters": ("receive", "edu71.deadletter.v1", TOPICS["edu71.deadletter.v1"]),
}

KEY_PATTERNS = {
    "school": "^[A-Za-z0-9_.-]{1,64}$",
    "province": "^[0-9]{2}$",
    "user id": "^[A-Za-z0-9_.@-]{1,128}$",
}
KEY_OF = {
    "PlanSubmitted": "school", "PlanApproved": "school", "PlanReturned": "school",
    "ReportingRoundOpened": "province", "IndicatorSubmitted": "school", "IndicatorRevised": "school",
    "DeadlineApproaching": "school", "NotificationDelivered": "org unit",
    "RollupUpdated": "province", "DashboardUpdated": "province", "ReportIssued": "province", "DeadLettered": "original key", "OutboxQuarantined": "service", "CataloguePublished": "province",
    "UserRegistered": "user id", "UserChanged": "user id", "AccessRevoked": "user id", "SchoolRegistered": "school", "SchoolChanged": "school",
    "SubmissionCompleted": "school", "SubmissionConfirmed": "school", "SubmissionReturned": "school",
    "SubmissionAccepted": "school", "SubmissionReopened": "school", "ValueFlagged": "school",
}


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the AsyncAPI document is validated with the npm "
                    "@asyncapi/parser; install Node.js 18+ and run `make bootstrap`")
    if not (CONTRACTS / "node_modules" / "@asyncapi" / "parser").is_dir():
        pytest.fail("contracts/node_modules is missing: run `make bootstrap` "
                    "(it runs `npm ci --prefix contracts`) before the contract tests")
    return node


def _validate(*documents: Path) -> subprocess.CompletedProcess:
    return subprocess.run([_node(), str(VALIDATOR_JS), *map(str, documents)], cwd=REPO, capture_output=True,
                          text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def doc() -> dict:
    return yaml.safe_load(ASYNCAPI.read_text(encoding="utf-8"))


def _resolve(doc: dict, ref: str):
    assert ref.startswith("#/"), ref
    node = doc
    for token in ref[2:].split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


# --------------------------------------------------------------------------- #
# the AsyncAPI parser
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Checked:
    """One document's verdict in a run of the validator over several, and the lines it printed for it."""

    ok: bool
    output: str


def _broken_copy(folder: Path, replace: tuple[str, str]) -> Path:
    """A copy of contracts/ (document + schema files + examples) in ``folder``, with one edit to the document."""
    shutil.copytree(EVENTS_DIR, folder / "events")
    shutil.copytree(EXAMPLES_DIR, folder / "examples")
    shutil.copy(CONTRACTS / "envelope.schema.json", folder / "envelope.schema.json")
    text = ASYNCAPI.read_text(encoding="utf-8")
    old, new = replace
    assert old in text, f"{old!r} not found in the document"
    (folder / "asyncapi.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder / "asyncapi.yaml"


# case → (text to replace, replacement, a word the diagnostics must contain)
BREAKAGES = {
    "operation on a missing channel": (
        "  plansSendPlanEvents:\n    action: send\n    channel:\n      $ref: '#/channels/plans'",
        "  plansSendPlanEvents:\n    action: send\n    channel:\n      $ref: '#/channels/noSuchChannel'",
        "noSuchChannel"),
    "payload schema file missing": (
        "$ref: ./events/PlanApproved/v1.schema.json", "$ref: ./events/PlanApproved/v9.schema.json",
        "v9.schema.json"),
    "unknown operation action": ("    action: receive\n", "    action: consume\n", "action"),
    "operation message from another channel": (
        "      - $ref: '#/channels/reports/messages/ReportIssued'\n  identitySendDirectoryEvents",
        "      - $ref: '#/channels/plans/messages/PlanSubmitted'\n  identitySendDirectoryEvents",
        "does not belong"),
}


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> dict[str, Checked]:
    """Every document the tests below give the parser, checked in one node process (loading the parser takes most
    of a run): the document itself, an unbroken copy, each of :data:`BREAKAGES` and a copy with a broken schema
    file, by name. Each document's verdict is its own summary line, which names it."""
    documents = {"the document": ASYNCAPI,
                 "an unbroken copy": _broken_copy(tmp_path_factory.mktemp("unbroken"), ("asyncapi: 3.0.0",) * 2)}
    for case, (old, new, _) in BREAKAGES.items():
        documents[case] = _broken_copy(tmp_path_factory.mktemp("broken"), (old, new))
    copy = _broken_copy(tmp_path_factory.mktemp("schema"), ("asyncapi: 3.0.0",) * 2)
    schema = copy.parent / "events" / "RollupUpdated" / "v1.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"type": "integer"', '"type": "int"', 1),
                      encoding="utf-8")
    documents["a broken schema file"] = copy

    done = _validate(*documents.values())
    assert done.returncode == 1, f"the broken copies did not fail the run:\n{done.stdout}\n{done.stderr}"
    sections, lines = [], []
    for line in done.stdout.splitlines():
        lines.append(line)
        if line.startswith(("OK: ", "FAIL: ")):
            sections.append(lines)
            lines = []
    assert len(sections) == len(documents) and not lines, f"one summary line per document expected:\n{done.stdout}"
    results = {}
    for (name, document), section in zip(documents.items(), sections):
        summary = section[-1]
        assert re.match(rf"(OK|FAIL): {re.escape(os.path.relpath(document, REPO))}[ :]", summary), (name, summary)
        results[name] = Checked(summary.startswith("OK: "), "\n".join(section))
    return results


def test_parser_accepts_the_document(checked):
    result = checked["the document"]
    assert result.ok, f"validator failed:\n{result.output}"
    assert "OK:" in result.output
    assert "6 channels, 23 operations, 25 messages" in result.output


def test_parser_accepts_an_unbroken_copy(checked):
    """The copies below are valid until edited, so their failures come from the edits."""
    result = checked["an unbroken copy"]
    assert result.ok, result.output


@pytest.mark.parametrize("case", list(BREAKAGES))
def test_parser_rejects_a_broken_copy(case, checked):
    """Proves the check can fail: each edit makes the validator fail the document."""
    expected = BREAKAGES[case][2]
    result = checked[case]
    assert not result.ok, f"{case}: the validator accepted a broken document:\n{result.output}"
    errors = [line for line in result.output.splitlines() if line.startswith("error")]
    assert errors and any(expected in line for line in errors), result.output


def test_parser_rejects_a_broken_schema_file(checked):
    result = checked["a broken schema file"]
    assert not result.ok, result.output


def test_validator_reports_a_missing_file(tmp_path):
    done = _validate(tmp_path / "nothing.yaml")
    assert done.returncode == 2


# --------------------------------------------------------------------------- #
# our conventions, read with PyYAML (the way the services read the document)
# --------------------------------------------------------------------------- #
def test_document_header(doc):
    assert doc["asyncapi"] == "3.0.0"
    assert doc["info"]["title"] == "Edu71 events"
    assert doc["info"]["version"]
    assert doc["servers"]["local"] == {**doc["servers"]["local"], "host": "127.0.0.1:9092", "protocol": "kafka"}


def test_topics_carry_the_agreed_events(doc):
    routing = {}
    for channel in doc["channels"].values():
        assert channel["address"].startswith("edu71."), channel["address"]
        names = [m["name"] for m in channel["messages"].values()]
        routing[channel["address"]] = list(dict.fromkeys(names))
    assert routing == TOPICS


def test_messages_are_keyed_and_named_by_event(doc):
    for channel in doc["channels"].values():
        for key, message in channel["messages"].items():
            assert "$ref" not in message, f"{key}: define messages in the channel, so readers need no $ref"
            name = message["name"]
            # v1 is keyed by the event name; a later version N by <EventName>V<N>
            version = 1 if key == name else int(key.removeprefix(f"{name}V"))
            assert key == name or key == f"{name}V{version}", f"message {key!r} has name {name!r}"
            assert message["payload"] == {"$ref": f"./events/{name}/v{version}.schema.json"}
            assert message["contentType"] == "application/cloudevents+json"
            assert f"vn.edu71.{name}.v{version}" in message["description"]


def test_every_schema_file_is_referenced_by_exactly_one_message(doc):
    refs = Counter(
        message["payload"]["$ref"]
        for channel in doc["channels"].values()
        for message in channel["messages"].values()
    )
    files = Counter(f"./{p.relative_to(CONTRACTS).as_posix()}" for p in schema_files())
    assert refs == files
    for ref in refs:
        assert (CONTRACTS / ref).is_file(), ref


def test_kafka_key_binding(doc):
    for channel in doc["channels"].values():
        for name, message in channel["messages"].items():
            key = message["bindings"]["kafka"]["key"]
            assert key["type"] == "string", name
            assert key["description"], name
            kind = KEY_OF[message["name"]]
            if kind in KEY_PATTERNS:
                assert key.get("pattern") == KEY_PATTERNS[kind], name
            assert (kind.split()[0] in key["description"].lower()), f"{name}: key description should say {kind}"


def test_cloudevents_headers(doc):
    trait = doc["components"]["messageTraits"]["CloudEventStructured"]
    header = trait["headers"]["properties"]["content-type"]
    assert "content-type" in trait["headers"]["required"]
    assert header["type"] == "string"
    assert "cloudevents" in header["pattern"]
    for channel in doc["channels"].values():
        for name, message in channel["messages"].items():
            assert {"$ref": "#/components/messageTraits/CloudEventStructured"} in message["traits"], name


def test_operations(doc):
    found = {}
    for op_name, operation in doc["operations"].items():
        channel = _resolve(doc, operation["channel"]["$ref"])
        messages = []
        for ref in operation["messages"]:
            prefix = operation["channel"]["$ref"] + "/messages/"
            assert ref["$ref"].startswith(prefix), f"{op_name}: message of another channel"
            messages.append(_resolve(doc, ref["$ref"])["name"])
        found[op_name] = (operation["action"], channel["address"], messages)
    assert found == OPERATIONS
    for topic in TOPICS:
        actions = {a for a, t, _ in found.values() if t == topic}
        assert actions == {"send", "receive"}, f"{topic} needs a sender and a receiver"


def test_examples_are_referenced(doc):
    for channel in doc["channels"].values():
        for name, message in channel["messages"].items():
            version = message["payload"]["$ref"].rsplit("/", 1)[-1].split(".")[0]  # "v1"
            refs = [e["payload"]["$ref"] for e in message.get("examples", [])]
            assert refs == [f"./examples/{message['name']}.{version}.json"], name
            assert (CONTRACTS / refs[0]).is_file()


def test_all_events_are_covered():
    assert sorted(EVENTS) == sorted(p.parent.name for p in schema_files())
