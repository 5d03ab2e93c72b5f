"""What the importer's rule tests ask of a text: its targets as plain tuples, and its header fields."""
from __future__ import annotations

from plans.domain.importer.parse import extract_targets, parse_plan

#: The heading of a plan's targets section, to put a probe's lines under.
GOAL = "II. MỤC TIÊU\n"
HEADER = ("superior", "issuer", "number_symbol", "place", "title")


def got(text: str, **kw) -> list[tuple]:
    """Each target as (comparator, value, unit, horizon year)."""
    return [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year if t.horizon.value else None)
            for t in extract_targets(text, **kw)]


def header(text: str, names: tuple[str, ...] = HEADER) -> dict:
    plan = parse_plan(text)
    return {name: (getattr(plan, name).value if getattr(plan, name) else None) for name in names}
