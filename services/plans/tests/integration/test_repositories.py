"""The repositories' contract, run against the real store and against the in-memory ones the use-case tests use.

Whatever passes here may stand in for the store in a use-case test: the same answers, the same refusals.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone

import pytest

from edu71.bus.outbox import StaleDocument
from edu71.config import REPO_ROOT
from edu71.contracts import Contracts

NOW = datetime(2026, 11, 2, 3, 4, 5, tzinfo=timezone.utc)


@pytest.fixture(params=["store", "memory"])
def kind(request):
    if request.param == "store":
        from plans.app import create_app

        request.getfixturevalue("fresh_databases")
        create_app()  # connects to this test's fresh databases
    return request.param


@pytest.fixture
def plans(kind):
    from plans.adapters.plans import InMemoryPlans, Plans

    return Plans() if kind == "store" else InMemoryPlans()


@pytest.fixture
def originals(kind):
    from plans.adapters.originals import InMemoryOriginals, Originals

    return Originals() if kind == "store" else InMemoryOriginals()


@pytest.fixture
def catalogues(kind):
    from plans.adapters.catalogues import InMemoryKnownCatalogues, KnownCatalogues

    return KnownCatalogues() if kind == "store" else InMemoryKnownCatalogues()


def new_plan(school="THCS1", province="31", title="Kế hoạch 71", **given):
    from plans.adapters.documents import Plan, Target

    return Plan(**given, owner_kind="school", school_code=school, school_name="Trường THCS 1", school_level="thcs",
                commune_code="10744", province_code=province, title=title, year=2026, created_by="u1",
                targets=[Target(text="Bỏ học dưới 0,5%", comparator="<=", value=0.5, unit="%",
                                horizon=date(2026, 12, 31), indicator_code="DROPOUT")],
                updated_at=NOW)


def submitted(plan):
    event = Contracts(REPO_ROOT / "contracts").new_event("PlanSubmitted", {
        "plan_id": plan.id, "version": 1, "issuer": plan.owner.as_contract(), "school": plan.school_contract(),
        "number_symbol": "1/KH", "title": plan.title, "year": plan.year,
        "submitted_by": {"user_id": "u1", "name": "Cán bộ", "role": "school", "org_unit": "THCS1"},
        "submitted_at": "2026-11-02T03:04:05+00:00", "targets": [t.as_contract() for t in plan.targets]},
        subject=plan.owner.code, source="/edu71/plans")
    return event


def test_a_plan_reads_back_as_written_and_a_second_first_one_is_refused(plans):
    from mongoengine import NotUniqueError

    assert plans.get("nope") is None
    plan = new_plan()
    saved = plans.save(plan)
    assert saved.doc_version == 1
    read = plans.get(plan.id)
    assert (read.doc_version, read.title, read.owner.code, read.status) == (1, "Kế hoạch 71", "THCS1", "draft")
    assert read.targets[0].horizon == date(2026, 12, 31) and read.targets[0].value == 0.5

    again = new_plan(title="Khác", id=plan.id)
    with pytest.raises(NotUniqueError):
        plans.save(again)
    assert plans.get(plan.id).title == "Kế hoạch 71"


def test_a_change_made_from_an_old_version_is_refused_and_nothing_is_written(plans):
    plan = new_plan()
    plans.save(plan)
    first, second = plans.get(plan.id), plans.get(plan.id)
    first.title = "Lần một"
    plans.save(first)
    second.title = "Lần hai"
    with pytest.raises(StaleDocument):
        plans.save(second)
    current = plans.get(plan.id)
    with pytest.raises(StaleDocument):
        plans.save(current, expected_version=1)
    assert plans.get(plan.id).title == "Lần một" and plans.get(plan.id).doc_version == 2
    assert len(plans.history(plan.id)) == 2


def test_the_history_has_every_change_with_its_state_and_events_and_each_version_reads_as_it_was(plans):
    plan = new_plan()
    plans.save(plan)
    plan = plans.get(plan.id)
    plan.status, plan.version, plan.number_symbol = "submitted", 1, "1/KH"
    event = submitted(plan)
    plans.save(plan, event)
    plan = plans.get(plan.id)
    plan.targets[0].value = 0.4
    plans.save(plan)

    changes = plans.history(plan.id)
    assert [c.version for c in changes] == [1, 2, 3]
    assert [[e.name for e in c.events] for c in changes] == [[], ["PlanSubmitted"], []]
    assert changes[1].events[0].id == event.id and changes[1].events[0].data == event.data
    assert all(isinstance(c.at, datetime) for c in changes)
    assert changes[1].state["status"] == "submitted"
    as_submitted = changes[1].plan()
    assert (as_submitted.doc_version, as_submitted.targets[0].value, as_submitted.number_symbol) == (2, 0.5, "1/KH")
    assert plans.get(plan.id).targets[0].value == 0.4
    assert plans.history("nope") == []


def test_a_provinces_plans_are_found_by_id_and_deleted_ones_are_not(plans):
    kept, deleted, elsewhere = new_plan("S1"), new_plan("S2"), new_plan("S3", province="79")
    for plan in (kept, deleted, elsewhere):
        plans.save(plan)
    gone = plans.get(deleted.id)
    gone.deleted_at = NOW
    plans.save(gone)
    assert plans.get(deleted.id).deleted_at is not None  # still read by id: the history stays
    assert plans.ids_in_province("31") == [kept.id]
    assert plans.ids_in_province("01") == []


def test_an_original_is_kept_beside_the_earlier_ones_with_its_checksum(originals):
    first = originals.keep(b"Ke hoach 1", "ke-hoach.txt", "text", "THCS1")
    second = originals.keep(b"Ke hoach 2", "ke-hoach.txt", "text", "THCS1")
    assert first.file_id != second.file_id
    assert (first.sha256, first.filename, first.kind) == (hashlib.sha256(b"Ke hoach 1").hexdigest(),
                                                         "ke-hoach.txt", "text")
    assert originals.read(first.file_id) == b"Ke hoach 1" and originals.read(second.file_id) == b"Ke hoach 2"


def test_the_highest_catalogue_version_wins_whatever_the_order_and_rechecks_are_marked_once(catalogues):
    indicators = [{"code": "DROPOUT", "name": "Tỷ lệ học sinh bỏ học", "value_type": "ratio", "unit": "%",
                   "school_levels": ["thcs"], "direction": "lower"}]
    assert catalogues.get("31") is None and catalogues.latest_version("31") is None
    assert catalogues.keep("31", 2, "2026-11-02T03:04:05+00:00", indicators)
    assert not catalogues.keep("31", 1, "", [])
    assert not catalogues.keep("31", 2, "", [])
    view = catalogues.get("31")
    assert (view.province_code, view.version, catalogues.latest_version("31")) == ("31", 2, 2)
    assert "DROPOUT" in view and view.name_of("DROPOUT") == "Tỷ lệ học sinh bỏ học"
    assert catalogues.get("79") is None

    assert not catalogues.rechecked("31", 2)
    catalogues.mark_rechecked("31", 2)
    catalogues.mark_rechecked("31", 2)  # a second consumer finishing the same recheck
    assert catalogues.rechecked("31", 2) and not catalogues.rechecked("31", 1)
