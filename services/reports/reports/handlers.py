"""What the reports service does with each event it consumes: routing as data, by event name.

:data:`HANDLERS` maps each event to the source rows it becomes: a *version* of an entity — the submission's
revision, the round event's time, the directory record's version, the plan's version and stage, the
catalogue's version — each under a unique key. One table serves both readers of the topics:

- the worker's consumer (:func:`reports.bootstrap.consumer`) keeps each row, never overwriting anything
  (:class:`reports.adapters.sources.SourceRows`), leaves a hint for the projector
  (:mod:`reports.adapters.projector`), which recomputes the views, and records the row in the history
  (:mod:`reports.adapters.history`). The hint is left even when the version was already stored: a worker
  that died between the two writes leaves no change unseen;
- the rebuild (:mod:`reports.rebuild`) applies the rows of every event to a model in memory and writes
  them in bulk.

The handlers are pure: the same event always gives the same rows, so replays and reordering change nothing.
"""
from __future__ import annotations

from typing import Callable

from edu71.contracts import Event
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
from reports.domain.versions import ms, parse_time

#: One source row: which kind of record, its ``_id`` (the entity and its version), its fields.
Row = tuple[Source, str, dict]


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


def plan_rows(event_id: str, name: str, d: dict) -> list[Row]:
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


def indicator_values(event: Event) -> list[Row]:
    """IndicatorSubmitted / IndicatorRevised: the school's values as of this revision.

    Both events carry the full value set, so the highest revision replaces the previous ones as a whole in
    every view."""
    return [(SCHOOL_VALUES, *values_row(event.id, event.name, event.data))]


def round_opened(event: Event) -> list[Row]:
    """ReportingRoundOpened (also on reopening): the round as of this event."""
    return [(ROUNDS, *round_row(event.id, event.time, event.data))]


def school(event: Event) -> list[Row]:
    """SchoolRegistered / SchoolChanged: the directory record of this version."""
    return [(DIRECTORY, *school_row(event.id, event.data))]


def plan(event: Event) -> list[Row]:
    """PlanSubmitted / PlanReturned / PlanApproved: the school's plan status and its approved targets, or a
    commune's approved targets (:func:`plan_rows`)."""
    return plan_rows(event.id, event.name, event.data)


def catalogue(event: Event) -> list[Row]:
    """CataloguePublished: the province's catalogue of this version."""
    return [(CATALOGUES, *catalogue_row(event.id, event.data))]


def submission_stage(event: Event) -> list[Row]:
    """Submission* (completed, confirmed, returned, accepted, reopened): the report's stage after the action.

    Each action is stored under its sequence number, so a replayed or late action changes nothing: the model
    keeps the stage of the highest one (:meth:`reports.domain.model.Model.stage`)."""
    return [(SUBMISSION_STAGES, *stage_row(event.id, event.name, event.data))]


#: The approval events of a school's report, each giving the stage after its action.
STAGE_EVENTS = ("SubmissionCompleted", "SubmissionConfirmed", "SubmissionReturned", "SubmissionAccepted",
                "SubmissionReopened")

HANDLERS: dict[str, Callable[[Event], list[Row]]] = {
    "IndicatorSubmitted": indicator_values,
    "IndicatorRevised": indicator_values,
    "ReportingRoundOpened": round_opened,
    "SchoolRegistered": school,
    "SchoolChanged": school,
    "PlanSubmitted": plan,
    "PlanReturned": plan,
    "PlanApproved": plan,
    "CataloguePublished": catalogue,
    **{name: submission_stage for name in STAGE_EVENTS},
}
