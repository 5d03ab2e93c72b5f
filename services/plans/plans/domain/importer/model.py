"""What the plan importer returns for each value it reads: a Source (line and character span), an Extracted value
with its confidence, and a ParsedTarget. Its own module because every reader (header.py, tables.py, the
running-text pass in parse.py) builds these, and parse.py imports those readers.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar


T = TypeVar("T")


@dataclass(frozen=True)
class Source:
    line: int    # 1-based line number of the start
    start: int   # character offset in the parsed text (inclusive)
    end: int     # character offset (exclusive)


@dataclass(frozen=True)
class Extracted(Generic[T]):
    value: T
    source: Source
    confidence: float


@dataclass(frozen=True)
class ParsedTarget:
    indicator_code: Extracted[str | None]
    comparator: Extracted[str]          # one of >=, >, <=, <, =
    value: Extracted[float]
    unit: Extracted[str]
    horizon: Extracted[date | None]     # None when no horizon could be found
    source_sentence: Extracted[str]
    text: str                           # short label for the target (the clause it came from)
    source: Source                      # span of the quantity itself
    confidence: float                   # overall (minimum of the parts)

    def to_dict(self) -> dict:
        """The shape of ``TargetSchema`` (horizon as ISO date or None)."""
        return {
            "indicator_code": self.indicator_code.value,
            "text": self.text,
            "comparator": self.comparator.value,
            "value": self.value.value,
            "unit": self.unit.value,
            "horizon": self.horizon.value.isoformat() if self.horizon.value else None,
            "source_sentence": self.source_sentence.value,
        }
