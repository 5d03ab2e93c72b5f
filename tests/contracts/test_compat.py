"""contracts/tools/compat.py: the breaking-change rules and the repository check."""
from __future__ import annotations

import copy
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .support import COMPAT_PY, EVENTS_DIR, REPO, load_json

_spec = importlib.util.spec_from_file_location("edu71_contracts_compat", COMPAT_PY)
compat = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compat)
breaking_changes = compat.breaking_changes


def obj(properties: dict, required=(), **more) -> dict:
    return {"type": "object", "properties": properties, "required": list(required),
            "additionalProperties": True, **more}


BASE = obj(
    {
        "code": {"type": "string", "pattern": "^[0-9]{2}$"},
        "level": {"type": "string", "enum": ["thcs", "thpt"]},
        "count": {"type": "integer", "minimum": 0, "maximum": 100},
        "at": {"type": "string", "format": "date-time"},
        "kind": {"const": "plan"},
        "note": {"type": ["string", "null"]},
        "school": obj({"name": {"type": "string"}, "commune": {"type": "string"}}, ["name"]),
        "targets": {"type": "array", "items": obj({"value": {"type": "number"}}, ["value"])},
        "actor": {"$ref": "#/$defs/Actor"},
        "value": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
    },
    ["code", "level"],
    **{"$defs": {"Actor": obj({"role": {"enum": ["school", "city"]}, "id": {"type": "string"}}, ["id"])}},
)


def changed(edit) -> dict:
    new = copy.deepcopy(BASE)
    edit(new)
    return new


def P(schema):  # noqa: N802 - short accessor for the properties
    return schema["properties"]


# (edit, expected fragment of the one reason) — each must be reported
BREAKING = {
    "property removed": (lambda s: P(s).pop("count"), "property 'count' removed"),
    "property newly required": (lambda s: s["required"].append("count"), "property 'count' newly required"),
    "type changed": (lambda s: P(s)["count"].update(type="string"), "type changed"),
    "type narrowed": (lambda s: P(s)["note"].update(type="string"), "type narrowed"),
    "number narrowed to integer": (lambda s: P(P(s)["targets"]["items"])["value"].update(type="integer"),
                                   "type narrowed"),
    "type added where none": (lambda s: P(s)["kind"].update(type="integer"), "type constraint added"),
    "enum value removed": (lambda s: P(s)["level"].update(enum=["thcs"]), 'enum value removed: "thpt"'),
    "enum added": (lambda s: P(s)["at"].update(enum=["2026-01-01T00:00:00Z"]), "enum added"),
    "format changed": (lambda s: P(s)["at"].update(format="date"), "format changed"),
    "format added": (lambda s: P(s)["code"].update(format="uuid"), "format \"uuid\" added"),
    "format removed": (lambda s: P(s)["at"].pop("format"), "format \"date-time\" removed"),
    "pattern changed": (lambda s: P(s)["code"].update(pattern="^[0-9]{3}$"), "pattern changed"),
    "additionalProperties turned false": (lambda s: s.update(additionalProperties=False),
                                          "additionalProperties turned false"),
    "nested additionalProperties turned false": (lambda s: P(s)["school"].update(additionalProperties=False),
                                                 "$.school: additionalProperties turned false"),
    "const changed": (lambda s: P(s)["kind"].update(const="round"), "const changed"),
    "minimum raised": (lambda s: P(s)["count"].update(minimum=1), "minimum raised"),
    "exclusive minimum": (lambda s: P(s)["count"].update(exclusiveMinimum=0), "minimum raised"),
    "maximum lowered": (lambda s: P(s)["count"].update(maximum=99), "maximum lowered"),
    "maximum added": (lambda s: P(P(s)["targets"]["items"])["value"].update(maximum=100), "maximum added"),
    "maxLength added": (lambda s: P(P(s)["school"])["name"].update(maxLength=10), "maxLength 10 added"),
    "maxItems added": (lambda s: P(s)["targets"].update(maxItems=5), "maxItems 5 added"),
    "minItems raised": (lambda s: P(s)["targets"].update(minItems=1), "minItems raised"),
    "nested property removed": (lambda s: P(P(s)["school"]).pop("commune"), "$.school: property 'commune' removed"),
    "nested newly required": (lambda s: s["properties"]["school"]["required"].append("commune"),
                              "$.school: property 'commune' newly required"),
    "array item narrowed": (lambda s: P(P(s)["targets"]["items"])["value"].update(type="string"),
                            "$.targets[].value: type changed"),
    "array item newly required": (lambda s: s["properties"]["targets"]["items"]["properties"].update(
        unit={"type": "string"}) or s["properties"]["targets"]["items"]["required"].append("unit"),
        "$.targets[]: property 'unit' newly required"),
    "$defs enum value removed": (lambda s: P(s["$defs"]["Actor"])["role"].update(enum=["school"]),
                                 "$.$defs.Actor.role: enum value removed"),
    "$defs removed": (lambda s: s["$defs"].pop("Actor") and P(s).update(actor={"type": "object"}),
                      "definition $defs/Actor removed"),
    "$ref retargeted to a narrower definition": (
        lambda s: s["$defs"].update(Narrow=obj({"id": {"type": "integer"}}, ["id"]))
        or P(s)["actor"].update({"$ref": "#/$defs/Narrow"}),
        "$.actor.id: type changed"),
    "anyOf branch removed": (lambda s: P(s)["value"].update(anyOf=[{"type": "integer"}]),
                             "is not covered by any anyOf branch"),
    "anyOf branch narrowed": (lambda s: P(s)["value"]["anyOf"][0].update(minimum=0),
                              "is not covered by any anyOf branch"),
    "alternatives added to a plain type": (
        lambda s: P(s)["note"].pop("type") and P(s)["note"].update(anyOf=[{"type": "string", "maxLength": 5},
                                                                           {"type": "null"}]),
        "old type string is not covered"),
    "conditional requirement added": (
        lambda s: s.update({"if": {"properties": {"level": {"const": "thpt"}}}, "then": {"required": ["count"]}}),
        "$.then: property 'count' newly required"),
    "conditional requirement added in allOf": (
        lambda s: s.update(allOf=[{"if": {"properties": {"level": {"const": "thpt"}}},
                                   "then": {"required": ["count"]}}]),
        "$.allOf[0].then: property 'count' newly required"),
    "schema turned false": (lambda s: P(s).update(note=False), "no value is accepted"),
    "uniqueItems turned on": (lambda s: P(s)["targets"].update(uniqueItems=True), "uniqueItems turned on"),
}


@pytest.mark.parametrize("case", list(BREAKING))
def test_breaking_change_is_reported(case):
    edit, expected = BREAKING[case]
    reasons = breaking_changes(BASE, changed(edit))
    assert reasons, f"{case}: not reported"
    assert any(expected in r for r in reasons), f"{case}: {reasons}"


# edits that keep old producers and consumers working
COMPATIBLE = {
    "unchanged": lambda s: None,
    "optional property added": lambda s: P(s).update(comment={"type": "string"}),
    "nested optional property added": lambda s: P(P(s)["school"]).update(phone={"type": "string"}),
    "property no longer required": lambda s: s["required"].remove("level"),
    "enum value added": lambda s: P(s)["level"].update(enum=["thcs", "thpt", "lien_cap"]),
    "type widened": lambda s: P(s)["code"].update(type=["string", "null"]),
    "integer widened to number": lambda s: P(s)["count"].update(type="number"),
    "minimum lowered": lambda s: P(s)["count"].update(minimum=-1),
    "maximum raised": lambda s: P(s)["count"].update(maximum=1000),
    "maximum removed": lambda s: P(s)["count"].pop("maximum"),
    "pattern removed": lambda s: P(s)["code"].pop("pattern"),
    "descriptions changed": lambda s: s.update(description="mô tả") or P(s)["code"].update(title="Mã tỉnh"),
    "const widened to enum": lambda s: P(s)["kind"].pop("const") and P(s)["kind"].update(enum=["plan", "round"]),
    "$defs added": lambda s: s["$defs"].update(Extra={"type": "string"}),
    "anyOf branch added": lambda s: P(s)["value"]["anyOf"].append({"type": "string"}),
    "anyOf branches reordered": lambda s: P(s)["value"].update(anyOf=[{"type": "null"}, {"type": "integer"}]),
    "multi-type split into anyOf": lambda s: P(s)["note"].pop("type") and P(s)["note"].update(
        anyOf=[{"type": "string"}, {"type": "null"}]),
    "inline replaced by an equal $ref": lambda s: s["$defs"].update(Level=dict(P(s)["level"]))
    or P(s).update(level={"$ref": "#/$defs/Level"}),
    "additionalProperties stays true explicitly": lambda s: P(s)["school"].update(additionalProperties=True),
}


@pytest.mark.parametrize("case", list(COMPATIBLE))
def test_compatible_change_is_not_reported(case):
    assert breaking_changes(BASE, changed(COMPATIBLE[case])) == []


def test_relaxing_is_the_reverse_of_breaking():
    """Going back from a narrowed schema to the base is compatible for most rules."""
    for case in ("property newly required", "enum value removed", "minimum raised", "maximum lowered",
                 "additionalProperties turned false", "type narrowed", "anyOf branch removed"):
        edit, _ = BREAKING[case]
        assert breaking_changes(changed(edit), BASE) == [], case


def test_if_then_change_in_indicator_value_is_found():
    """The real IndicatorValue: requiring one more field for ratios is breaking."""
    schema = load_json(EVENTS_DIR / "IndicatorSubmitted" / "v1.schema.json")
    new = copy.deepcopy(schema)
    new["$defs"]["IndicatorValue"]["allOf"][0]["then"]["required"].append("value")
    reasons = breaking_changes(schema, new)
    assert reasons == ["$.$defs.IndicatorValue.allOf[0].then: property 'value' newly required"]


def test_every_real_schema_is_compatible_with_itself():
    for path in EVENTS_DIR.rglob("*.schema.json"):
        schema = load_json(path)
        assert breaking_changes(schema, copy.deepcopy(schema)) == [], path


def test_recursive_schemas_terminate():
    tree = {"$defs": {"Node": obj({"child": {"$ref": "#/$defs/Node"}, "v": {"type": "integer"}})},
            "$ref": "#/$defs/Node"}
    other = copy.deepcopy(tree)
    other["$defs"]["Node"]["properties"]["v"]["type"] = "string"
    assert breaking_changes(tree, copy.deepcopy(tree)) == []
    assert any("type changed" in r for r in breaking_changes(tree, other))


# --------------------------------------------------------------------------- #
# the command line
# --------------------------------------------------------------------------- #
def run_cli(*args, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(COMPAT_PY), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120, check=False)


def test_cli_over_the_repository_passes():
    done = run_cli()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 breaking change(s)" in done.stdout


def test_cli_compares_two_files(tmp_path):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(BASE))
    new.write_text(json.dumps(changed(lambda s: P(s).pop("count"))))
    assert run_cli(old, old).returncode == 0
    done = run_cli(old, new)
    assert done.returncode == 1
    assert "property 'count' removed" in done.stdout


@pytest.fixture()
def repo(tmp_path) -> Path:
    """A scratch git repository holding a copy of contracts/ with one event, not yet committed."""
    if shutil.which("git") is None:
        pytest.fail("git is needed for the compat check")
    root = tmp_path / "repo"
    tools = root / "contracts" / "tools"
    tools.mkdir(parents=True)
    shutil.copy(COMPAT_PY, tools / "compat.py")
    schema_dir = root / "contracts" / "events" / "PlanSubmitted"
    schema_dir.mkdir(parents=True)
    shutil.copy(EVENTS_DIR / "PlanSubmitted" / "v1.schema.json", schema_dir / "v1.schema.json")
    git(root, "init", "-q")
    return root


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Edu71 Test", "-c", "user.email=test@edu71.invalid",
                    "-c", "commit.gpgsign=false", *args], cwd=root, check=True, capture_output=True)


def cli_in(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "contracts/tools/compat.py"], cwd=root,
                          capture_output=True, text=True, timeout=120, check=False)


def edit_schema(path: Path, edit) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    edit(schema)
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def test_cli_untracked_then_single_commit_is_fine(repo):
    assert cli_in(repo).returncode == 0  # untracked: nothing to compare with
    git(repo, "add", "-A")
    assert cli_in(repo).returncode == 0  # staged only
    git(repo, "commit", "-q", "-m", "v1")
    assert cli_in(repo).returncode == 0  # one commit, unchanged


def test_cli_catches_a_published_schema_edited_in_place(repo):
    schema = repo / "contracts" / "events" / "PlanSubmitted" / "v1.schema.json"
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v1")
    edit_schema(schema, lambda s: s["required"].append("comment") or s["properties"].update(
        comment={"type": "string"}))
    done = cli_in(repo)
    assert done.returncode == 1, done.stdout
    assert "property 'comment' newly required" in done.stdout
    # still caught once the edit is committed: compared with the commit before
    git(repo, "commit", "-q", "-am", "edit v1 in place")
    done = cli_in(repo)
    assert done.returncode == 1, done.stdout
    assert "property 'comment' newly required" in done.stdout


def test_cli_accepts_a_compatible_edit(repo):
    schema = repo / "contracts" / "events" / "PlanSubmitted" / "v1.schema.json"
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v1")
    edit_schema(schema, lambda s: s["properties"].update(comment={"type": "string", "description": "Ghi chú."}))
    assert cli_in(repo).returncode == 0
    git(repo, "commit", "-q", "-am", "optional field")
    assert cli_in(repo).returncode == 0


def test_cli_compares_v2_with_v1(repo):
    folder = repo / "contracts" / "events" / "PlanSubmitted"
    v2 = folder / "v2.schema.json"
    shutil.copy(folder / "v1.schema.json", v2)
    edit_schema(v2, lambda s: s.update({"$id": "urn:edu71:events:PlanSubmitted:v2"})
                or s["properties"].update(signer={"type": "string"}))
    assert cli_in(repo).returncode == 0  # v2 only adds an optional field

    edit_schema(v2, lambda s: s["properties"].pop("title") and s["required"].remove("title"))
    done = cli_in(repo)
    assert done.returncode == 1
    assert "v2.schema.json (vs v1.schema.json): $: property 'title' removed" in done.stdout

    edit_schema(v2, lambda s: s.update({compat.ACK_KEYWORD: "title moved to the document service"}))
    done = cli_in(repo)
    assert done.returncode == 0, done.stdout
    assert "acknowledged" in done.stdout


def test_cli_needs_consecutive_versions(repo):
    folder = repo / "contracts" / "events" / "PlanSubmitted"
    shutil.copy(folder / "v1.schema.json", folder / "v3.schema.json")
    done = cli_in(repo)
    assert done.returncode == 1
    assert "v2.schema.json is missing" in done.stdout


def test_cli_outside_git(tmp_path):
    events = tmp_path / "events" / "PlanSubmitted"
    events.mkdir(parents=True)
    shutil.copy(EVENTS_DIR / "PlanSubmitted" / "v1.schema.json", events / "v1.schema.json")
    done = run_cli("--events-dir", tmp_path / "events", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_cli_rejects_invalid_json(tmp_path):
    events = tmp_path / "events" / "PlanSubmitted"
    events.mkdir(parents=True)
    (events / "v1.schema.json").write_text("{not json")
    done = run_cli("--events-dir", tmp_path / "events", cwd=tmp_path)
    assert done.returncode == 1
    assert "not valid JSON" in done.stdout
