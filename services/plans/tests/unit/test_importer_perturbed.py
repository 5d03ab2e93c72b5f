"""Plan importer on plans of the evaluation set damaged as real documents are (``fixtures/perturb.py``: hard line
breaks, hyphens at line ends, doubled and no-break spaces, tabs, no diacritics, decomposed Unicode, a space before
"%", other bullets and numbering, paragraphs in a layout table's cells): each damaged plan must give the targets and
header the undamaged one gives. The set is plans_heldout's first part (every level, a ward, a commune and the city;
.txt, .docx and .pdf); the bench scores every plan of every split the same way (``--perturb``)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from plans.domain.importer import extract_text, parse_plan

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_spec = importlib.util.spec_from_file_location("perturb", FIXTURES / "perturb.py")
perturb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(perturb)
PLANS = sorted((FIXTURES / "plans_heldout").glob("*.json"))
HEADER = ("superior", "issuer", "number_symbol", "place", "issued_on", "title", "signer_title", "signer")


def reading(text: str, kind: str) -> tuple[list, dict]:
    """The targets (sorted) and header fields the importer reads, words as the damage writes them (undamaged and
    damaged readings alike: the loss of diacritics is the only damage that changes a word)."""
    plan = parse_plan(text)
    # a unit is the document's own word ("nghề"), so it loses its diacritics with the document's
    targets = sorted((t.comparator.value, t.value.value, perturb.header_gold(t.unit.value, kind), t.horizon.value)
                     for t in plan.targets)
    fields = {}
    for name in HEADER:
        value = getattr(plan, name).value if getattr(plan, name) else None
        value = value.isoformat() if hasattr(value, "isoformat") else value
        value = " ".join(value.split()) if isinstance(value, str) else value
        fields[name] = perturb.header_gold(value, kind)
    return targets, fields


@pytest.fixture(scope="module")
def undamaged() -> dict:
    out = {}
    for label in PLANS:
        name = json.loads(label.read_text(encoding="utf-8"))["document"]
        data = (label.parent / name).read_bytes()
        out[name] = (extract_text(data, name).text, data)
    return out


def test_the_set_has_every_format():
    assert {Path(json.loads(p.read_text(encoding="utf-8"))["document"]).suffix for p in PLANS} == {".txt", ".docx", ".pdf"}


@pytest.mark.parametrize("kind", perturb.PERTURBATIONS)
def test_a_damaged_plan_reads_as_the_undamaged_one(undamaged, kind):
    wrong = []
    for name, (text, original) in undamaged.items():
        targets, fields = reading(text, kind)
        data, filename = perturb.perturb(text, kind, name, original)
        got_targets, got_fields = reading(extract_text(data, filename).text, kind)
        if got_targets != targets or got_fields != fields:
            wrong.append((name, [t for t in got_targets if t not in targets], [t for t in targets if t not in got_targets],
                          {k: v for k, v in got_fields.items() if v != fields[k]}))
    assert wrong == []


def test_the_damage_is_real():
    text = "Tỷ lệ học sinh đạt 95% vào năm 2030; 100% lớp học có máy chiếu và đường truyền internet tốc độ cao.\n- Mục"
    assert perturb.perturb(text, "wrap", "x")[0].decode().count("\n") > text.count("\n")
    assert "\u00a0" in perturb.perturb(text, "nbsp", "x")[0].decode()
    assert perturb.perturb(text, "unaccented", "x")[0].decode().startswith("Ty le hoc sinh dat 95%")
    assert "95 %" in perturb.perturb(text, "pct", "x")[0].decode()
    assert "\n- Mục" not in perturb.perturb(text, "bullets", "x")[0].decode()
