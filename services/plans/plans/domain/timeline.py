"""A plan's review history as its readers follow it (pure: works on the plan's stored changes).

Each submission, return and approval, with who acted, when, and what the reviewer wrote; a corrected file
imported into the plan (a new original between two changes) is an entry too, so a reviewer sees that
version 2 came from another document. Built from the changes the outbox keeps with their events, so the
history is the record itself and cannot drift from it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable, Mapping

SUBMITTED = "submitted"
RETURNED = "returned"
APPROVED = "approved"
REIMPORTED = "reimported"

#: The event of each step and the field holding its time.
_STEPS = {"PlanSubmitted": (SUBMITTED, "submitted_at", "submitted_by"),
          "PlanReturned": (RETURNED, "returned_at", "reviewer"),
          "PlanApproved": (APPROVED, "approved_at", "reviewer")}


@dataclass(frozen=True)
class Entry:
    kind: str                 # submitted | returned | approved | reimported
    version: int              # the submitted version the step concerns (a re-import: the next one)
    at: str                   # ISO 8601
    actor_name: str = ""
    actor_role: str = ""
    actor_user_id: str = ""
    comments: list[dict] = field(default_factory=list)  # {anchor_kind, anchor, text}
    filename: str = ""        # a re-import: the new file's name


def entries(changes: Iterable[Mapping[str, Any]]) -> list[Entry]:
    """The timeline of a plan from its changes (``{"at", "state", "events"}``, oldest first), oldest first.

    ``events`` are ``(name, data)`` pairs. An approval's single comment is a comment on the whole plan.
    """
    out: list[Entry] = []
    previous_file = None
    for n, change in enumerate(changes):
        state = change.get("state") or {}
        original = state.get("original") or {}
        file_id = original.get("file_id")
        if n > 0 and file_id and file_id != previous_file:
            out.append(Entry(REIMPORTED, int(state.get("version") or 0) + 1, _iso(change.get("at")),
                             filename=original.get("filename") or ""))
        previous_file = file_id
        for name, data in change.get("events") or ():
            if name not in _STEPS:
                continue
            kind, time_field, actor_field = _STEPS[name]
            actor = data.get(actor_field) or {}
            if kind == RETURNED:
                comments = [dict(c) for c in data.get("comments") or []]
            elif kind == APPROVED and (data.get("comment") or "").strip():
                comments = [{"anchor_kind": "plan", "anchor": "", "text": data["comment"].strip()}]
            else:
                comments = []
            out.append(Entry(kind, int(data["version"]), data[time_field], actor.get("name", ""),
                             actor.get("role", ""), actor.get("user_id", ""), comments))
    return out


def _iso(at: Any) -> str:
    if not isinstance(at, datetime):
        return str(at or "")
    # the store hands back naive UTC times
    return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).isoformat(timespec="seconds")
