"""How fast the plan importer turns documents into structured drafts.

Imports the two seed plans repeatedly, as plain text and as DOCX (built once
from the same text with python-docx), through the importer's pure core
(sniffing, decoding, parsing), and prints documents per second, milliseconds per
plan and the peak memory of the process; then the same for every document of the
evaluation sets (services/plans/tests/fixtures/plans and plans_heldout: .txt,
.docx and .pdf), split into text extraction and parsing.

    .venv/bin/python bench/plan_import.py [rounds]
"""
from __future__ import annotations

import io
import os
import resource
import sys
import time
from pathlib import Path

import docx

from plans.domain.importer import extract_text, parse_plan

SEEDS = Path(os.environ.get("EDU71_SEEDS_DIR", Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"))


def as_docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def main(rounds: int) -> None:
    texts = {p.name: p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))}
    inputs = [(f"{name} (text)", data) for name, data in texts.items()]
    inputs += [(f"{name} (docx)", as_docx(data.decode("utf-8"))) for name, data in texts.items()]
    for label, data in inputs:
        targets = len(parse_plan(extract_text(data, label).text).targets)
        started = time.perf_counter()
        for _ in range(rounds):
            parse_plan(extract_text(data, label).text)
        seconds = time.perf_counter() - started
        print(f"{label:<40} {rounds / seconds:8.1f} documents/s  {1000 * seconds / rounds:7.1f} ms/plan  "
              f"({targets} targets each)")
    fixtures = Path(__file__).resolve().parents[1] / "services" / "plans" / "tests" / "fixtures"
    documents = [p for p in sorted(fixtures.glob("plans*/**/*")) if p.suffix in (".txt", ".docx", ".pdf")]
    if documents:
        data = [(p.name, p.read_bytes()) for p in documents]
        passes = max(1, rounds // 10)
        extracting = parsing = 0.0
        for _ in range(passes):
            for name, raw in data:
                started = time.perf_counter()
                text = extract_text(raw, name).text
                middle = time.perf_counter()
                parse_plan(text)
                extracting += middle - started
                parsing += time.perf_counter() - middle
        count = passes * len(data)
        print(f"evaluation sets ({len(data)} documents x {passes}): {1000 * (extracting + parsing) / count:7.1f} ms/plan "
              f"(extract {1000 * extracting / count:.1f}, parse {1000 * parsing / count:.1f})")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of the process): {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
