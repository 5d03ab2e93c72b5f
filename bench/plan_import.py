"""How fast the plan importer turns documents into structured drafts.

Imports the two seed plans repeatedly, as plain text and as DOCX (built once
from the same text with python-docx), through the importer's pure core
(sniffing, decoding, parsing), and prints documents per second and the peak
memory of the process.

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
        print(f"{label:<40} {rounds / seconds:8.1f} documents/s  ({targets} targets each)")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of the process): {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
