"""Submitted versions of a plan and what changed between two of them (pure: works on stored states)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from deepdiff import DeepDiff

#: Fields that describe the plan's content; bookkeeping (status, times, comments) is not compared.
CONTENT_FIELDS = ("number_symbol", "title", "year", "place", "issued_on", "legal_bases", "sections", "signer",
                  "recipients", "targets")


@dataclass(frozen=True)
class Difference:
    path: str          # e.g. "title", "targets.2.value", "sections.muc_tieu"
    change: str        # added | removed | changed
    old: Any = None
    new: Any = None


def _path(deepdiff_path: str) -> str:
    """``root['targets'][2]['value']`` → ``targets.2.value``."""
    return ".".join(m.group(1) or m.group(2) for m in re.finditer(r"\['([^']*)'\]|\[(\d+)\]", deepdiff_path))


def content(state: dict) -> dict:
    return {name: state.get(name) for name in CONTENT_FIELDS}


def diff(old_state: dict, new_state: dict) -> list[Difference]:
    """Field-level differences of the content of two plan states."""
    report = DeepDiff(content(old_state), content(new_state), verbose_level=2)
    out: list[Difference] = []
    for kind, change in (("values_changed", "changed"), ("type_changes", "changed")):
        for path, values in report.get(kind, {}).items():
            out.append(Difference(_path(path), change, values.get("old_value"), values.get("new_value")))
    for kind, change in (("dictionary_item_added", "added"), ("iterable_item_added", "added")):
        for path, value in report.get(kind, {}).items():
            out.append(Difference(_path(path), change, None, value))
    for kind, change in (("dictionary_item_removed", "removed"), ("iterable_item_removed", "removed")):
        for path, value in report.get(kind, {}).items():
            out.append(Difference(_path(path), change, value, None))
    return sorted(out, key=lambda d: d.path)
