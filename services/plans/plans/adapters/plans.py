"""Where plans are kept: in the store, or in memory for the use-case tests.

:class:`Plans` keeps each plan as a versioned aggregate (edu71.store.versioned: every change is one inserted
change document carrying the plan as of that change and the events it causes; the head is a copy);
:class:`InMemoryPlans` keeps the same changes in a dict. Both pass the same contract suite
(tests/integration/test_repositories.py).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from mongoengine import NotUniqueError

from edu71.bus.outbox import StaleDocument, history, load, save_with_events
from edu71.contracts import Event
from plans.adapters import lists
from plans.adapters.documents import Plan


@dataclass(frozen=True)
class PlanChange:
    """One stored change of a plan: its version, when it was made, the plan as of it and the events it caused."""

    version: int
    at: datetime
    state: dict[str, Any]
    events: list[Event]

    def plan(self) -> Plan:
        """The plan exactly as this change left it (a submitted version never changes afterwards)."""
        return Plan._from_son({**copy.deepcopy(self.state), "_v": self.version})


class Plans:
    def get(self, plan_id: str) -> Plan | None:
        """The plan's current state (a deleted draft too: its ``deleted_at`` says so), or ``None``."""
        return load(Plan, plan_id)

    def save(self, plan: Plan, *events: Event, expected_version: int | None = None) -> Plan:
        """Store the plan's new state with its events: :class:`StaleDocument` if another change came first,
        :class:`NotUniqueError` if a new plan's id is taken (nothing written either way); then list it
        (:mod:`plans.adapters.lists`: its school's, commune's and province's lists)."""
        saved = save_with_events(plan, *events, expected_version=expected_version)
        lists.record(saved)
        return saved

    def page(self, restriction: dict[str, Any], page: int, page_size: int) -> tuple[int, list[Plan]]:
        """How many plans match ``restriction`` and one page of them, most recently changed first: from the
        narrowest list the restriction names, or, for an administrator's list naming no unit, from every
        province's list read together (:mod:`plans.adapters.lists`), never from the collection."""
        return lists.page(restriction, page, page_size)

    def history(self, plan_id: str) -> list[PlanChange]:
        """Every change of the plan, oldest first."""
        return [PlanChange(c["version"], c["at"], c["state"], c["events"]) for c in history(Plan, plan_id)]

    def ids_in_province(self, province_code: str) -> list[str]:
        """The ids of the province's plans not deleted (a query on ``province_code``: only a new catalogue,
        a few times a year, reads it)."""
        return [doc["_id"] for doc in Plan._get_collection().find(
            {"province_code": province_code, "deleted_at": None}, {"_id": 1})]


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class InMemoryPlans:
    """Plans in a dict, for use-case tests: the same contract as :class:`Plans`, no I/O."""

    def __init__(self, clock: Callable[[], datetime] = _utc_now):
        self.clock = clock
        self.changes: dict[str, list[PlanChange]] = {}

    def get(self, plan_id: str) -> Plan | None:
        changes = self.changes.get(plan_id)
        if not changes:
            return None
        plan = changes[-1].plan()
        plan._created = False
        return plan

    def save(self, plan: Plan, *events: Event, expected_version: int | None = None) -> Plan:
        plan.validate()
        new = plan._created
        base = 0 if new else (plan.doc_version if expected_version is None else expected_version)
        changes = self.changes.setdefault(plan.id, [])
        if len(changes) != base:
            if new:
                raise NotUniqueError(f"plan {plan.id} already exists")
            raise StaleDocument(f"plan {plan.id} is no longer at version {base}")
        state = copy.deepcopy(plan.to_mongo().to_dict())
        state.pop("_v", None)
        changes.append(PlanChange(base + 1, self.clock(), state, list(events)))
        plan.doc_version, plan._created = base + 1, False
        return plan

    def history(self, plan_id: str) -> list[PlanChange]:
        return list(self.changes.get(plan_id, []))

    def page(self, restriction: dict[str, Any], page: int, page_size: int) -> tuple[int, list[Plan]]:
        found = sorted((p for p in map(self.get, self.changes) if p is not None and p.deleted_at is None
                        and all(p[key] == value for key, value in restriction.items())),
                       key=lambda p: p.updated_at, reverse=True)
        return len(found), found[(page - 1) * page_size:page * page_size]

    def ids_in_province(self, province_code: str) -> list[str]:
        return [pid for pid, changes in self.changes.items()
                if changes[-1].state.get("province_code") == province_code
                and changes[-1].state.get("deleted_at") is None]

    def events(self, plan_id: str) -> list[Event]:
        """Every event the plan's changes carried, in order (what the relay would publish)."""
        return [e for change in self.changes.get(plan_id, []) for e in change.events]
