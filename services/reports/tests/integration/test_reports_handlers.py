"""The reports handlers against the real store: duplicates, stale revisions, re-delivery, races."""
from __future__ import annotations

import dataclasses
import threading
from types import SimpleNamespace

import pytest

from ..support import SCHOOLS, count, level, ratio

pytestmark = pytest.mark.integration


def rows(collection: str, **match) -> list[SimpleNamespace]:
    """The source rows the handlers stored in ``collection``, as the projector reads them."""
    from mongoengine.connection import get_db

    from reports.adapters.documents import ALIAS
    from reports.adapters.projection import unpack

    return [SimpleNamespace(**unpack(collection, d)) for d in get_db(ALIAS)[collection].find(match)]


def stored(round_id, school):
    """The latest stored revision of the school's values (what every reader sees)."""
    return max(rows("school_round_values", round_id=round_id, school_code=school.code), key=lambda r: r.revision)


def versions(round_id, school):
    return sorted(r.revision for r in rows("school_round_values", round_id=round_id, school_code=school.code))


def test_submission_is_projected_with_its_school_and_revision(reports_settings, events, round_id):
    from ..support import consume

    school = SCHOOLS["thcs_hcm"]
    event = events.values(school, 1, [ratio("TEACHERS_QUALIFIED", 29, 30), level("PCGD_LEVEL", 3)], round_id=round_id)
    assert consume(event) is True
    doc = stored(round_id, school)
    assert (doc.revision, doc.event_id, doc.event_type) == (1, event.id, "IndicatorSubmitted")
    assert (doc.school_name, doc.commune_code, doc.province_code, doc.school_level) == (
        "Trường THCS Thị Trấn 2", "27496", "79", "thcs")
    assert doc.values["TEACHERS_QUALIFIED"]["numerator"] == 29
    assert doc.recorded_at is not None


def test_revision_replaces_the_values_and_an_older_one_never_comes_back(reports_settings, events, round_id):
    from ..support import consume

    school = SCHOOLS["thcs_hp"]
    first = events.values(school, 1, [ratio("TEACHERS_QUALIFIED", 20, 30), count("SMART_CLASSROOMS", 0)],
                          round_id=round_id)
    second = events.values(school, 2, [ratio("TEACHERS_QUALIFIED", 28, 30)], round_id=round_id)
    assert consume(first) is True
    assert consume(second) is True
    doc = stored(round_id, school)
    assert doc.revision == 2 and doc.event_id == second.id
    assert set(doc.values) == {"TEACHERS_QUALIFIED"}  # the full set of revision 2 replaces revision 1's
    assert versions(round_id, school) == [1, 2]  # history is kept; readers take the highest
    # Revision 1 re-delivered late: ignored.
    assert consume(first) is False
    doc = stored(round_id, school)
    assert doc.revision == 2 and doc.values["TEACHERS_QUALIFIED"]["numerator"] == 28


def test_older_revision_arriving_first_is_overtaken(reports_settings, events, round_id):
    from ..support import consume

    school = SCHOOLS["th_hp"]
    r3 = events.values(school, 3, [ratio("TEACHERS_QUALIFIED", 30, 30)], round_id=round_id)
    r2 = events.values(school, 2, [ratio("TEACHERS_QUALIFIED", 25, 30)], round_id=round_id)
    assert consume(r3) is True
    assert consume(r2) is True  # kept as history…
    assert versions(round_id, school) == [2, 3]
    assert stored(round_id, school).revision == 3  # …but never what a reader sees


def test_redelivery_of_the_same_event_changes_nothing(reports_settings, events, round_id):
    from ..support import consume

    school = SCHOOLS["thcs_hp2"]
    event = events.values(school, 1, [ratio("TEACHERS_QUALIFIED", 10, 12)], round_id=round_id)
    assert consume(event) is True
    before = rows("school_round_values", round_id=round_id)
    for _ in range(3):
        assert consume(event) is False
    assert rows("school_round_values", round_id=round_id) == before and len(before) == 1


def test_same_revision_from_another_event_does_not_overwrite(reports_settings, events, round_id):
    from ..support import consume

    school = SCHOOLS["thcs_hp2"]
    original = events.values(school, 2, [ratio("TEACHERS_QUALIFIED", 10, 12)], round_id=round_id)
    other = events.values(school, 2, [ratio("TEACHERS_QUALIFIED", 1, 12)], round_id=round_id)
    consume(original)
    assert consume(other) is False
    assert stored(round_id, school).event_id == original.id


def test_concurrent_first_inserts_settle_on_the_highest_revision(reports_settings, events, round_id):
    """Consumers racing on one school (as during a rebalance): the highest revision wins, whatever the interleaving.

    The store does not isolate conditional updates, which is why the projection inserts versions instead.
    """
    from ..support import consume

    school = SCHOOLS["thcs_hp"]
    revs = [events.values(school, r, [ratio("TEACHERS_QUALIFIED", r, 30)], round_id=round_id) for r in (1, 2, 3)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def apply(event):
        try:
            barrier.wait(5)
            consume(event)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=apply, args=(e,)) for e in revs + revs[::-1]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    doc = stored(round_id, school)
    assert doc.revision == 3 and doc.values["TEACHERS_QUALIFIED"]["numerator"] == 3
    assert versions(round_id, school).count(3) == 1  # a revision is stored once, whatever the race
    assert consume(revs[1]) is False


def test_round_is_stored_and_an_older_round_event_never_overwrites_a_newer_one(reports_settings, events, round_id):
    from ..support import consume

    opened = events.round_opened(round_id, due_at="2026-01-15T17:00:00+07:00")
    reopened = events.round_opened(round_id, due_at="2026-02-01T17:00:00+07:00", reopened=True)
    # Make the envelope times unambiguous regardless of how fast the two were built.
    opened = dataclasses.replace(opened, time="2026-01-01T00:00:00.000Z")
    reopened = dataclasses.replace(reopened, time="2026-01-20T00:00:00.000Z")
    assert consume(opened) is True
    assert consume(reopened) is True
    assert consume(opened) is False  # late re-delivery of the first opening
    assert consume(reopened) is False  # duplicate
    openings = rows("rounds", round_id=round_id)
    assert len(openings) == 2  # both openings, each once
    rnd = max(openings, key=lambda r: r.event_time)  # the latest opening is what readers take
    assert rnd.reopened is True and rnd.event_id == reopened.id
    assert rnd.due_at.isoformat() == "2026-02-01T10:00:00+00:00"
    assert rnd.name == "Sơ kết học kỳ I năm học 2025–2026"
    assert rnd.indicator_codes == ["TEACHERS_QUALIFIED", "SMART_CLASSROOMS", "PCGD_LEVEL", "DROPOUT"]
