"""Projections (use cases): the service's copies of other services' records, kept from their events.

- Directory users and schools (who receives e-mail for a unit; which schools a round expects): the highest
  ``version`` wins.
- Catalogue thresholds (for indicator alerts): the highest catalogue version per province wins.
- Rounds: the event that happened last wins (an extension or reopening carries the new dates).
- Submissions: noted once per (round, school); a revision implies a submission too.

Each is idempotent and order-safe: the repositories (:mod:`notifications.adapters.projections`) accept a revision
by an insert, so the highest one wins whatever the order of delivery and however many consumers write at once.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping

from edu71.contracts import Event
from notifications.adapters.documents import Catalogue, DirectorySchool, DirectoryUser, KnownRound, RoundSubmission
from notifications.adapters.projections import Catalogues, DirectoryUsers, Rounds, Schools, Submissions
from notifications.domain.alerts import thresholds


class Projections:
    def __init__(self, *, users: DirectoryUsers, schools: Schools, catalogues: Catalogues, rounds: Rounds,
                 submissions: Submissions):
        self.users = users
        self.schools = schools
        self.catalogues = catalogues
        self.rounds = rounds
        self.submissions = submissions

    def user(self, event: Event) -> bool:
        """UserRegistered, UserChanged; whether this revision was kept."""
        d = event.data
        unit = d["org_unit"]
        return self.users.keep(DirectoryUser(
            id=d["user_id"], version=d["version"], name=d["name"], email=d["email"], role=d["role"],
            org_unit=unit["code"], org_unit_kind=unit["kind"], commune_code=unit.get("commune_code"),
            province_code=unit.get("province_code"), active=d["active"]))

    def school(self, event: Event) -> bool:
        """SchoolRegistered, SchoolChanged; whether this revision was kept."""
        d = event.data
        s = d["school"]
        return self.schools.keep(DirectorySchool(
            id=s["code"], version=d["version"], name=s["name"], commune_code=s["commune_code"],
            province_code=s["province_code"], level=s["level"], active=d["active"]))

    def catalogue(self, event: Event) -> bool:
        """CataloguePublished, reduced to the alert thresholds; whether this version was kept."""
        d = event.data
        return self.catalogues.keep(Catalogue(id=d["province_code"], version=d["version"], thresholds=thresholds(d)))

    def round_opened(self, event: Event) -> bool:
        """ReportingRoundOpened (also an extension or a reopening); whether it is the latest held."""
        d = event.data
        return self.rounds.keep(KnownRound(
            id=d["round_id"], name=d["name"], province_code=d["province_code"],
            school_levels=list(d["school_levels"]), opens_at=datetime.fromisoformat(d["opens_at"]),
            due_at=datetime.fromisoformat(d["due_at"]), closes_at=datetime.fromisoformat(d["closes_at"]),
            event_time=datetime.fromisoformat(event.time)))

    def submission(self, data: Mapping[str, Any]) -> bool:
        """An IndicatorSubmitted/IndicatorRevised payload: the school has submitted for the round."""
        return self.submissions.add(RoundSubmission(
            id=f"{data['round_id']}:{data['school']['code']}", round_id=data["round_id"],
            school_code=data["school"]["code"], commune_code=data["school"]["commune_code"],
            submitted_at=datetime.fromisoformat(data["submitted_at"])))
