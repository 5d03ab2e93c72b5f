"""The repositories' contract, run against the real store and against the in-memory ones the use-case tests use.

Whatever passes here may stand in for the store in a use-case test: the same answers, the same refusals.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from edu71.bus.outbox import StaleDocument

NOW = datetime(2026, 11, 2, 3, 4, 5, tzinfo=timezone.utc)
ACTOR = {"user_id": "u1", "name": "Cán bộ", "role": "school", "org_unit": "S1"}


@pytest.fixture(params=["store", "memory"])
def kind(request):
    if request.param == "store":
        request.getfixturevalue("client")  # the app connects to this test's fresh databases
    return request.param


@pytest.fixture
def submissions(kind):
    from indicators.adapters.submissions import InMemorySubmissions, Submissions

    return Submissions() if kind == "store" else InMemorySubmissions()


@pytest.fixture
def rounds(kind):
    from indicators.adapters.rounds import InMemoryRounds, Rounds

    return Rounds() if kind == "store" else InMemoryRounds()


@pytest.fixture
def catalogues(kind):
    from indicators.adapters.catalogues import Catalogues, InMemoryCatalogues

    return Catalogues() if kind == "store" else InMemoryCatalogues()


def value(code, n):
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "count", "value": n}


def new_submission(school="S1", commune="11311", name="Trường A", level="thcs"):
    from indicators.adapters.documents import Submission

    return Submission(id=f"R1/{school}", round_id="R1", school_code=school, school_name=name, school_level=level,
                      commune_code=commune, province_code="31", first_submitted_at=NOW)


def revise(sub, revision, values, key=None):
    sub.revision, sub.values = revision, values
    sub.last_revision = {"revision": revision, "submitted_at": NOW, "submitted_by": ACTOR, "late": False,
                         "idempotency_key": key, "changes": [{"indicator_code": v["indicator_code"], "old": None,
                                                              "new": v} for v in values],
                         "warnings": [], "explanations": {}}


def test_a_submission_reads_back_as_written_and_a_second_first_one_is_refused(submissions):
    from indicators.adapters.submissions import SubmissionExists

    assert submissions.get("R1/S1") is None
    sub = new_submission()
    revise(sub, 1, [value("CLASSES", 10)])
    saved = submissions.save(sub)
    assert saved.doc_version == 1
    read = submissions.get("R1/S1")
    assert read.doc_version == 1 and read.revision == 1 and read.value_dicts() == [value("CLASSES", 10)]

    again = new_submission()
    revise(again, 1, [value("CLASSES", 11)])
    with pytest.raises(SubmissionExists):
        submissions.save(again)
    assert submissions.get("R1/S1").value_dicts() == [value("CLASSES", 10)]


def test_a_change_made_from_an_old_version_is_refused_and_nothing_is_written(submissions):
    sub = new_submission()
    revise(sub, 1, [value("CLASSES", 10)])
    submissions.save(sub)
    first, second = submissions.get("R1/S1"), submissions.get("R1/S1")
    revise(first, 2, [value("CLASSES", 11)])
    submissions.save(first)
    revise(second, 2, [value("CLASSES", 12)])
    with pytest.raises(StaleDocument):
        submissions.save(second)
    with pytest.raises(StaleDocument):
        submissions.save(submissions.get("R1/S1"), expected_version=1)
    assert submissions.get("R1/S1").value_dicts() == [value("CLASSES", 11)]


def test_the_trail_has_every_revision_and_approval_once_and_the_head_only_the_latest(submissions):
    sub = new_submission()
    revise(sub, 1, [value("CLASSES", 10)])
    submissions.save(sub)
    for n, (action, stage) in enumerate([("complete", "submitted"), ("return", "returned")], 1):
        sub = submissions.get("R1/S1")
        sub.last_approval, sub.stage = {"seq": n, "action": action, "stage": stage, "revision": 1}, stage
        submissions.save(sub)
    sub = submissions.get("R1/S1")
    revise(sub, 2, [value("CLASSES", 12)], key="k-2")
    submissions.save(sub)

    read = submissions.get("R1/S1")
    assert read.doc_version == 4 and read.approval_count() == 2
    trail = submissions.trail(read)
    assert [r["revision"] for r in trail.revisions] == [1, 2]
    assert trail.revisions[1]["idempotency_key"] == "k-2"
    assert trail.revisions[1]["changes"] == [{"indicator_code": "CLASSES", "old": None, "new": value("CLASSES", 12)}]
    assert [(a["seq"], a["action"]) for a in trail.approvals] == [(1, "complete"), (2, "return")]
    # What the head keeps does not grow with the number of revisions.
    assert not hasattr(read, "history") and set(read.last_revision) >= {"revision", "changes"}


def test_keys_are_found_by_submission_and_key_and_the_first_note_stands(submissions):
    assert submissions.key("R1/S1", "k") is None
    submissions.remember_key("R1/S1", "k", "digest-1", 1, NOW)
    submissions.remember_key("R1/S1", "k", "digest-2", 2, NOW)
    record = submissions.key("R1/S1", "k")
    assert (record.fingerprint, record.revision) == ("digest-1", 1)
    assert submissions.key("R1/S2", "k") is None


def test_a_commune_list_and_a_school_list(submissions):
    for school, commune, name, level in [("S1", "11311", "Trường B", "thcs"), ("S2", "11311", "Trường A", "tieu_hoc"),
                                         ("S3", "11312", "Trường C", "thcs")]:
        sub = new_submission(school, commune, name, level)
        revise(sub, 1, [value("CLASSES", 10)])
        submissions.save(sub)
    assert [s.school_code for s in submissions.in_commune("R1", "11311")] == ["S2", "S1"]
    assert [s.school_code for s in submissions.in_commune("R1", "11311", ["thcs"])] == ["S1"]
    assert [s.school_code for s in submissions.of_school("S3")] == ["S3"]
    assert submissions.in_commune("R2", "11311") == []


def make_round(name="Đợt 1", opens=NOW):
    from indicators.adapters.documents import Round

    return Round(id=f"round-{name}", name=name, province_code="31", school_year="2026-2027", school_levels=["thcs"],
                 indicator_codes=["CLASSES"], catalogue_version=1, opens_at=opens, due_at=opens + timedelta(days=7),
                 closes_at=opens + timedelta(days=30), opened_by=ACTOR, created_at=opens, updated_at=opens)


def test_rounds_save_refuse_a_duplicate_and_a_stale_change_and_list_earlier_ones(rounds):
    from indicators.adapters.rounds import RoundExists

    rounds.save(make_round("Đợt 1", NOW - timedelta(days=200)))
    rounds.save(make_round("Đợt 2", NOW - timedelta(days=100)))
    rounds.save(make_round("Đợt 3", NOW))
    with pytest.raises(RoundExists):
        rounds.save(make_round("Đợt 3", NOW))
    first, second = rounds.get("round-Đợt 3"), rounds.get("round-Đợt 3")
    first.due_at = NOW + timedelta(days=9)
    assert rounds.save(first).doc_version == 2
    with pytest.raises(StaleDocument):
        rounds.save(second)
    assert rounds.get("round-Đợt 3").doc_version == 2
    assert rounds.earlier("31", NOW, 10) == [("round-Đợt 2", "Đợt 2"), ("round-Đợt 1", "Đợt 1")]
    assert rounds.earlier("31", NOW, 1) == [("round-Đợt 2", "Đợt 2")]
    assert sorted(rounds.open_ids(NOW)) == ["round-Đợt 3"]
    assert rounds.get("missing") is None


def test_a_recent_round_shows_every_save_made_since_and_nobody_can_change_it(rounds):
    rounds.save(make_round("Đợt 4"))
    before = rounds.recent("round-Đợt 4")
    assert before.doc_version == 1 and before.due_at == rounds.get("round-Đợt 4").due_at
    changed = rounds.get("round-Đợt 4")
    changed.due_at = NOW + timedelta(days=9)
    rounds.save(changed)
    after = rounds.recent("round-Đợt 4")
    assert after.doc_version == 2 and after.due_at.replace(tzinfo=timezone.utc) == NOW + timedelta(days=9)
    # One view is shared by a process's requests: neither its lists nor its fields can be changed.
    with pytest.raises(AttributeError):
        after.indicator_codes.append("TAMPERED")
    with pytest.raises(AttributeError):
        after.closes_at = NOW
    assert rounds.recent("round-Đợt 4").indicator_codes == ("CLASSES",)
    assert rounds.recent("round-Đợt 4").closes_at == rounds.get("round-Đợt 4").closes_at
    assert rounds.recent("missing") is None


def test_catalogue_versions_one_change_each(catalogues):
    from indicators.adapters.catalogues import CatalogueExists
    from indicators.adapters.documents import ProvinceCatalogue

    assert catalogues.head("31") is None and catalogues.state("31", 1) is None
    catalogues.save(ProvinceCatalogue(id="31", indicators=[{"code": "A"}], published_at=NOW,
                                      change={"kind": "initial"}))
    with pytest.raises(CatalogueExists):
        catalogues.save(ProvinceCatalogue(id="31", indicators=[{"code": "B"}], published_at=NOW,
                                          change={"kind": "initial"}))
    head = catalogues.head("31")
    head.indicators, head.change = [{"code": "A"}, {"code": "C"}], {"kind": "added", "indicator_code": "C"}
    catalogues.save(head, expected_version=1)
    stale = catalogues.head("31")
    with pytest.raises(StaleDocument):
        catalogues.save(stale, expected_version=1)
    assert catalogues.head("31").doc_version == 2
    assert catalogues.state("31", 1)["indicators"] == [{"code": "A"}]
    assert [v["version"] for v in catalogues.versions("31")] == [1, 2]
    assert catalogues.versions("31")[1]["state"]["change"]["indicator_code"] == "C"


def test_a_submission_stored_in_the_earlier_shape_reads_with_its_whole_trail_and_keys(client):
    """Heads and changes written before the trail moved to the change log (embedded history and keys)."""
    from edu71.bus.outbox import change_id
    from edu71.store import blob
    from indicators.adapters.documents import Submission
    from indicators.adapters.submissions import Submissions

    def revision(n, v):
        return {"revision": n, "submitted_at": NOW.replace(tzinfo=None), "submitted_by": ACTOR, "late": False,
                "idempotency_key": f"k-{n}", "changes": [{"indicator_code": "CLASSES", "new": value("CLASSES", v)}],
                "warnings": [], "explanations": {}}

    base = {"_id": "R1/OLD", "round_id": "R1", "school_code": "OLD", "school_name": "Trường cũ",
            "school_level": "thcs", "commune_code": "11311", "province_code": "31", "late": False}
    states = [
        {**base, "values": [value("CLASSES", 10)], "revision": 1, "history": [revision(1, 10)],
         "idempotency": [{"key": "k-1", "fingerprint": "f1", "revision": 1, "seen_at": NOW}], "stage": "draft"},
        {**base, "values": [value("CLASSES", 11)], "revision": 2, "history": [revision(1, 10), revision(2, 11)],
         "idempotency": [{"key": "k-1", "fingerprint": "f1", "revision": 1, "seen_at": NOW},
                         {"key": "k-2", "fingerprint": "f2", "revision": 2, "seen_at": NOW}],
         "stage": "submitted", "approvals": [{"seq": 1, "action": "complete", "stage": "submitted", "revision": 2}]},
    ]
    db = Submission._get_db()
    for version, state in enumerate(states, 1):
        db["submissions_changes"].insert_one({"_id": change_id("R1/OLD", version), "agg": "R1/OLD", "v": version,
                                              "at": NOW, "state": blob.pack(state), "events": blob.pack([])})
    db["submissions"].insert_one({**states[-1], "_v": 2})

    repo = Submissions()
    sub = repo.get("R1/OLD")
    assert sub.revision == 2 and sub.last_revision["revision"] == 2 and sub.approval_count() == 1
    trail = repo.trail(sub)
    assert [r["revision"] for r in trail.revisions] == [1, 2]
    assert [a["action"] for a in trail.approvals] == ["complete"]

    # A new change written over it keeps the earlier trail and numbers on from it.
    sub.last_approval, sub.stage = {"seq": sub.approval_count() + 1, "action": "return", "stage": "returned",
                                    "revision": 2}, "returned"
    repo.save(sub)
    again = repo.get("R1/OLD")
    assert [a["seq"] for a in repo.trail(again).approvals] == [1, 2]
    assert "history" not in db["submissions"].find_one({"_id": "R1/OLD"})

    # Its keys went where they are looked up before the head that embedded them was replaced.
    assert repo.key("R1/OLD", "k-2").fingerprint == "f2"
    # The worker copies those of heads not written since, once; copying again changes nothing.
    db["submissions"].insert_one({**states[-1], "_id": "R1/OLD2", "_v": 2})
    assert repo.key("R1/OLD2", "k-2") is None
    assert repo.copy_legacy_keys() == 2
    assert repo.copy_legacy_keys() == 0
    assert repo.key("R1/OLD2", "k-2").revision == 2


def test_a_change_stores_the_change_not_every_earlier_revision(client, tokens, schools, open_round):
    """Revision N's change document is about as large as revision 2's, and the head keeps no history."""
    from edu71.bus.outbox import change_id
    from edu71_testing import bearer
    from indicators.adapters.documents import Submission
    from indicators.domain.submissions import submission_id

    school = schools["thcs"]
    rnd = open_round()
    auth = bearer(tokens.school(school))
    url = f"/rounds/{rnd['id']}/submissions/{school.code}"
    r = client.put(url, json={"values": [{"indicator_code": "CLASSES", "value": 20},
                                         {"indicator_code": "MAX_CLASS_SIZE", "value": 40}]}, headers=auth)
    assert r.status_code == 201, r.json
    for n in range(21, 27):
        r = client.put(url, json={"values": [{"indicator_code": "CLASSES", "value": n}]},
                       headers={**auth, "Idempotency-Key": f"revision-{n}"})
        assert r.status_code == 200, r.json
    assert [h["revision"] for h in r.json["history"]] == list(range(1, 8))

    pk = submission_id(rnd["id"], school.code)
    changes = Submission.changes()
    sizes = [len(changes.find_one({"_id": change_id(pk, v)})["state"]) for v in (2, 7)]
    assert abs(sizes[1] - sizes[0]) < 64, sizes
    head = Submission._get_collection().find_one({"_id": pk})
    assert not {"history", "idempotency", "approvals"} & set(head)
    # Every earlier revision's key is still answered as a replay.
    again = client.put(url, json={"values": [{"indicator_code": "CLASSES", "value": 22}]},
                       headers={**auth, "Idempotency-Key": "revision-22"})
    assert again.headers["Idempotent-Replayed"] == "true" and again.json["revision"] == 3
