"""The provinces' indicator catalogues as the plans service keeps them (fed by CataloguePublished, never fetched).

The worker's :meth:`CatalogueService.keep` stores each province's catalogue of the highest version
(the repository keeps the latest, ``adapters/catalogues.py``); the API reads it by ``_id``
(:meth:`CatalogueService.current`) to check and name a plan's targets.

A new version may drop an indicator or change it so that a stored plan's linked target no longer fits:
:meth:`CatalogueService.recheck` flags those targets (``Target.catalogue_issue``,
:func:`plans.domain.catalogue.catalogue_issues`) and clears the flags the new version resolves, each plan
changed by its next version (``Plans.save``), only when its flags differ — so a replayed CataloguePublished
changes nothing; once a version's recheck is done a marker is kept for it, and a redelivery reads no plan.
"""
from __future__ import annotations

import logging

from edu71.bus.outbox import StaleDocument
from edu71.contracts import Event
from plans.domain.catalogue import CatalogueView, catalogue_issues

log = logging.getLogger(__name__)

#: Attempts to flag one plan that its school keeps changing meanwhile (each attempt re-reads it).
ATTEMPTS = 5


class CatalogueService:
    def __init__(self, store, plans):
        #: The provinces' latest catalogues and the recheck markers (adapters.catalogues).
        self.store = store
        #: The plans a new catalogue rechecks (adapters.plans).
        self.plans = plans

    def keep(self, event: Event) -> bool:
        """CataloguePublished: store the province's catalogue unless a newer version is held, and recheck the
        province's plans against it when it is the latest; whether it was stored."""
        d = event.data
        province, version = d["province_code"], d["version"]
        stored = self.store.keep(province, version, d.get("published_at", ""), list(d["indicators"]))
        # Rechecked on a redelivery too when a worker died between storing the catalogue and finishing the recheck.
        if self.store.latest_version(province) == version and not self.store.rechecked(province, version):
            self.recheck(self.current(province))
            self.store.mark_rechecked(province, version)
        return stored

    def current(self, province_code: str | None) -> CatalogueView | None:
        """The province's latest catalogue the worker has received, or ``None`` before the first."""
        return self.store.get(province_code) if province_code else None

    def recheck(self, catalogue: CatalogueView) -> int:
        """Flag the province's plans whose linked targets ``catalogue`` no longer fits; return how many changed.

        Reads the ids of the province's plans (a catalogue is published a few times a year, so the query is
        rare), then each plan by ``_id``.
        """
        ids = self.plans.ids_in_province(catalogue.province_code)
        return sum(1 for pid in ids if self._flag(pid, catalogue))

    def _flag(self, plan_id: str, catalogue: CatalogueView) -> bool:
        for _ in range(ATTEMPTS):
            plan = self.plans.get(plan_id)
            if plan is None or plan.deleted_at is not None:
                return False
            rows = [{"indicator_code": t.indicator_code, "unlinked": t.unlinked, "value": t.value, "unit": t.unit,
                     "indicator_name": t.indicator_name} for t in plan.targets]
            issues = catalogue_issues(rows, catalogue)
            if [t.catalogue_issue for t in plan.targets] == issues:
                return False
            for target, issue in zip(plan.targets, issues):
                target.catalogue_issue = issue
            try:
                self.plans.save(plan, expected_version=plan.doc_version)
            except StaleDocument:
                continue
            log.info("plan %s: catalogue %s version %s flagged %d target(s)", plan_id, catalogue.province_code,
                     catalogue.version, sum(1 for i in issues if i))
            return True
        log.warning("plan %s kept changing; its catalogue flags wait for the next catalogue or save", plan_id)
        return False
