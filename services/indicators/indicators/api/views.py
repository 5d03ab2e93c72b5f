"""What the API shows of rounds and submissions: mappings the response schemas dump (api.schemas)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from indicators.adapters.documents import Round, Submission
from indicators.adapters.submissions import Trail
from indicators.domain.approval import changed_since
from indicators.domain.submissions import explained_warnings, values_at


def round_view(rnd: Round, now: datetime) -> dict[str, Any]:
    """The round as the API shows it, with its phase at ``now``."""
    return {
        "id": rnd.id,
        "name": rnd.name,
        "province_code": rnd.province_code,
        "school_year": rnd.school_year,
        "school_levels": list(rnd.school_levels),
        "indicator_codes": list(rnd.indicator_codes),
        "catalogue_version": rnd.catalogue_version,
        "opens_at": rnd.opens_at,
        "due_at": rnd.due_at,
        "closes_at": rnd.closes_at,
        "status": rnd.status,
        "phase": rnd.phase_at(now).value,
        "opened_by": dict(rnd.opened_by),
        "created_at": rnd.created_at,
    }


def submission_view(sub: Submission, trail: Trail, revision: int | None = None) -> dict[str, Any]:
    """The submission as the API shows it, as of ``revision`` (default: the current one), with its audit trail."""
    revision = sub.revision if revision is None else revision
    history = [h for h in trail.revisions if h["revision"] <= revision]
    entry = history[-1]
    current = sub.value_dicts()
    return {
        "submission_id": sub.id,
        "round_id": sub.round_id,
        "school": sub.school_contract(),
        "revision": revision,
        "late": entry["late"],
        "submitted_at": entry["submitted_at"],
        "submitted_by": entry["submitted_by"],
        "first_submitted_at": sub.first_submitted_at,
        "values": values_at(history, revision) if revision != sub.revision else current,
        "warnings": entry["warnings"],
        "history": history,
        "open_warnings": explained_warnings(sub.open_warnings, sub.explanations),
        "explanations": {code: dict(e) for code, e in (sub.explanations or {}).items()},
        "stage": sub.stage or "draft",
        "approvals": trail.approvals,
        "changed_since_approval": changed_since(sub.approved_values, current),
        "flags": [dict(f) for f in sub.flags or []],
    }
