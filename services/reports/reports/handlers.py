"""What the reports worker does with each event it consumes.

Each handler is idempotent and order-safe on its own (the consumer's inbox is
recorded only after the effect): it stores a *version* of the entity — the
submission's revision, the round event's time — under a unique key, never
overwriting anything (see :mod:`reports.adapters.projection`).
"""
from __future__ import annotations

import logging

from edu71.contracts import Event
from reports.adapters.documents import ReportingRound, SchoolRoundValues
from reports.adapters.projection import ms, parse_time, record_version

log = logging.getLogger(__name__)


def on_indicator_values(event: Event) -> bool:
    """IndicatorSubmitted / IndicatorRevised: keep the school's values of the highest revision seen.

    Both events carry the full value set, so a revision replaces the previous
    one as a whole. A revision at or below the stored one changes nothing.
    Returns True if the projection changed.
    """
    d = event.data
    school = d["school"]
    revision = int(d["revision"])
    state = {
        "school_name": school["name"],
        "school_level": school["level"],
        "commune_code": school["commune_code"],
        "province_code": school["province_code"],
        "submission_id": d["submission_id"],
        "values": {v["indicator_code"]: v for v in d["values"]},
        "submitted_at": parse_time(d["submitted_at"]),
        "late": bool(d["late"]),
        "event_id": event.id,
        "event_type": event.name,
    }
    changed = record_version(
        SchoolRoundValues._get_collection(),
        SchoolRoundValues.key(d["round_id"], school["code"], revision),
        {"round_id": d["round_id"], "school_code": school["code"]},
        "revision", revision, state,
    )
    if not changed:
        log.info("%s %s: revision %d of %s/%s is not newer than the stored one; ignored",
                 event.name, event.id, revision, d["round_id"], school["code"])
    return changed


def on_round_opened(event: Event) -> bool:
    """ReportingRoundOpened (also on reopening): keep the round as of its latest event."""
    d = event.data
    at = ms(parse_time(event.time))
    state = {
        "name": d["name"],
        "province_code": d["province_code"],
        "school_year": d["school_year"],
        "school_levels": list(d["school_levels"]),
        "indicator_codes": list(d["indicator_codes"]),
        "opens_at": parse_time(d["opens_at"]),
        "due_at": parse_time(d["due_at"]),
        "closes_at": parse_time(d["closes_at"]),
        "reopened": bool(d["reopened"]),
        "event_id": event.id,
    }
    changed = record_version(ReportingRound._get_collection(), f"{d['round_id']}|{at.isoformat()}",
                             {"round_id": d["round_id"]}, "event_time", at, state)
    if not changed:
        log.info("ReportingRoundOpened %s: not newer than the stored state of round %s; ignored",
                 event.id, d["round_id"])
    return changed


HANDLERS = {
    "IndicatorSubmitted": on_indicator_values,
    "IndicatorRevised": on_indicator_values,
    "ReportingRoundOpened": on_round_opened,
}
