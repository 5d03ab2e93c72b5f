"""Plan importer: target tables drawn from the grammar of ``fixtures/tables/generate.py`` (horizons as columns or
rows, school levels as columns, one target column; serial, unit, baseline, notes and "who does it" columns; headings
over two rows, column numbers, group rows; damaged cells), each read as a Word file, a PDF, a pasted text with tabs
and a text lined up with spaces, must give exactly the targets the grammar put in. Pure: the files are made in
memory. ``bench/plan_import_accuracy.py --tables N`` scores many more, and the LibreOffice exports too."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from plans.domain.importer import extract_text, parse_plan

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "tables"))
from generate import KINDS, render, variants  # noqa: E402

SAMPLE = variants(30, seed=71)


def found(data: bytes, filename: str) -> list[tuple]:
    plan = parse_plan(extract_text(data, filename).text)
    return sorted((t.comparator.value, t.value.value, t.horizon.value.year if t.horizon.value else None)
                  for t in plan.targets)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("variant", SAMPLE, ids=[f"{v.name}-{'-'.join(v.traits)}" for v in SAMPLE])
def test_a_generated_table_gives_exactly_its_targets(variant, kind):
    data, filename = render(variant, kind)
    assert found(data, filename) == sorted((c, v, y) for c, v, _, y in variant.gold)


def test_the_grammar_draws_every_family_and_the_shapes_that_broke_tables_before():
    traits = {t for v in SAMPLE for t in v.traits}
    assert {v.family for v in SAMPLE} == {"years_cols", "years_rows", "levels_cols", "one_col"}
    assert {"merged_head", "numbering", "groups", "baseline", "unit_col", "tt", "horizon:group", "horizon:caption",
            "horizon:heading", "horizon:column", "trail:Giải pháp", "damage:breaks", "damage:unaccented"} <= traits
    assert variants(30, seed=71)[7].grid == SAMPLE[7].grid   # seeded: the same tables every run
