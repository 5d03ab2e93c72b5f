"""Contract of :class:`edu71.store.listing.ScopeIndex` on the real store: a scope lists every item put in it at
its highest revision, however many writers race, in whatever order revisions arrive, however often they are
replayed; a read costs a bounded number of ``_id`` lookups whatever the scope's history; nothing is updated.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from edu71.store.listing import ScopeIndex, body_id, checkpoint_id, entry_id

pytestmark = pytest.mark.integration

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)


def _index(store_db, every: int = 16) -> ScopeIndex:
    return ScopeIndex("lists", lambda: store_db, every=every)


def _listed(index: ScopeIndex, scope: str) -> dict:
    return {item.id: (item.rev, item.fields) for item in index.items(scope)}


class _Counting:
    """A database whose collections count the documents asked for, to see what a read costs."""

    def __init__(self, database):
        self.database, self.reads = database, 0

    def __getitem__(self, name):
        outer, coll = self, self.database[name]

        class Collection:
            def find_one(self, *args, **kwargs):
                outer.reads += 1
                return coll.find_one(*args, **kwargs)

            def __getattr__(self, attr):
                return getattr(coll, attr)

        return Collection()


def _bodies(store_db) -> list[str]:
    return sorted(d["_id"] for d in store_db["lists"].find({"items": {"$exists": True}, "upto": {"$exists": False}},
                                                            {"_id": 1}))


def test_items_are_listed_at_their_highest_revision_and_tombstones_hide_them(store_db):
    index = _index(store_db)
    index.put("plans:school:1", "p1", 1, {"status": "draft"})
    index.put("plans:school:1", "p2", 1, {"status": "draft"})
    index.put("plans:school:1", "p1", 3, {"status": "submitted"})
    index.put("plans:school:1", "p1", 2, {"status": "stale"})  # late, lower: changes nothing
    index.put("plans:school:2", "p9", 1, {"status": "draft"})
    assert _listed(index, "plans:school:1") == {"p1": (3, {"status": "submitted"}), "p2": (1, {"status": "draft"})}
    index.drop("plans:school:1", "p2", 2)
    index.put("plans:school:1", "p2", 1, {"status": "draft"})  # a replay of the older revision: still gone
    assert set(_listed(index, "plans:school:1")) == {"p1"}
    index.put("plans:school:1", "p2", 4, {"status": "draft"})  # a later revision brings it back
    assert set(_listed(index, "plans:school:1")) == {"p1", "p2"}
    assert _listed(index, "plans:school:2") == {"p9": (1, {"status": "draft"})}
    assert index.items("nobody") == []


def test_revisions_may_be_times(store_db):
    index = _index(store_db)
    index.put("inbox:u1", "n1", T0 + timedelta(hours=1), {"read": True})
    index.put("inbox:u1", "n1", T0, {"read": False})
    assert _listed(index, "inbox:u1")["n1"][1] == {"read": True}


def test_a_page_is_filtered_ordered_and_counted(store_db):
    index = _index(store_db, every=4)
    for i in range(23):
        index.put("inbox:u1", f"n{i:02d}", 1, {"at": T0 + timedelta(minutes=i), "read": i % 3 == 0})
    order = lambda item: item.fields["at"]  # noqa: E731
    total, first = index.page("inbox:u1", 1, 5, order=order, newest_first=True)
    assert total == 23 and [i.id for i in first] == ["n22", "n21", "n20", "n19", "n18"]
    total, last = index.page("inbox:u1", 5, 5, order=order, newest_first=True)
    assert [i.id for i in last] == ["n02", "n01", "n00"]
    unread, page = index.page("inbox:u1", 1, 3, where=lambda f: not f["read"], order=order)
    assert unread == 15 and [i.id for i in page] == ["n01", "n02", "n04"]
    assert index.page("inbox:u1", 9, 5) == (23, [])


def test_concurrent_writers_lose_no_item_and_leave_a_chain_without_gaps(store_db, threads):
    """8 writers (each its own index, as separate processes would be) put 40 items each into one scope at once:
    every entry lands on its own ``_id`` and all 320 items are listed, by a writer and by a fresh reader."""
    writers, each = 8, 40

    def write(i: int) -> None:
        index = _index(store_db, every=8)
        for j in range(each):
            index.put("plans:commune:1", f"w{i}-{j}", 1, {"by": i})

    assert threads(writers, write) == []
    fresh = _index(store_db, every=8)
    assert len(fresh.items("plans:commune:1")) == writers * each
    entries = sorted(d["_id"] for d in store_db["lists"].find({"i": {"$exists": True}}))
    assert entries == [entry_id("plans:commune:1", n) for n in range(1, writers * each + 1)]
    checkpoints = sorted(store_db["lists"].find({"upto": {"$exists": True}}, {"upto": 1}), key=lambda d: d["upto"])
    assert [d["_id"] for d in checkpoints] == [checkpoint_id("plans:commune:1", k)
                                               for k in range(1, len(checkpoints) + 1)]
    # However the writers raced for them, the reader left fewer entries than a checkpoint's interval to replay.
    assert writers * each - checkpoints[-1]["upto"] < 8
    # Only the last checkpoint keeps its items: every superseded body was deleted, whoever won each race.
    assert _bodies(store_db) == [body_id("plans:commune:1", len(checkpoints), checkpoints[-1]["upto"])]


def test_racing_revisions_of_one_item_end_on_the_highest(store_db, threads):
    """8 writers deliver revisions 1..20 of 5 items, each in its own random order, into one scope at once."""
    items, top = [f"p{k}" for k in range(5)], 20

    def deliver(i: int) -> None:
        index = _index(store_db, every=8)
        work = [(item, rev) for item in items for rev in range(1, top + 1)]
        random.Random(i).shuffle(work)
        for item, rev in work:
            index.put("plans:province:31", item, rev, {"rev": rev, "by": i})

    assert threads(8, deliver) == []
    listed = _listed(_index(store_db), "plans:province:31")
    assert {item: rev for item, (rev, _) in listed.items()} == {item: top for item in items}
    assert all(fields["rev"] == top for _, fields in listed.values())


def test_an_item_moves_between_scopes(store_db):
    """A status that names the queue: submitted moves a plan into the reviewer's queue, approval takes it out."""
    index = _index(store_db)
    index.put("review:1", "p1", 2, {"status": "submitted"})
    assert set(_listed(index, "review:1")) == {"p1"}
    index.drop("review:1", "p1", 3)
    index.put("approved:1", "p1", 3, {"status": "approved"})
    assert _listed(index, "review:1") == {} and set(_listed(index, "approved:1")) == {"p1"}


def test_replays_and_sync_add_nothing_once_caught_up(store_db):
    index = _index(store_db, every=4)
    for i in range(10):
        index.put("users:31", f"u{i}", 1, {"name": f"U{i}"})
    before = _listed(index, "users:31")
    for i in range(10):
        index.put("users:31", f"u{i}", 1, {"name": "replayed"})
    assert _listed(index, "users:31") == before
    # A backfill from the heads: only what the scope lacks, or holds at a lower revision, is added.
    wanted = [(f"u{i}", 1, {"name": f"U{i}"}) for i in range(10)] + [("u10", 1, {"name": "U10"}),
                                                                    ("u3", 2, {"name": "renamed"}), ("u4", 2, None)]
    assert index.sync("users:31", wanted) == 3
    assert index.sync("users:31", wanted) == 0
    listed = _listed(index, "users:31")
    assert listed["u10"] == (1, {"name": "U10"}) and listed["u3"] == (2, {"name": "renamed"}) and "u4" not in listed


def test_a_read_costs_a_bounded_number_of_lookups_whatever_the_history(store_db):
    """1,000 changes of 50 items: a reader that never saw the scope reads a few checkpoints' ``_id``s and fewer than
    ``every`` entries, not the 1,000; a reader that saw it before starts from the checkpoint it found."""
    writer = _index(store_db, every=16)
    for i in range(1000):
        writer.put("inbox:u1", f"n{i % 50}", i, {"i": i})
    counting = _Counting(store_db)
    reader = ScopeIndex("lists", lambda: counting, every=16)
    listed = {item.id: item.rev for item in reader.items("inbox:u1")}
    assert listed == {f"n{k}": 950 + k for k in range(50)}
    assert counting.reads <= 2 * 7 + 16 + 2  # log2(1000/16) doubling + halving, then the entries after it
    counting.reads = 0
    reader.items("inbox:u1")
    assert counting.reads <= 2 + 16 + 1


def test_entries_left_without_a_checkpoint_are_checkpointed_by_a_reader(store_db):
    """Writers that died before checkpointing leave a long tail; the first reader folds it into a checkpoint."""
    for n in range(1, 41):
        store_db["lists"].insert_one({"_id": entry_id("s", n), "i": f"x{n}", "r": 1, "f": {"n": n}})
    index = _index(store_db, every=16)
    assert len(index.items("s")) == 40
    checkpoint = store_db["lists"].find_one({"_id": checkpoint_id("s", 1)})
    assert checkpoint is not None and checkpoint["upto"] == 40
    index.put("s", "x41", 1, {"n": 41})
    assert store_db["lists"].find_one({"_id": entry_id("s", 41)})["i"] == "x41"
    assert len(_index(store_db).items("s")) == 41


def test_a_process_that_remembers_a_replaced_database_still_writes_a_chain_without_gaps(store_db):
    index = _index(store_db, every=4)
    for i in range(10):
        index.put("s", f"a{i}", 1, {})
    store_db.drop_collection("lists")
    index.put("s", "b", 1, {})
    assert store_db["lists"].find_one({"_id": entry_id("s", 1)})["i"] == "b"
    assert set(_listed(index, "s")) == {"b"}


def test_scopes_read_together_are_one_list_in_order_with_the_right_total(store_db):
    """A partition (here provinces) read as one list: merged in order, paged, counted; an item taken out of one
    scope before it is put in another is counted once."""
    index = _index(store_db, every=4)
    for p, province in enumerate(("31", "79", "01")):
        for i in range(7):
            index.put(f"province:{province}", f"{province}-{i}", 1, {"at": T0 + timedelta(minutes=3 * i + p),
                                                                    "odd": i % 2 == 1})
    index.drop("province:31", "31-0", 2)
    index.put("province:79", "31-0", 2, {"at": T0 + timedelta(hours=5), "odd": False})
    scopes = ["province:01", "province:31", "province:79"]
    newest = sorted(((item.fields["at"], item.id) for scope in scopes for item in index.items(scope)), reverse=True)
    total, first = index.page_across(scopes, 1, 5, order=lambda item: item.fields["at"], newest_first=True)
    assert total == 21 and [item.id for item in first] == [i for _, i in newest[:5]]
    assert first[0].id == "31-0"
    _, fifth = index.page_across(scopes, 5, 5, order=lambda item: item.fields["at"], newest_first=True)
    assert [item.id for item in fifth] == [newest[20][1]]
    odd, page = index.page_across(scopes, 1, 100, where=lambda fields: fields["odd"],
                                  order=lambda item: item.id, key="odd by id")
    assert odd == 9 and [item.id for item in page] == sorted(i for _, i in newest if int(i[3:]) % 2 == 1)


def test_a_kept_fold_costs_a_lookup_a_scope_and_still_sees_every_change(store_db):
    writer = _index(store_db, every=4)
    for i in range(30):
        writer.put(f"province:{i % 3}", f"x{i}", 1, {"n": i})
    counting = _Counting(store_db)
    reader = ScopeIndex("lists", lambda: counting, every=4, kept=10)
    scopes = [f"province:{p}" for p in range(3)]
    assert reader.page_across(scopes, 1, 5, key="all")[0] == 30
    counting.reads = 0
    total, page = reader.page_across(scopes, 1, 5, key="all")
    assert (total, [item.id for item in page]) == (30, ["x0", "x1", "x10", "x11", "x12"])
    assert counting.reads == 1 + 3  # the collection's generation, then whether an entry follows each kept fold
    # What another process writes is seen at the next read...
    writer.drop("province:0", "x0", 2)
    writer.put("province:1", "x0", 2, {"n": 0})
    writer.put("province:1", "a", 1, {"n": -1})
    writer.drop("province:2", "x2", 2)
    total, page = reader.page_across(scopes, 1, 3, key="all")
    assert (total, [item.id for item in page]) == (30, ["a", "x0", "x1"])
    # ...and a database replaced under the process is read anew, not from what it kept.
    store_db.drop_collection("lists")
    writer = _index(store_db, every=4)
    writer.put("province:0", "y", 1, {"n": 1})
    assert [item.id for item in reader.page_across(scopes, 1, 5, key="all")[1]] == ["y"]


def test_a_kept_fold_far_behind_is_read_afresh_from_the_last_checkpoint_not_entry_by_entry(store_db):
    """A process keeps a busy scope's fold and reads it again only after 1,000 changes: the read costs what a
    reader that never saw the scope pays (a few checkpoints' ``_id``s and fewer than ``every`` entries), not a
    lookup per change, and still lists every item at its highest revision."""
    writer = _index(store_db, every=16)
    writer.put("province:31|pending", "d0", 0, {"i": 0})
    counting = _Counting(store_db)
    reader = ScopeIndex("lists", lambda: counting, every=16, kept=10)
    assert reader.page_across(["province:31|pending"], 1, 5, key="all")[0] == 1
    for i in range(1, 1001):
        writer.put("province:31|pending", f"d{i % 50}", i, {"i": i})
    counting.reads = 0
    total, page = reader.page_across(["province:31|pending"], 1, 50, order=lambda item: item.id, key="all")
    assert total == 50 and {item.id: item.rev for item in page} == {f"d{k}": 950 + k if k else 1000 for k in range(50)}
    assert counting.reads <= 1 + 2 + 2 * 7 + 16 + 2  # the generation, the two probes, then as a fresh reader
    # A kept fold fewer than ``every`` entries behind is still carried on from where it was.
    for i in range(1001, 1004):
        writer.put("province:31|pending", f"d{i % 50}", i, {"i": i})
    counting.reads = 0
    total, page = reader.page_across(["province:31|pending"], 1, 50, order=lambda item: item.id, key="all")
    assert {item.id: item.rev for item in page}["d3"] == 1003
    assert counting.reads == 1 + 2 + 3 + 1  # the generation, the two probes, the three new entries, the end


def test_a_group_notes_each_member_once(store_db):
    index = _index(store_db)
    for member in ("province:79", "province:31", "province:79", "province:31"):
        index.enrol("provinces", member)
    assert index.members("provinces") == ["province:31", "province:79"]
    assert store_db["lists"].count_documents({"i": "province:79"}) == 1
    assert _index(store_db, every=4).members("provinces") == ["province:31", "province:79"]


def _newest(changes: int) -> dict[str, int]:
    """Item ``n<i % 7>`` at revision ``i`` for i < ``changes``: each item's last revision."""
    return {f"n{k}": max(i for i in range(changes) if i % 7 == k) for k in range(7)}


def test_superseded_checkpoints_are_deleted_and_a_reader_of_one_still_gets_the_right_items(store_db):
    """A checkpoint's items live in one body, deleted once a later checkpoint is written (its small mark stays, so
    the chain has no gap). A reader that found a checkpoint whose body is deleted before it reads it searches again
    and reads the newer one; a reader that read the old body folds the entries after it: both list what the
    scope holds."""
    writer = _index(store_db, every=4)
    for i in range(40):
        writer.put("inbox:u1", f"n{i % 7}", i, {"i": i})
    marks = sorted(d["_id"] for d in store_db["lists"].find({"upto": {"$exists": True}}, {"_id": 1}))
    assert marks == [checkpoint_id("inbox:u1", k) for k in range(1, 11)]
    assert _bodies(store_db) == [body_id("inbox:u1", 10, 40)]
    assert {item.id: item.rev for item in _index(store_db).items("inbox:u1")} == _newest(40)

    class _WritesBeforeBodies:
        """A database on which another process writes 8 more changes (two checkpoints) just before a body is
        read: the reader found the last mark, and the body it names is deleted before it reads it."""

        def __init__(self, database):
            self.database, self.interleaved = database, 0

        def __getitem__(self, name):
            outer, coll = self, self.database[name]

            class Collection:
                def find_one(self, query, *args, **kwargs):
                    if "#" in str(query.get("_id")) and outer.interleaved < 1:
                        outer.interleaved += 1
                        for i in range(40, 48):
                            writer.put("inbox:u1", f"n{i % 7}", i, {"i": i})
                    return coll.find_one(query, *args, **kwargs)

                def __getattr__(self, attr):
                    return getattr(coll, attr)

            return Collection()

    interleaving = _WritesBeforeBodies(store_db)
    reader = ScopeIndex("lists", lambda: interleaving, every=4)
    assert {item.id: item.rev for item in reader.items("inbox:u1")} == _newest(48)
    assert interleaving.interleaved == 1 and _bodies(store_db) == [body_id("inbox:u1", 12, 48)]

    # A reader that holds a superseded checkpoint's items (read before the writer moved on) folds the entries.
    stale = _index(store_db, every=4)
    k, upto, held = stale._checkpoint("inbox:u1")
    for i in range(48, 60):
        writer.put("inbox:u1", f"n{i % 7}", i, {"i": i})
    assert store_db["lists"].find_one({"_id": body_id("inbox:u1", k, upto)}) is None
    n = stale._fold_on("inbox:u1", k, upto, upto, held)[1]
    assert n == 60 and {item: rev for item, (rev, _) in held.items()} == _newest(60)
    assert {item.id: item.rev for item in _index(store_db).items("inbox:u1")} == _newest(60)


def test_a_warmed_process_reads_a_list_of_many_scopes_with_a_lookup_each_and_a_request_during_it_waits(store_db):
    """:func:`warm` folds the scopes before the first request; a request that comes while a scope is being folded
    waits for that fold instead of reading the scope's checkpoint and entries a second time."""
    import threading

    from edu71.store.listing import warm

    writer = _index(store_db, every=4)
    for i in range(60):
        writer.put(f"province:{i % 3}", f"x{i:02d}", 1, {"n": i})
    scopes = [f"province:{p}" for p in range(3)]

    class _Gate:
        """Holds the first reader of a checkpoint body until released; notes which threads read bodies."""

        def __init__(self, database):
            self.database, self.entered, self.release, self.readers = database, threading.Event(), \
                threading.Event(), []

        def __getitem__(self, name):
            outer, coll = self, self.database[name]

            class Collection:
                def find_one(self, query, *args, **kwargs):
                    if "#" in str(query.get("_id")):
                        outer.readers.append((threading.current_thread().name, query["_id"]))
                        if not outer.entered.is_set():
                            outer.scope = query["_id"].split("#")[0]
                            outer.entered.set()
                            assert outer.release.wait(60)
                    return coll.find_one(query, *args, **kwargs)

                def __getattr__(self, attr):
                    return getattr(coll, attr)

            return Collection()

    gate = _Gate(store_db)
    reader = ScopeIndex("lists", lambda: gate, every=4, kept=10)
    warming = warm("test", lambda: reader.page_across(scopes, 1, 5, key="all"))
    assert gate.entered.wait(60)
    folding, waiting = reader._folding[gate.scope], threading.Event()

    class _Watched:
        def wait(self):
            waiting.set()
            return folding.wait()

    reader._folding[gate.scope] = _Watched()
    answers = []
    request = threading.Thread(target=lambda: answers.append(reader.page_across(scopes, 1, 5, key="all")))
    request.start()
    assert waiting.wait(60)  # the request waits for the warm-up's fold of that scope...
    gate.release.set()
    request.join(60)
    warming.join(60)
    total, page = answers[0]
    assert (total, [item.id for item in page]) == (60, ["x00", "x01", "x02", "x03", "x04"])
    assert sorted(body for _, body in gate.readers) == sorted({body for _, body in gate.readers})  # ...once each
    assert len(gate.readers) == 3
    counting = _Counting(store_db)
    reader._database = lambda: counting
    assert reader.page_across(scopes, 1, 5, key="all")[0] == 60
    assert counting.reads == 1 + 3  # warmed: the generation, then a lookup a scope


def test_checkpoints_written_before_bodies_existed_are_still_read_and_followed(store_db):
    """A store written by the former code: each checkpoint held its items in its mark. They read as before, and
    the next checkpoint is a mark and a body."""
    from edu71.store import blob

    held = {}
    for n in range(1, 33):
        store_db["lists"].insert_one({"_id": entry_id("s", n), "i": f"x{n % 5}", "r": n, "f": {"n": n}})
        held[f"x{n % 5}"] = (n, {"n": n})
        if n % 16 == 0:
            store_db["lists"].insert_one({"_id": checkpoint_id("s", n // 16), "upto": n,
                                          "items": blob.pack([[i, r, f] for i, (r, f) in held.items()])})
    assert _listed(_index(store_db), "s") == held
    writer = _index(store_db, every=16)
    for n in range(33, 50):
        writer.put("s", f"x{n % 5}", n, {"n": n})
    assert {item.id: item.rev for item in _index(store_db).items("s")} == {f"x{k}": 45 + k for k in range(5)}
    assert _bodies(store_db) == [body_id("s", 3, 48)]
