"""The service's own projections of other services' events, each idempotent and order-safe.

- Directory users: the highest ``version`` wins (events of one user share a key, so they arrive in
  order; an older redelivery is ignored by the version check). Schools are kept the same way by
  :meth:`edu71.projections.DirectorySchool.keep`.
- Catalogue thresholds: the highest catalogue version per province wins.
- Rounds: the event that happened last wins (an extension or reopening carries the new dates).
- Submissions: inserted once per (round, school); a revision implies a submission too.

Each is a read by ``_id`` then a write by ``_id`` (:func:`edu71.projections.is_newer` says why).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping

from mongoengine import NotUniqueError

from edu71.contracts import Event
from edu71.projections import is_newer
from notifications.adapters.documents import (
    Catalogue,
    DirectoryUser,
    KnownRound,
    RoundSubmission,
)
from notifications.domain.alerts import thresholds


def user(event: Event) -> None:
    d = event.data
    if not is_newer(DirectoryUser, d["user_id"], d["version"]):
        return
    unit = d["org_unit"]
    DirectoryUser(id=d["user_id"], version=d["version"], name=d["name"], email=d["email"], role=d["role"],
                  org_unit=unit["code"], org_unit_kind=unit["kind"], commune_code=unit.get("commune_code"),
                  province_code=unit.get("province_code"), active=d["active"]).save()


def catalogue(event: Event) -> None:
    d = event.data
    if is_newer(Catalogue, d["province_code"], d["version"]):
        Catalogue(id=d["province_code"], version=d["version"], thresholds=thresholds(d)).save()


def round_opened(event: Event) -> None:
    d = event.data
    at = datetime.fromisoformat(event.time)
    current = KnownRound._get_collection().find_one({"_id": d["round_id"]}, {"event_time": 1})
    if current is not None and current["event_time"] > at:  # the client is tz-aware
        return
    KnownRound(id=d["round_id"], name=d["name"], province_code=d["province_code"],
                   school_levels=list(d["school_levels"]), opens_at=datetime.fromisoformat(d["opens_at"]),
                   due_at=datetime.fromisoformat(d["due_at"]), closes_at=datetime.fromisoformat(d["closes_at"]),
                   event_time=at).save()


def submission(data: Mapping[str, Any]) -> None:
    try:
        RoundSubmission(id=f"{data['round_id']}:{data['school']['code']}", round_id=data["round_id"],
                        school_code=data["school"]["code"], commune_code=data["school"]["commune_code"],
                        submitted_at=datetime.fromisoformat(data["submitted_at"])).save(force_insert=True)
    except NotUniqueError:
        pass
