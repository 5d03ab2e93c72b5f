"""The provinces' indicator catalogues as the plans service keeps them (fed by CataloguePublished, never fetched).

The worker's :func:`keep` stores each province's catalogue of the highest version
(:func:`edu71.projections.keep_latest`); the API reads it by ``_id``
(:func:`current`) to check and name a plan's targets.

A new version may drop an indicator or change it so that a stored plan's linked target no longer fits:
:func:`recheck` flags those targets (``Target.catalogue_issue``, :func:`plans.domain.catalogue.catalogue_issues`)
and clears the flags the new version resolves, each plan changed by an insert of its next version
(``save_with_events``), only when its flags differ — so a replayed CataloguePublished changes nothing; once
a version's recheck is done a marker is inserted for it, and a redelivery reads no plan.
"""
from __future__ import annotations

import logging

from edu71.bus.outbox import StaleDocument, load
from edu71.contracts import Event
from pymongo.errors import DuplicateKeyError
from edu71.projections import keep_latest
from plans.adapters import lists as plan_lists
from plans.adapters.documents import KnownCatalogue, Plan
from plans.domain.catalogue import CatalogueView, catalogue_issues

log = logging.getLogger(__name__)

#: Attempts to flag one plan that its school keeps changing meanwhile (each attempt re-reads it).
ATTEMPTS = 5
#: One marker per (province, version) whose recheck finished: inserted, never updated.
RECHECKED = "catalogue_rechecks"


def keep(event: Event) -> bool:
    """CataloguePublished: store the province's catalogue unless a newer version is held, and recheck the
    province's plans against it when it is the latest; whether it was stored."""
    d = event.data
    stored = keep_latest(KnownCatalogue(id=d["province_code"], version=d["version"],
                                        published_at=d.get("published_at", ""), indicators=list(d["indicators"])))
    latest = KnownCatalogue._get_collection().find_one({"_id": d["province_code"]}, {"version": 1})
    marker = f"{d['province_code']}:{d['version']}"
    rechecks = KnownCatalogue._get_db()[RECHECKED]
    # Rechecked on a redelivery too when a worker died between storing the catalogue and finishing the recheck.
    if latest is not None and latest["version"] == d["version"] and rechecks.find_one({"_id": marker}) is None:
        recheck(current(d["province_code"]))
        try:
            rechecks.insert_one({"_id": marker})
        except DuplicateKeyError:
            pass  # another consumer finished the same recheck: the flags it wrote are the same
    return stored


def current(province_code: str | None) -> CatalogueView | None:
    """The province's latest catalogue the worker has received, or ``None`` before the first."""
    if not province_code:
        return None
    raw = KnownCatalogue._get_collection().find_one({"_id": province_code})
    if raw is None:
        return None
    return CatalogueView.from_contract({"province_code": raw["_id"], "version": raw["version"],
                                        "indicators": raw.get("indicators") or []})


def recheck(catalogue: CatalogueView) -> int:
    """Flag the province's plans whose linked targets ``catalogue`` no longer fits; return how many changed.

    Reads the ids of the province's plans (a query on ``province_code``: a catalogue is published a few
    times a year, so the scan is rare), then each plan by ``_id``.
    """
    ids = [doc["_id"] for doc in Plan._get_collection().find(
        {"province_code": catalogue.province_code, "deleted_at": None}, {"_id": 1})]
    return sum(1 for pid in ids if _flag(pid, catalogue))


def _flag(plan_id: str, catalogue: CatalogueView) -> bool:
    for _ in range(ATTEMPTS):
        plan = load(Plan, plan_id)
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
            plan_lists.save(plan, expected_version=plan.doc_version)
        except StaleDocument:
            continue
        log.info("plan %s: catalogue %s version %s flagged %d target(s)", plan_id, catalogue.province_code,
                 catalogue.version, sum(1 for i in issues if i))
        return True
    log.warning("plan %s kept changing; its catalogue flags wait for the next catalogue or save", plan_id)
    return False
