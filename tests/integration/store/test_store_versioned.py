"""Contract of the versioned-aggregate store (:mod:`edu71.store.versioned`) on the real store: each change
is one insert with its events, a version is written once, the head ends on the latest version, the
history and the outbox queue hold what was written."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from mongoengine import DictField, IntField, NotUniqueError, StringField
from mongoengine.base import BaseField

from edu71.contracts import Event
from edu71.store import blob
from edu71.store.versioned import (
    HINTS,
    StaleDocument,
    UnstorableDocument,
    VersionedDocument,
    change_id,
    history,
    latest,
    load,
    pending_events,
    recorded_events,
    repair_head,
    save_with_events,
    state_at,
    write_head,
)

pytestmark = pytest.mark.integration


class StoreContractCounter(VersionedDocument):
    meta = {"collection": "counters", "db_alias": "store_contract"}

    id = StringField(primary_key=True)
    title = StringField()
    n = IntField(default=0)


class _Whole(BaseField):
    """A mapping stored as it is, read back from a head's blob (as the indicators' ``Plain``)."""

    def to_python(self, value):
        return blob.unpack(value) if isinstance(value, bytes) else value


class StoreContractReport(VersionedDocument):
    meta = {"collection": "reports", "db_alias": "store_contract"}
    head_blobs = ("figures",)

    id = StringField(primary_key=True)
    school = StringField()
    figures = _Whole(default=dict)
    notes = DictField()


def _event(n: int) -> Event:
    return Event(id=f"ev-{n}", type="vn.edu71.Counted.v1", source="/edu71/tests", subject="c",
                 time="2026-03-01T08:00:00Z", data={"n": n}, dataschema="urn:test", partitionkey="c")


def test_each_change_is_a_version_with_its_events_and_the_head_shows_the_latest(store_db):
    doc = save_with_events(StoreContractCounter(id="c", title="một", n=1), _event(1))
    assert doc.doc_version == 1
    doc.n = 2
    save_with_events(doc, _event(2))
    head = load(StoreContractCounter, "c")
    assert (head.doc_version, head.n, head.title) == (2, 2, "một")
    assert [(c["version"], c["state"]["n"]) for c in history(StoreContractCounter, "c")] == [(1, 1), (2, 2)]
    assert [e.id for e in recorded_events(StoreContractCounter, "c")] == ["ev-1", "ev-2"]
    assert state_at(StoreContractCounter, "c", 1)["n"] == 1 and state_at(StoreContractCounter, "c", 3) is None
    queued = {h["_id"]: h for h in store_db[HINTS].find()}
    assert set(queued) == {change_id("c", 1), change_id("c", 2)}
    assert [e["id"] for e in blob.unpack(queued[change_id("c", 2)]["events"])] == ["ev-2"]
    assert queued[change_id("c", 2)]["events"].startswith(blob.COMPRESSED)  # every read of the queue decodes it
    assert [e.id for e in pending_events(StoreContractCounter, "c")] == ["ev-1", "ev-2"]


def test_a_version_is_written_once_and_nothing_of_the_loser_is_kept(store_db):
    save_with_events(StoreContractCounter(id="c", n=1))
    with pytest.raises(NotUniqueError):
        save_with_events(StoreContractCounter(id="c", n=99))
    first, second = load(StoreContractCounter, "c"), load(StoreContractCounter, "c")
    first.n = 2
    save_with_events(first)
    second.n = 3
    with pytest.raises(StaleDocument):
        save_with_events(second, _event(3))
    assert load(StoreContractCounter, "c").n == 2
    assert [c["state"]["n"] for c in history(StoreContractCounter, "c")] == [1, 2]
    assert store_db[HINTS].count_documents({}) == 0  # the loser's event was never queued


def test_a_first_version_whose_writer_died_before_its_head_is_found_by_the_next_creator(store_db):
    save_with_events(StoreContractCounter(id="c", n=1))
    store_db["counters"].delete_one({"_id": "c"})   # killed between the change and the head
    assert load(StoreContractCounter, "c") is None

    with pytest.raises(NotUniqueError):
        save_with_events(StoreContractCounter(id="c", n=5))

    found = load(StoreContractCounter, "c")
    assert (found.doc_version, found.n) == (1, 1)
    found.n = 6
    save_with_events(found)
    assert [c["state"]["n"] for c in history(StoreContractCounter, "c")] == [1, 6]


def test_a_lagging_head_is_repaired_from_the_changes(store_db):
    doc = save_with_events(StoreContractCounter(id="c", n=1))
    doc.n = 2
    save_with_events(doc)
    # What a writer that died between its change and its head leaves behind.
    store_db["counters"].replace_one({"_id": "c"}, {"_id": "c", "n": 1, "_v": 1})
    assert repair_head(StoreContractCounter, "c") == 2
    assert load(StoreContractCounter, "c").n == 2


def test_a_head_left_behind_on_purpose_is_seen_through_and_never_moved_back(store_db):
    """A writer that saves without the head (``head=False``) loses nothing: its events are queued,
    :func:`latest` reads the versions after the head (and brings the head up), and a head written
    later for an older version does not move it back."""
    assert latest(StoreContractCounter, "c") is None
    doc = save_with_events(StoreContractCounter(id="c", n=1), _event(1), head=False)
    assert load(StoreContractCounter, "c") is None
    assert (latest(StoreContractCounter, "c").doc_version, latest(StoreContractCounter, "c").n) == (1, 1)
    for n in (2, 3):
        doc.n = n
        save_with_events(doc, _event(n), head=False)
    assert load(StoreContractCounter, "c").doc_version == 1
    found = latest(StoreContractCounter, "c")
    assert (found.doc_version, found.n) == (3, 3)
    assert (load(StoreContractCounter, "c").doc_version, load(StoreContractCounter, "c").n) == (3, 3)
    assert {h["_id"] for h in store_db[HINTS].find()} == {change_id("c", v) for v in (1, 2, 3)}
    found.n = 4
    save_with_events(found, head=False)
    write_head(found)
    stale = history(StoreContractCounter, "c")[1]["state"]
    older = StoreContractCounter._from_son({**stale, "_v": 2})
    write_head(older)
    assert (load(StoreContractCounter, "c").doc_version, load(StoreContractCounter, "c").n) == (4, 4)


def test_concurrent_writers_make_contiguous_versions_and_lose_none(store_db, threads):
    """8 writers each add 15 increments to one aggregate, reloading when another got there first. An update
    operator would lose increments; here every increment is a version, and the head, a cache that two
    racing writers may leave a version behind, is brought to the last by a repair (the relay's sweep)."""
    save_with_events(StoreContractCounter(id="c", n=0))

    def increment(i: int) -> None:
        done = 0
        while done < 15:
            doc = load(StoreContractCounter, "c")
            doc.n += 1
            try:
                save_with_events(doc, _event(doc.n), expected_version=doc.doc_version)
            except StaleDocument:
                continue
            done += 1

    assert threads(8, increment) == []
    changes = history(StoreContractCounter, "c")
    assert [c["version"] for c in changes] == list(range(1, 122))
    assert [c["state"]["n"] for c in changes] == list(range(0, 121))
    assert repair_head(StoreContractCounter, "c") == 121
    head = store_db["counters"].find_one({"_id": "c"})
    assert (head["_v"], head["n"]) == (121, 120)


def test_states_come_back_as_they_were_stored(store_db):
    at = datetime(2026, 3, 1, 8, 0, 0, 123000, tzinfo=timezone.utc)
    save_with_events(StoreContractCounter(id="c", title="Trường THCS Lê Lợi", n=1), _event(1))
    change = store_db["counters_changes"].find_one({"_id": change_id("c", 1)})
    assert isinstance(change["state"], bytes) and isinstance(change["events"], bytes)
    assert history(StoreContractCounter, "c")[0]["state"]["title"] == "Trường THCS Lê Lợi"
    assert blob.unpack(blob.pack({"at": at}))["at"] == at


def test_a_head_keeps_its_blob_fields_as_blobs_and_reads_them_back(store_db):
    at = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
    figures = {"values": [{"indicator_code": "CLASSES", "value": 12}], "by": {"at": at}}
    save_with_events(StoreContractReport(id="r", school="THCS Lê Lợi", figures=figures, notes={"a": 1}), _event(1))
    head = store_db["reports"].find_one({"_id": "r"})
    assert isinstance(head["figures"], bytes) and head["notes"] == {"a": 1} and head["school"] == "THCS Lê Lợi"
    assert load(StoreContractReport, "r").figures == figures
    # The change's state holds the field as it is: the trail and the sweep read it without the head.
    assert state_at(StoreContractReport, "r", 1)["figures"]["values"] == figures["values"]
    store_db["reports"].delete_one({"_id": "r"})
    assert repair_head(StoreContractReport, "r") == 1
    assert isinstance(store_db["reports"].find_one({"_id": "r"})["figures"], bytes)
    assert load(StoreContractReport, "r").figures == figures


@pytest.mark.parametrize("notes, where", [
    ({"a.b": 1}, "notes"),
    ({"x": [1, {"ok": [{"$set": 1}]}]}, "notes.x.1.ok.0"),
    ({"x": {"a\x00b": 1}}, "notes.x"),
])
def test_a_refused_key_is_named_and_nothing_is_written(store_db, notes, where):
    report = StoreContractReport(id="r", school="THCS Lê Lợi")
    report.notes = notes  # past mongoengine's own checks, as a domain's mapping would be
    with pytest.raises(UnstorableDocument) as refused:
        save_with_events(report, _event(1))
    assert refused.value.args[0].endswith(f"at {where} cannot be stored")
    assert store_db["reports_changes"].count_documents({}) == 0 and store_db["reports"].count_documents({}) == 0
    assert store_db[HINTS].count_documents({}) == 0
