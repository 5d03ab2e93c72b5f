"""How long the version diff takes to find the words changed in a plan (pure: no services needed).

Reads a seed plan (../shared/seeds, or EDU71_SEEDS_DIR) and compares it with: two words changed, the same
plan five times over with the same changes, every line changed, and its sentences rewritten in reverse
order. Prints the time of each (the mean of several runs) and checks that the segments give back both texts.

    .venv/bin/python bench/plan_diff.py
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from plans.domain.versions import word_diff

SEEDS = Path(os.environ.get("EDU71_SEEDS_DIR", Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"))


def timed(label: str, old: str, new: str, runs: int = 5) -> None:
    start = time.perf_counter()
    for _ in range(runs):
        words = word_diff(old, new)
    elapsed = (time.perf_counter() - start) / runs
    assert "".join(s.text for s in words if s.op != "ins") == old
    assert "".join(s.text for s in words if s.op != "del") == new
    changed = sum(1 for s in words if s.op != "same")
    print(f"{label:<32} {len(old.split()):>6} words  {elapsed * 1000:8.1f} ms  {changed} changed runs")


def main() -> None:
    text = (SEEDS / "002_6785c0e9f8f18739.txt").read_text(encoding="utf-8")
    edited = text.replace("trên 96%", "trên 98%").replace("năm 2030", "năm 2029")
    timed("two words changed", text, edited)
    timed("five plans, same changes", text * 5, edited * 5)
    timed("every line changed", text, "\n".join(line + " (sửa)" for line in text.splitlines()))
    timed("sentences rewritten", text, "\n".join(reversed(text.split(". "))))


if __name__ == "__main__":
    main()
