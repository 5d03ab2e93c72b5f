"""A school's submission in a round: how a new set of values becomes a revision, and idempotency.

A submission is one per round and school. Each accepted request that changes
something is a revision (1 for the first, then 2, 3, …), audited by the list
of changes ``{indicator_code, old, new}`` it made. A request names only the
indicators it reports: those it omits keep their earlier value, since the
contract's ``changes`` cannot express a withdrawn value (``new`` is required).
"""
from __future__ import annotations

import hashlib
import json
import re
import uuid
from typing import Any, Iterable

from indicators.domain.catalogue import CATALOGUE, Catalogue

#: Namespace of submission ids: one id per (round, school), derived rather than
#: stored in an index, so two first submissions racing each other collide on ``_id``.
SUBMISSION_NAMESPACE = uuid.UUID("6f1d2c0e-71a0-4b1e-9d71-0e0c71ed0071")
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")


class IdempotencyConflict(ValueError):
    """The header and body name different keys, or a key is malformed."""


def submission_id(round_id: str, school_code: str) -> str:
    return str(uuid.uuid5(SUBMISSION_NAMESPACE, f"{round_id}/{school_code}"))


def resolve_idempotency_key(header: str | None, body: str | None) -> str | None:
    """The request's key, from the ``Idempotency-Key`` header or the body's ``idempotency_key``."""
    header = header.strip() if header is not None else None
    if header == "":
        header = None
    if header is not None and not IDEMPOTENCY_KEY.match(header):
        raise IdempotencyConflict("Idempotency-Key phải gồm 1–200 ký tự ASCII in được, không có khoảng trắng.")
    if header is not None and body is not None and header != body:
        raise IdempotencyConflict("Idempotency-Key trong tiêu đề và idempotency_key trong nội dung khác nhau.")
    return header or body


def fingerprint(raw_values: Any) -> str:
    """A digest of the request's values as sent, to tell a replay from a different request reusing a key."""
    canonical = json.dumps(raw_values, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def by_code(values: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {v["indicator_code"]: v for v in values}


def changes(current: Iterable[dict[str, Any]], incoming: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One ``{indicator_code, old, new}`` per incoming value that differs from the current one."""
    before = by_code(current)
    return [
        {"indicator_code": value["indicator_code"], "old": before.get(value["indicator_code"]), "new": value}
        for value in incoming
        if before.get(value["indicator_code"]) != value
    ]


def merge(current: Iterable[dict[str, Any]], incoming: Iterable[dict[str, Any]],
          catalogue: Catalogue = CATALOGUE) -> list[dict[str, Any]]:
    """The full set after a revision: current values overridden by incoming ones, in catalogue order."""
    merged = {**by_code(current), **by_code(incoming)}
    return sorted(merged.values(), key=lambda v: catalogue.order(v["indicator_code"]))


def values_at(history: Iterable[dict[str, Any]], revision: int,
              catalogue: Catalogue = CATALOGUE) -> list[dict[str, Any]]:
    """The full set of values as of ``revision``, rebuilt from the audited changes."""
    values: dict[str, dict[str, Any]] = {}
    for entry in history:
        if entry["revision"] > revision:
            break
        for change in entry["changes"]:
            values[change["indicator_code"]] = change["new"]
    return sorted(values.values(), key=lambda v: catalogue.order(v["indicator_code"]))


#: Longest explanation of a warned value: a sentence or two.
MAX_EXPLANATION = 500


def check_explanations(raw: Any, catalogue: Catalogue, allowed_codes: Iterable[str]) -> tuple[dict[str, str],
                                                                                               list[dict[str, str]]]:
    """The school's explanations of warned values (``{CODE: text}``), trimmed, and every error found.

    A warning never blocks a submission; an explanation tells the reviewers the
    school checked the value and why it is right (a new building, a merger).
    """
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [{"field": "explanations", "message": "Phải là một đối tượng: mã chỉ tiêu → lời giải thích."}]
    allowed = set(allowed_codes)
    out, errors = {}, []
    for code, text in raw.items():
        path = f"explanations.{str(code)[:64]}"
        indicator = catalogue.get(code) if isinstance(code, str) else None
        if indicator is None or code not in allowed:
            errors.append({"field": path, "message": "Chỉ tiêu này không có trong đợt báo cáo."})
            continue
        if not isinstance(text, str) or not text.strip():
            errors.append({"field": path, "message": f"Cần nhập lời giải thích cho “{indicator.name}”."})
            continue
        if len(text.strip()) > MAX_EXPLANATION:
            errors.append({"field": path, "message": f"Lời giải thích cho “{indicator.name}” dài quá "
                                                     f"{MAX_EXPLANATION} ký tự."})
            continue
        out[code] = " ".join(text.split())
    return out, errors


def explained_warnings(open_warnings: Iterable[dict[str, Any]], explanations: dict[str, dict] | None
                       ) -> list[dict[str, Any]]:
    """The current warnings, each with the school's explanation of its indicator if there is one."""
    explained = explanations or {}
    return [{**w, "explanation": (explained.get(w.get("indicator_code")) or {}).get("text")}
            for w in open_warnings or []]
