"""What the importer's rule tests ask of a text: its targets as plain tuples, and its header fields."""
from __future__ import annotations

from plans.domain.importer.parse import extract_targets, parse_plan

#: The heading of a plan's targets section, to put a probe's lines under.
GOAL = "II. MỤC TIÊU\n"
HEADER = ("superior", "issuer", "number_symbol", "place", "title")


def as_tuples(targets) -> list[tuple]:
    """Each target as (comparator, value, unit, horizon year)."""
    return [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year if t.horizon.value else None)
            for t in targets]


def got(text: str, **kw) -> list[tuple]:
    """Each target of a targets section's lines (see :func:`as_tuples`)."""
    return as_tuples(extract_targets(text, **kw))


def plan_targets(text: str) -> list[tuple]:
    """Each target of a whole document, its header read as well (see :func:`as_tuples`)."""
    return as_tuples(parse_plan(text).targets)


def header(text: str, names: tuple[str, ...] = HEADER) -> dict:
    plan = parse_plan(text)
    return {name: (getattr(plan, name).value if getattr(plan, name) else None) for name in names}
