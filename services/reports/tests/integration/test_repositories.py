"""The repositories' contract, run against the real store and against the in-memory ones the use-case tests use.

Whatever passes here may stand in for the store in a use-case test (tests/unit/test_use_cases.py): the same
answers, the same refusals.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from edu71.bus.outbox import StaleDocument

NOW = datetime(2026, 12, 2, 3, 4, 5, 123000, tzinfo=timezone.utc)
ACTOR = {"user_id": "u1", "name": "Cán bộ", "role": "commune", "org_unit": "10744"}


@pytest.fixture(params=["store", "memory"])
def kind(request):
    if request.param == "store":
        from reports.adapters import basedb

        basedb.connect(request.getfixturevalue("reports_settings").platform)
    return request.param


@pytest.fixture
def reports(kind):
    from reports.adapters.official_reports import InMemoryOfficialReportStore, OfficialReportStore

    return OfficialReportStore() if kind == "store" else InMemoryOfficialReportStore()


@pytest.fixture
def stored(kind, request):
    """(source rows, views, put): the repositories of the worker's rows and of what the API reads, and how a view
    comes to be stored (the projector's writes for the store)."""
    from reports.adapters.dashboards import InMemoryViews, StoredViews
    from reports.adapters.sources import InMemorySourceRows, SourceRows

    if kind == "memory":
        sources = InMemorySourceRows()
        views = InMemoryViews(sources)
        return sources, views, views.put

    from mongoengine.connection import get_db

    from reports.adapters import viewstore
    from reports.adapters.documents import ALIAS
    from reports.adapters.generations import ActiveDatabase

    settings = request.getfixturevalue("reports_settings")

    def put(province, view_id, view, computed_at):
        _, summary, schools = viewstore.encode(view_id, view, computed_at)
        db = get_db(ALIAS)
        db[viewstore.views_collection(province)].replace_one({"_id": view_id}, summary, upsert=True)
        if schools is not None:
            db[viewstore.schools_collection(province)].replace_one({"_id": view_id}, schools, upsert=True)

    return (SourceRows(lambda: get_db(ALIAS)),
            StoredViews(ActiveDatabase(lambda: get_db(ALIAS).client, settings.platform.mongodb_db)), put)


@pytest.fixture
def history(kind):
    from types import SimpleNamespace

    from reports.adapters import history

    return SimpleNamespace(record=history.record, load=history.load) if kind == "store" else history.InMemoryHistory()


def new_report(unit_code="10744", round_id="R1"):
    from reports.adapters.official_reports import OfficialReport

    return OfficialReport(id=OfficialReport.key(round_id, "commune", unit_code), round_id=round_id,
                          unit_kind="commune", unit_code=unit_code, unit_name="Phường Hồng Bàng", province_code="31",
                          recipient_kind="province", recipient_code="31", recipient_name="Sở Giáo dục và Đào tạo",
                          status="draft", written={}, signer_name="")


def issue(head, number, at):
    head.status, head.number, head.year, head.number_symbol = "issued", number, 2026, f"{number:02d}/BC-UBND"
    head.issued_at, head.as_of, head.issued_by, head.sha256 = at, at, ACTOR, f"sha-{number}"
    return head


# -- official reports ------------------------------------------------------------------------------------------
def test_a_report_reads_back_as_written_and_a_second_first_draft_is_refused(reports):
    from reports.adapters.official_reports import ReportExists

    assert reports.get("R1|commune|10744") is None
    head = new_report()
    head.written, head.signer_name, head.updated_at, head.updated_by = {"tasks": "Đôn đốc"}, "Nguyễn Văn A", NOW, ACTOR
    assert reports.save(head).doc_version == 1
    read = reports.get("R1|commune|10744")
    assert (read.doc_version, read.status, read.written, read.signer_name) == (1, "draft", {"tasks": "Đôn đốc"},
                                                                              "Nguyễn Văn A")
    assert read.updated_at == NOW and read.recipient_code == "31"
    with pytest.raises(ReportExists):
        reports.save(new_report())
    assert reports.get("R1|commune|10744").written == {"tasks": "Đôn đốc"}


def test_a_change_made_from_an_old_version_is_refused_and_nothing_is_written(reports):
    reports.save(new_report())
    first, second = reports.get("R1|commune|10744"), reports.get("R1|commune|10744")
    first.signer_name = "Người thứ nhất"
    assert reports.save(first, expected_version=1).doc_version == 2
    second.signer_name = "Người thứ hai"
    with pytest.raises(StaleDocument):
        reports.save(second, expected_version=1)
    with pytest.raises(StaleDocument):
        reports.save(reports.get("R1|commune|10744"), expected_version=1)
    assert reports.get("R1|commune|10744").signer_name == "Người thứ nhất"


def test_only_one_claim_to_issue_a_report_holds_until_it_is_released(reports):
    assert reports.claim_issue("R1|commune|10744") is True
    assert reports.claim_issue("R1|commune|10744") is False
    assert reports.claim_issue("R1|commune|11560") is True
    reports.release_issue("R1|commune|10744")
    assert reports.claim_issue("R1|commune|10744") is True


def test_numbers_follow_each_unit_s_own_yearly_sequence(reports):
    assert [reports.claim_number("commune:10744", 2026, f"R{n}") for n in (1, 2, 3)] == [1, 2, 3]
    assert reports.claim_number("commune:10744", 2027, "R4") == 1
    assert reports.claim_number("commune:11560", 2026, "R5") == 1


def test_files_and_figures_are_kept_once_and_the_first_stands(reports):
    import hashlib

    assert reports.file("R1|commune|10744|abc", "docx") is None and reports.figures("R1|commune|10744|abc") is None
    assert reports.keep_file("R1|commune|10744|abc", "docx", b"first") == hashlib.sha256(b"first").hexdigest()
    reports.keep_file("R1|commune|10744|abc", "docx", b"second")
    assert reports.file("R1|commune|10744|abc", "docx") == b"first"
    assert reports.file("R1|commune|10744|abc", "pdf") is None
    reports.keep_figures("R1|commune|10744|abc", {"as_of": "2026-12-02T03:04:05+00:00", "indicators": [{"code": "A"}]})
    reports.keep_figures("R1|commune|10744|abc", {"as_of": "later", "indicators": []})
    assert reports.figures("R1|commune|10744|abc") == {"as_of": "2026-12-02T03:04:05+00:00",
                                                       "indicators": [{"code": "A"}]}


def test_the_issued_lists_of_a_unit_and_of_its_recipient_newest_first(reports):
    reports.save(issue(new_report("10744", "R1"), 1, NOW))
    reports.save(issue(new_report("10744", "R2"), 2, NOW + timedelta(days=1)))
    reports.save(issue(new_report("11560", "R1"), 1, NOW + timedelta(hours=1)))
    reports.save(new_report("10744", "R3"))  # a draft is never listed

    def ids(rows):
        return [r["_id"] for r in rows]

    assert ids(reports.issued(unit=("commune", "10744"))) == ["R2|commune|10744", "R1|commune|10744"]
    assert ids(reports.issued(recipient=("province", "31"))) == ["R2|commune|10744", "R1|commune|11560",
                                                                 "R1|commune|10744"]
    assert ids(reports.issued()) == ids(reports.issued(recipient=("province", "31")))
    assert reports.issued(unit=("school", "S1")) == []
    row = reports.issued(unit=("commune", "11560"))[0]
    assert (row["number_symbol"], row["unit_name"], row["issued_by"]["name"]) == ("01/BC-UBND", "Phường Hồng Bàng",
                                                                                  "Cán bộ")


def test_a_pdf_queued_is_made_when_due_and_a_failed_conversion_is_tried_again_later(reports):
    reports.keep_file("R1|commune|10744|abc", "docx", b"docx body")
    reports.queue_pdf("R1|commune|10744|abc", due=NOW)
    assert reports.make_pdfs(lambda body: b"pdf of " + body, now=NOW - timedelta(seconds=1)) == 0
    assert reports.make_pdfs(lambda body: None, now=NOW) == 0
    assert reports.file("R1|commune|10744|abc", "pdf") is None
    assert reports.make_pdfs(lambda body: b"pdf of " + body, now=NOW + timedelta(minutes=5)) == 1
    assert reports.file("R1|commune|10744|abc", "pdf") == b"pdf of docx body"
    assert reports.make_pdfs(lambda body: b"again", now=NOW + timedelta(minutes=10)) == 0  # done: not made twice


# -- source rows and views ---------------------------------------------------------------------------------------
def round_row(round_id, at, *, province="31", name="Sơ kết học kỳ I", due=NOW):
    return {"round_id": round_id, "event_time": at, "name": name, "province_code": province,
            "school_year": "2026-2027", "school_levels": ["thcs"], "indicator_codes": ["DROPOUT"], "opens_at": NOW,
            "due_at": due, "closes_at": due + timedelta(days=30), "reopened": False, "catalogue_version": 1,
            "event_id": f"e-{round_id}-{at.isoformat()}"}


def school_row(code, version, name):
    return {"school_code": code, "version": version, "name": name, "level": "thcs", "commune_code": "10744",
            "province_code": "31", "active": True, "event_id": f"e-{code}-{version}"}


def test_a_version_is_kept_once_and_readers_take_the_latest_round_and_school(stored):
    from reports.domain.model import DIRECTORY, ROUND_FIELDS, ROUNDS

    sources, views, _ = stored
    later = NOW + timedelta(days=1)
    assert views.round("R1") is None and views.rounds_of("31") == [] and views.school("S1") is None
    assert sources.keep(ROUNDS, f"R1|{later.isoformat()}", round_row("R1", later, name="Mở lại")) is True
    assert sources.keep(ROUNDS, f"R1|{NOW.isoformat()}", round_row("R1", NOW)) is True  # older, kept as history
    assert sources.keep(ROUNDS, f"R1|{NOW.isoformat()}", round_row("R1", NOW, name="Trùng")) is False
    sources.keep(ROUNDS, f"R2|{NOW.isoformat()}", round_row("R2", NOW, province="79"))
    rnd = views.round("R1")
    assert set(rnd) == set(ROUND_FIELDS) and rnd["name"] == "Mở lại" and rnd["due_at"] == NOW
    assert [(r["round_id"], r["name"]) for r in views.rounds_of("31")] == [("R1", "Mở lại")]
    assert views.rounds_of("79")[0]["event_time"] == NOW
    assert sources.keep(DIRECTORY, "S1|2", school_row("S1", 2, "Trường mới")) is True
    assert sources.keep(DIRECTORY, "S1|1", school_row("S1", 1, "Trường cũ")) is True
    assert sources.keep(DIRECTORY, "S1|2", school_row("S1", 2, "Trùng")) is False
    assert views.school("S1")["name"] == "Trường mới" and views.school("S2") is None


def test_a_view_reads_back_without_its_schools_which_are_read_apart(stored):
    _, views, put = stored
    assert views.view("31", "round|R1|commune|10744") is None and views.schools("31", "round|R1|commune|10744") == []
    schools = [{"school_code": "S1", "submitted": True}, {"school_code": "S2", "submitted": False}]
    put("31", "round|R1|commune|10744", {"scope": {"kind": "commune", "code": "10744"}, "schools": schools}, NOW)
    put("31", "round|R1|province|31", {"scope": {"kind": "province", "code": "31"}, "communes": []}, NOW)
    view = views.view("31", "round|R1|commune|10744")
    assert view["scope"] == {"kind": "commune", "code": "10744"} and "schools" not in view
    assert view["computed_at"] == NOW and len(view["digest"]) == 64
    assert views.schools("31", "round|R1|commune|10744") == schools
    assert views.schools("31", "round|R1|province|31") == []
    assert views.view("79", "round|R1|commune|10744") is None  # another province's views are apart
    put("31", "round|R1|commune|10744", {"scope": {"kind": "commune", "code": "10744"}, "schools": schools[:1]}, NOW)
    assert views.schools("31", "round|R1|commune|10744") == schools[:1]
    assert views.view("31", "round|R1|commune|10744")["digest"] != view["digest"]


# -- the history ---------------------------------------------------------------------------------------------------
def test_the_history_keeps_each_row_once_from_its_first_sight_one_province_apart_from_another(history, events):
    from reports.handlers import HANDLERS

    from ..support import SCHOOLS

    hp, hcm = SCHOOLS["thcs_hp"], SCHOOLS["thcs_hcm"]

    def record(event):
        return history.record(event, HANDLERS[event.name](event))

    first = events.school(hp)
    assert record(first) == 1 and record(events.school(hcm)) == 1
    assert record(events.school(hp, 2)) == 1
    assert record(first) == 0  # delivered again: its first sight stands
    kept = history.load("31")
    assert [e.key for e in kept] == [f"directory_schools|{hp.code}|1", f"directory_schools|{hp.code}|2"]
    assert kept[0].at <= kept[1].at and [e.row["version"] for e in kept] == [1, 2]
    assert {e.collection for e in kept} == {"directory_schools"} and kept[0].row["name"] == hp.name
    assert [e.key for e in history.load("79")] == [f"directory_schools|{hcm.code}|1"]
    assert history.load("01") == []
