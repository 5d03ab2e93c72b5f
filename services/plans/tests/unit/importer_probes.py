"""What the importer's rule tests ask of a text: its targets as plain tuples, and its header fields."""
from __future__ import annotations

from io import BytesIO

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


def docx_plan(lines: tuple[str, ...], rows: list[list[str]]) -> bytes:
    """A Word plan: ``lines`` as paragraphs (its header and the heading over the table), a table of ``rows``, then
    a tasks section."""
    from docx import Document

    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    doc.add_paragraph("II. NHIỆM VỤ, GIẢI PHÁP")
    doc.add_paragraph("Tổ chức thực hiện.")
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
