"""Submitted versions of a plan and what changed between two of them (pure: works on stored states).

Each difference carries the Vietnamese label a reader sees ("Mục tiêu 9 – Nội dung", a section's heading)
and, for text, the words struck and inserted (:func:`word_diff`), so no client has to turn a path into words.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from deepdiff import DeepDiff

from edu71.vn import plan_section

#: Fields that describe the plan's content; bookkeeping (status, times, comments) is not compared.
CONTENT_FIELDS = ("number_symbol", "title", "year", "place", "issued_on", "legal_bases", "sections", "signer",
                  "recipients", "targets")

FIELD_LABELS = {
    "number_symbol": "Số, ký hiệu",
    "title": "Trích yếu",
    "year": "Năm",
    "place": "Địa danh",
    "issued_on": "Ngày ban hành",
    "signer": "Người ký",
    "legal_bases": "Căn cứ",
    "recipients": "Nơi nhận",
    "sections": "Các mục",
    "targets": "Mục tiêu",
}
TARGET_LABELS = {
    "text": "Nội dung",
    "comparator": "So sánh",
    "value": "Giá trị",
    "unit": "Đơn vị",
    "horizon": "Thời hạn",
    "indicator_code": "Chỉ tiêu",
    "indicator_name": "Tên chỉ tiêu",
    "unlinked": "Không gắn chỉ tiêu",
    "indicator_confirmed": "Xác nhận chỉ tiêu",
    "proposed_indicator_code": "Chỉ tiêu hệ thống đề xuất",
    "proposal_confidence": "Độ tin cậy của đề xuất",
    "source_sentence": "Câu trong văn bản gốc",
    "catalogue_issue": "Lệch danh mục chỉ tiêu",
}
#: Numbered items of a list field: "Căn cứ 2", "Nơi nhận 3".
ITEM_LABELS = {"legal_bases": "Căn cứ", "recipients": "Nơi nhận"}


@dataclass(frozen=True)
class Segment:
    """A run of words of a text difference: kept (``same``), struck (``del``) or inserted (``ins``)."""
    op: str
    text: str


@dataclass(frozen=True)
class Difference:
    path: str          # e.g. "title", "targets.2.value", "sections.muc_tieu"
    change: str        # added | removed | changed
    old: Any = None
    new: Any = None
    label: str = ""    # what a reader sees, e.g. "Mục tiêu 3 – Giá trị"
    words: list[Segment] = field(default_factory=list)  # text only: the words struck and inserted


def _path(deepdiff_path: str) -> str:
    """``root['targets'][2]['value']`` → ``targets.2.value``."""
    return ".".join(m.group(1) or m.group(2) for m in re.finditer(r"\['([^']*)'\]|\[(\d+)\]", deepdiff_path))


def label_of(path: str) -> str:
    """A path's Vietnamese label; a path counts from 0, a reader from 1 (``targets.8.text`` → "Mục tiêu 9 – Nội dung")."""
    parts = path.split(".")
    head = parts[0]
    if head == "sections" and len(parts) > 1:
        return plan_section(parts[1])
    if head == "targets" and len(parts) > 1 and parts[1].isdigit():
        label = f"Mục tiêu {int(parts[1]) + 1}"
        if len(parts) > 2:
            label += f" – {TARGET_LABELS.get(parts[2], 'Chi tiết khác')}"
        return label
    if head in ITEM_LABELS and len(parts) > 1 and parts[1].isdigit():
        return f"{ITEM_LABELS[head]} {int(parts[1]) + 1}"
    return FIELD_LABELS.get(head, "Nội dung khác")


_TOKENS = re.compile(r"\s+|[^\s]+")
#: Words of a changed passage are compared only while (old tokens × new tokens) stays under this: the
#: comparison grows with that product (a rewritten page would take seconds).
WORD_DIFF_LIMIT = 250_000


def word_diff(old: str, new: str) -> list[Segment]:
    """The words of ``old`` struck and of ``new`` inserted, the rest kept.

    Lines are matched first and words only within the lines that changed: a plan's section is pages
    long and its lines are nearly all unique, so this stays fast where a diff of all words would compare
    thousands of repeated words and spaces with each other. Whitespace counts as a token so that the
    segments, joined, give back each text exactly.
    """
    a, b = (old or "").splitlines(keepends=True), (new or "").splitlines(keepends=True)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _add(out, Segment("same", "".join(a[i1:i2])))
        elif i2 - i1 == j2 - j1:   # lines edited in place: each with its counterpart
            for old_line, new_line in zip(a[i1:i2], b[j1:j2]):
                for segment in _words(_TOKENS.findall(old_line), _TOKENS.findall(new_line)):
                    _add(out, segment)
        else:
            old_tokens, new_tokens = _TOKENS.findall("".join(a[i1:i2])), _TOKENS.findall("".join(b[j1:j2]))
            if len(old_tokens) * len(new_tokens) <= WORD_DIFF_LIMIT:
                for segment in _words(old_tokens, new_tokens):
                    _add(out, segment)
            else:   # a rewritten passage: shown struck and inserted whole, not compared word by word
                _add(out, Segment("del", "".join(old_tokens)))
                _add(out, Segment("ins", "".join(new_tokens)))
    return out


def _add(out: list[Segment], segment: Segment) -> None:
    if not segment.text:
        return
    if out and out[-1].op == segment.op:
        out[-1] = Segment(segment.op, out[-1].text + segment.text)
    else:
        out.append(segment)


def _words(a: list[str], b: list[str]) -> list[Segment]:
    """Word-level segments of two token lists; a lone space kept between two changes joins them, so
    "không quá 0,5%" → "dưới 0,4%" reads as one phrase replaced."""
    groups = [[tag == "equal", a[i1:i2], b[j1:j2]]
              for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()]
    for n in range(1, len(groups) - 1):
        kept, before, after = groups[n], groups[n - 1], groups[n + 1]
        if kept[0] and not before[0] and not after[0] and all(t.isspace() for t in kept[1]):
            kept[0] = False
    merged: list[list] = []
    for same, old_tokens, new_tokens in groups:
        if merged and merged[-1][0] == same:
            merged[-1][1] += old_tokens
            merged[-1][2] += new_tokens
        else:
            merged.append([same, list(old_tokens), list(new_tokens)])
    out: list[Segment] = []
    for same, old_tokens, new_tokens in merged:
        if same:
            out.append(Segment("same", "".join(old_tokens)))
            continue
        for op, tokens in (("del", old_tokens), ("ins", new_tokens)):
            if tokens:
                out.append(Segment(op, "".join(tokens)))
    return out


def content(state: dict) -> dict:
    return {name: state.get(name) for name in CONTENT_FIELDS}


def _difference(path: str, change: str, old: Any, new: Any) -> Difference:
    words: list[Segment] = []
    if isinstance(old, str) or isinstance(new, str):
        if (old is None or isinstance(old, str)) and (new is None or isinstance(new, str)):
            words = word_diff(old or "", new or "")
    return Difference(path, change, old, new, label_of(path), words)


def diff(old_state: dict, new_state: dict) -> list[Difference]:
    """Field-level differences of the content of two plan states."""
    report = DeepDiff(content(old_state), content(new_state), verbose_level=2)
    out: list[Difference] = []
    for kind, change in (("values_changed", "changed"), ("type_changes", "changed")):
        for path, values in report.get(kind, {}).items():
            out.append(_difference(_path(path), change, values.get("old_value"), values.get("new_value")))
    for kind, change in (("dictionary_item_added", "added"), ("iterable_item_added", "added")):
        for path, value in report.get(kind, {}).items():
            out.append(_difference(_path(path), change, None, value))
    for kind, change in (("dictionary_item_removed", "removed"), ("iterable_item_removed", "removed")):
        for path, value in report.get(kind, {}).items():
            out.append(_difference(_path(path), change, value, None))
    return sorted(out, key=lambda d: _order(d.path))


def _order(path: str) -> tuple:
    """Targets in their order (2 before 10), not the text order of their paths."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in path.split("."))
