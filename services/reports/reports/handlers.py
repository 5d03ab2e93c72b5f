"""What the reports worker does with each event it consumes.

Each handler is idempotent and order-safe on its own (the consumer's inbox is
recorded only after the effect): it stores a *version* of the entity — the
submission's revision, the round event's time, the directory record's version,
the plan's version and stage, the catalogue's version — under a unique key,
never overwriting anything (see :mod:`reports.adapters.projection`), and then
leaves a hint for the projector (:mod:`reports.adapters.projector`), which
recomputes the views. The hint is left even when the version was already
stored: a worker that died between the two writes leaves no change unseen.

The state each event becomes is computed by the pure ``*_row`` functions, which
the rebuild (:mod:`reports.rebuild`) uses too.
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from mongoengine.connection import get_db

from edu71.contracts import Event
from reports.adapters.documents import ALIAS
from reports.adapters.projection import hint, ms, pack, parse_time, record_version
from reports.domain.model import (
    CATALOGUES,
    COMMUNE_PLAN_APPROVED,
    DIRECTORY,
    PLAN_APPROVED,
    PLAN_STATUS,
    ROUNDS,
    SCHOOL_VALUES,
    SUBMISSION_STAGES,
    Source,
    plan_seq,
)

log = logging.getLogger(__name__)


def values_row(event_id: str, name: str, d: dict) -> tuple[str, dict]:
    school = d["school"]
    row = {
        "round_id": d["round_id"], "school_code": school["code"], "revision": int(d["revision"]),
        "school_name": school["name"], "school_level": school["level"], "commune_code": school["commune_code"],
        "province_code": school["province_code"], "submission_id": d["submission_id"],
        "values": {v["indicator_code"]: v for v in d["values"]},
        "submitted_at": parse_time(d["submitted_at"]), "late": bool(d["late"]),
        "event_id": event_id, "event_type": name,
    }
    return f"{d['round_id']}|{school['code']}|{row['revision']}", row


def round_row(event_id: str, time: str, d: dict) -> tuple[str, dict]:
    at = ms(parse_time(time))
    row = {
        "round_id": d["round_id"], "event_time": at, "name": d["name"], "province_code": d["province_code"],
        "school_year": d["school_year"], "school_levels": list(d["school_levels"]),
        "indicator_codes": list(d["indicator_codes"]), "opens_at": parse_time(d["opens_at"]),
        "due_at": parse_time(d["due_at"]), "closes_at": parse_time(d["closes_at"]),
        "reopened": bool(d["reopened"]), "catalogue_version": d.get("catalogue_version"), "event_id": event_id,
    }
    return f"{d['round_id']}|{at.isoformat()}", row


def school_row(event_id: str, d: dict) -> tuple[str, dict]:
    school = d["school"]
    row = {"school_code": school["code"], "version": int(d["version"]), "name": school["name"],
           "level": school["level"], "commune_code": school["commune_code"],
           "province_code": school["province_code"], "active": bool(d["active"]), "event_id": event_id}
    return f"{school['code']}|{row['version']}", row


def plan_row(event_id: str, name: str, d: dict) -> tuple[str, dict]:
    school = d["school"]
    seq = plan_seq(d["version"], name)
    row = {"school_code": school["code"], "seq": seq, "plan_id": d["plan_id"], "version": int(d["version"]),
           "province_code": school["province_code"], "commune_code": school["commune_code"],
           "event_type": name, "targets": list(d.get("targets") or ()), "event_id": event_id}
    return f"{school['code']}|{seq:012d}", row


def commune_plan_row(event_id: str, name: str, d: dict) -> tuple[str, dict]:
    """A commune/ward's own plan (``issuer`` of kind commune): its targets are the commune's targets."""
    issuer = d["issuer"]
    seq = plan_seq(d["version"], name)
    row = {"commune_code": issuer["code"], "seq": seq, "plan_id": d["plan_id"], "version": int(d["version"]),
           "province_code": issuer["province_code"], "issuer_name": issuer["name"], "event_type": name,
           "targets": list(d.get("targets") or ()), "event_id": event_id}
    return f"{issuer['code']}|{seq:012d}", row


def plan_rows(event_id: str, name: str, d: dict) -> list[tuple]:
    """(source, id, row) of every record a plan event is stored as.

    A school's plan: its status, and its targets once approved. A commune's own plan: its targets once
    approved (the commune's targets in progress). The city's own plan: nothing yet (the city's targets
    are the catalogue's).
    """
    if d.get("school") is not None:
        doc_id, row = plan_row(event_id, name, d)
        return [(PLAN_STATUS, doc_id, row)] + ([(PLAN_APPROVED, doc_id, row)] if name == "PlanApproved" else [])
    if d["issuer"]["kind"] == "commune" and name == "PlanApproved":
        return [(COMMUNE_PLAN_APPROVED, *commune_plan_row(event_id, name, d))]
    return []


def catalogue_row(event_id: str, d: dict) -> tuple[str, dict]:
    row = {"province_code": d["province_code"], "version": int(d["version"]),
           "published_at": parse_time(d["published_at"]), "indicators": list(d["indicators"]),
           "event_id": event_id}
    return f"{d['province_code']}|{row['version']}", row


def stage_row(event_id: str, name: str, d: dict) -> tuple[str, dict]:
    """A school's report as of one approval action (SubmissionCompleted/Confirmed/Returned/Accepted/Reopened):
    its stage after the action, versioned by the action's sequence number in the report's history."""
    school = d["school"]
    row = {"round_id": d["round_id"], "school_code": school["code"], "approval": int(d["approval"]),
           "stage": d["stage"], "previous_stage": d["previous_stage"], "revision": int(d["revision"]),
           "submission_id": d["submission_id"], "school_name": school["name"], "school_level": school["level"],
           "commune_code": school["commune_code"], "province_code": school["province_code"],
           "acted_at": parse_time(d["at"]), "event_id": event_id, "event_type": name}
    return f"{d['round_id']}|{school['code']}|{row['approval']}", row


def _store(source: Source, doc_id: str, row: dict[str, Any], event: Event) -> bool:
    coll = get_db(ALIAS)[source.collection]
    entity = {f: row[f] for f in source.entity}
    state = {k: v for k, v in row.items() if k not in entity and k != source.version}
    changed = record_version(coll, doc_id, entity, source.version, row[source.version], pack(source.collection, state))
    if not changed:
        log.info("%s %s: %s %s was already stored; ignored", event.name, event.id, source.version,
                 _show(row[source.version]))
    hint(get_db(ALIAS), source.collection, doc_id)
    return changed


def _show(version) -> str:
    return version.isoformat() if isinstance(version, datetime) else str(version)


def on_indicator_values(event: Event) -> bool:
    """IndicatorSubmitted / IndicatorRevised: store the school's values as of this revision.

    Both events carry the full value set, so the highest revision replaces the
    previous ones as a whole in every view. Returns True if this revision was new.
    """
    return _store(SCHOOL_VALUES, *values_row(event.id, event.name, event.data), event)


def on_round_opened(event: Event) -> bool:
    """ReportingRoundOpened (also on reopening): keep the round as of its latest event."""
    return _store(ROUNDS, *round_row(event.id, event.time, event.data), event)


def on_school(event: Event) -> bool:
    """SchoolRegistered / SchoolChanged: keep the directory record of the highest version."""
    return _store(DIRECTORY, *school_row(event.id, event.data), event)


def on_plan(event: Event) -> bool:
    """PlanSubmitted / PlanReturned / PlanApproved: the school's plan status and its approved targets, or a
    commune's approved targets (:func:`plan_rows`)."""
    changed = False
    for source, doc_id, row in plan_rows(event.id, event.name, event.data):
        changed = _store(source, doc_id, row, event) or changed
    return changed


def on_catalogue(event: Event) -> bool:
    """CataloguePublished: keep the province's catalogue of the highest version."""
    return _store(CATALOGUES, *catalogue_row(event.id, event.data), event)


def on_submission_stage(event: Event) -> bool:
    """Submission* (completed, confirmed, returned, accepted, reopened): the report's stage after the action.

    Each action is stored under its sequence number, so a replayed or late action changes nothing: the model
    keeps the stage of the highest one (:meth:`reports.domain.model.Model.stage`)."""
    return _store(SUBMISSION_STAGES, *stage_row(event.id, event.name, event.data), event)


#: The approval events of a school's report, each giving the stage after its action.
STAGE_EVENTS = ("SubmissionCompleted", "SubmissionConfirmed", "SubmissionReturned", "SubmissionAccepted",
                "SubmissionReopened")

HANDLERS = {
    "IndicatorSubmitted": on_indicator_values,
    "IndicatorRevised": on_indicator_values,
    "ReportingRoundOpened": on_round_opened,
    "SchoolRegistered": on_school,
    "SchoolChanged": on_school,
    "PlanSubmitted": on_plan,
    "PlanReturned": on_plan,
    "PlanApproved": on_plan,
    "CataloguePublished": on_catalogue,
    **{name: on_submission_stage for name in STAGE_EVENTS},
}

#: Handler → (source, row function) for the rebuild, which applies rows without storing them one by one.
ROWS = {
    "IndicatorSubmitted": lambda e: [(SCHOOL_VALUES, *values_row(e["id"], "IndicatorSubmitted", e["data"]))],
    "IndicatorRevised": lambda e: [(SCHOOL_VALUES, *values_row(e["id"], "IndicatorRevised", e["data"]))],
    "ReportingRoundOpened": lambda e: [(ROUNDS, *round_row(e["id"], e["time"], e["data"]))],
    "SchoolRegistered": lambda e: [(DIRECTORY, *school_row(e["id"], e["data"]))],
    "SchoolChanged": lambda e: [(DIRECTORY, *school_row(e["id"], e["data"]))],
    "PlanSubmitted": lambda e: plan_rows(e["id"], "PlanSubmitted", e["data"]),
    "PlanReturned": lambda e: plan_rows(e["id"], "PlanReturned", e["data"]),
    "PlanApproved": lambda e: plan_rows(e["id"], "PlanApproved", e["data"]),
    "CataloguePublished": lambda e: [(CATALOGUES, *catalogue_row(e["id"], e["data"]))],
    **{name: (lambda e, name=name: [(SUBMISSION_STAGES, *stage_row(e["id"], name, e["data"]))])
       for name in STAGE_EVENTS},
}
