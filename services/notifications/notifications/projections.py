"""The service's own projections of other services' events, each idempotent and order-safe.

- Directory users: the highest ``version`` wins (events of one user share a key, so they arrive in
  order; an older redelivery is ignored by the version check). Schools are kept the same way by
  :meth:`edu71.projections.DirectorySchool.keep`.
- Catalogue thresholds: the highest catalogue version per province wins.
- Rounds: the event that happened last wins (an extension or reopening carries the new dates).
- Submissions: inserted once per (round, school); a revision implies a submission too.

Users, catalogues and rounds are stored by :func:`edu71.projections.keep_latest`, whose revision
order holds whatever the order of delivery and however many consumers write at once.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping

from mongoengine import NotUniqueError

from edu71.contracts import Event
from edu71.projections import keep_latest
from notifications.adapters.documents import (
    Catalogue,
    DirectoryUser,
    KnownRound,
    RoundSubmission,
)
from notifications.domain.alerts import thresholds


def user(event: Event) -> None:
    d = event.data
    unit = d["org_unit"]
    keep_latest(DirectoryUser(id=d["user_id"], version=d["version"], name=d["name"], email=d["email"], role=d["role"],
                              org_unit=unit["code"], org_unit_kind=unit["kind"], commune_code=unit.get("commune_code"),
                              province_code=unit.get("province_code"), active=d["active"]))


def catalogue(event: Event) -> None:
    d = event.data
    keep_latest(Catalogue(id=d["province_code"], version=d["version"], thresholds=thresholds(d)))


def round_opened(event: Event) -> None:
    d = event.data
    keep_latest(KnownRound(id=d["round_id"], name=d["name"], province_code=d["province_code"],
                           school_levels=list(d["school_levels"]), opens_at=datetime.fromisoformat(d["opens_at"]),
                           due_at=datetime.fromisoformat(d["due_at"]),
                           closes_at=datetime.fromisoformat(d["closes_at"]),
                           event_time=datetime.fromisoformat(event.time)), "event_time")


def submission(data: Mapping[str, Any]) -> None:
    try:
        RoundSubmission(id=f"{data['round_id']}:{data['school']['code']}", round_id=data["round_id"],
                        school_code=data["school"]["code"], commune_code=data["school"]["commune_code"],
                        submitted_at=datetime.fromisoformat(data["submitted_at"])).save(force_insert=True)
    except NotUniqueError:
        pass
