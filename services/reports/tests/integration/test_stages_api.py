"""Approval stages and the "confirmed only" reading through the reports API: real Submission* events from the
contracts, stored by the real handlers in the store, projected by the projector; the rebuild's row functions
(:func:`reports.rebuild.rows_of`, through :data:`reports.handlers.HANDLERS`) over the same events, shuffled and replayed, give the same views."""
from __future__ import annotations

import io
import random
from urllib.parse import quote

import pytest
from mongoengine.connection import get_db
from openpyxl import load_workbook

from edu71.orgs import School, SchoolLevel
from edu71_testing import bearer

from ..support import HP_WARD, HP_WARD_2, SCHOOLS, consume, ratio

pytestmark = pytest.mark.integration

PRESCHOOL = School("MN-10744-ST", "Trường Mầm non Nguyễn Đại Năng", SchoolLevel.MAM_NON, HP_WARD, "31")
DIRECTORY = [SCHOOLS["thcs_hp"], SCHOOLS["th_hp"], SCHOOLS["thcs_hp2"], PRESCHOOL]
ACTORS = {"school": None, "commune": ("u-ubnd-02", "Lê Thị Hoa"), "city": ("u-so-01", "Trần Văn Minh")}


def approval(contracts, name: str, school: School, number: int, stage: str, previous: str, round_id: str):
    role = {"SubmissionCompleted": "school", "SubmissionConfirmed": "commune", "SubmissionReturned": "commune",
            "SubmissionAccepted": "city", "SubmissionReopened": "city"}[name]
    user, person = ACTORS[role] or (f"u-{school.code}", "Nguyễn Thị Thu Hà")
    unit = {"school": school.code, "commune": school.commune_code, "city": school.province_code}[role]
    data = {"submission_id": f"sub-{round_id}-{school.code}", "round_id": round_id, "school": school.as_contract(),
            "revision": 1, "approval": number, "stage": stage, "previous_stage": previous,
            "by": {"user_id": user, "name": person, "role": role, "org_unit": unit},
            "at": f"2026-01-1{number}T08:30:00+07:00"}
    if name == "SubmissionReturned":
        data["comment"] = "Đề nghị nhà trường kiểm tra lại số liệu."
    if name == "SubmissionReopened":
        data["reason"] = "Nhà trường báo nhầm số giáo viên đạt chuẩn."
    return contracts.new_event(name, data, subject=school.code, source="/edu71/indicators")


@pytest.fixture
def stream(events, contracts, round_id):
    """Hải Phòng: four schools in two wards; three submitted; THCS Nguyễn Đại Năng accepted, Tiểu học Hiến Thành
    returned, submitted again, confirmed and reopened; THCS Thuỷ Nguyên confirmed; the preschool never submitted."""
    a, b, c = SCHOOLS["thcs_hp"], SCHOOLS["th_hp"], SCHOOLS["thcs_hp2"]

    def act(*steps):
        return [approval(contracts, name, school, n, stage, prev, round_id) for name, school, n, stage, prev in steps]

    return [events.catalogue(), events.round_opened(round_id, indicator_codes=["DROPOUT", "TEACHERS_QUALIFIED"]),
            *[events.school(s) for s in DIRECTORY],
            events.values(a, 1, [ratio("DROPOUT", 4, 400), ratio("TEACHERS_QUALIFIED", 30, 30)], round_id=round_id),
            events.values(b, 1, [ratio("DROPOUT", 0, 300), ratio("TEACHERS_QUALIFIED", 20, 25)], round_id=round_id),
            events.values(c, 1, [ratio("DROPOUT", 1, 500), ratio("TEACHERS_QUALIFIED", 40, 40)], round_id=round_id),
            *act(("SubmissionCompleted", a, 1, "submitted", "draft"),
                 ("SubmissionConfirmed", a, 2, "confirmed", "submitted"),
                 ("SubmissionAccepted", a, 3, "accepted", "confirmed"),
                 ("SubmissionCompleted", b, 1, "submitted", "draft"),
                 ("SubmissionReturned", b, 2, "returned", "submitted"),
                 ("SubmissionCompleted", b, 3, "submitted", "returned"),
                 ("SubmissionConfirmed", b, 4, "confirmed", "submitted"),
                 ("SubmissionReopened", b, 5, "draft", "confirmed"),
                 ("SubmissionCompleted", c, 1, "submitted", "draft"),
                 ("SubmissionConfirmed", c, 2, "confirmed", "submitted"))]


def handle(events):
    for event in events:
        consume(event)


@pytest.fixture
def client(reports_settings):
    from reports.app import create_app

    return create_app().test_client()


def test_completeness_shows_each_stage_per_commune_and_confirmed_figures_count_only_approved_schools(
        stream, project, client, tokens, round_id):
    shuffled = stream[:7] + random.Random(7).sample(stream[7:], len(stream) - 7)
    handle(shuffled + shuffled[-6:])  # reordered, and the last six delivered twice
    project()
    city = bearer(tokens.city("31"))

    r = client.get(f"/rounds/{round_id}/completeness", headers=city)
    assert r.status_code == 200, r.json
    assert r.json["figures"] == "submitted"
    assert r.json["completeness"]["submitted"] == 3
    assert r.json["completeness"]["stages"] == {"not_started": 1, "draft": 1, "submitted": 0, "confirmed": 1,
                                                "returned": 0, "accepted": 1}
    communes = {c["commune_code"]: c for c in r.json["communes"]}
    assert communes[HP_WARD]["stages"] == {"not_started": 1, "draft": 1, "submitted": 0, "confirmed": 0,
                                           "returned": 0, "accepted": 1}
    assert communes[HP_WARD_2]["stages"] == {"not_started": 0, "draft": 0, "submitted": 0, "confirmed": 1,
                                             "returned": 0, "accepted": 0}

    confirmed = client.get(f"/rounds/{round_id}/completeness?figures=confirmed", headers=city).json
    assert confirmed["figures"] == "confirmed"
    assert {k: confirmed["completeness"][k] for k in ("expected", "submitted", "missing")} == \
        {"expected": 4, "submitted": 2, "missing": 2}
    assert sorted(s["school_code"] for s in confirmed["missing_schools"]) == sorted(
        [SCHOOLS["th_hp"].code, PRESCHOOL.code])

    def dropout(query=""):
        body = client.get(f"/rollups/{round_id}{query}", headers=city).json
        figure = next(i for i in body["indicators"] if i["indicator_code"] == "DROPOUT")
        return figure["numerator"], figure["denominator"], body["schools_reporting"]

    assert dropout() == (5, 1200, 3)
    assert dropout("?figures=submitted") == (5, 1200, 3)
    assert dropout("?figures=confirmed") == (5, 900, 2)  # THCS Nguyễn Đại Năng and THCS Thuỷ Nguyên
    ward = client.get(f"/rollups/{round_id}?figures=confirmed", headers=bearer(tokens.commune(HP_WARD))).json
    assert next(i for i in ward["indicators"] if i["indicator_code"] == "DROPOUT")["denominator"] == 400

    schools = client.get(f"/rollups/{round_id}/schools?figures=confirmed", headers=city).json
    assert {s["school_code"]: s["stage"] for s in schools["items"]} == {SCHOOLS["thcs_hp"].code: "accepted",
                                                                        SCHOOLS["thcs_hp2"].code: "confirmed"}
    progress = client.get(f"/rounds/{round_id}/progress?figures=confirmed", headers=city).json
    assert progress["figures"] == "confirmed"
    teachers = next(i for i in progress["indicators"] if i["indicator_code"] == "TEACHERS_QUALIFIED")
    assert teachers["actual"] == pytest.approx(100.0)  # 70/70 of the confirmed schools, not 90/95
    every = client.get(f"/rounds/{round_id}/progress", headers=city).json
    assert next(i for i in every["indicators"] if i["indicator_code"] == "TEACHERS_QUALIFIED")["actual"] == \
        pytest.approx(90 / 95 * 100)

    assert client.get(f"/rollups/{round_id}?figures=all", headers=city).status_code == 422


def test_exports_read_confirmed_only_and_the_communes_sheet_counts_the_stages(stream, project, client, tokens,
                                                                             round_id):
    handle(stream)
    project()
    city = bearer(tokens.city("31"))
    r = client.get(f"/rounds/{round_id}/export.xlsx?figures=confirmed", headers=city)
    assert r.status_code == 200
    assert quote("(chỉ số liệu đã xác nhận)", safe="") in r.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(r.data))
    sheet = book["Xã, phường"]
    header = [c.value for c in next(sheet.iter_rows(min_row=1, max_row=1))]
    rows = {row[0].value: [c.value for c in row] for row in sheet.iter_rows(min_row=2)}
    ward = dict(zip(header, rows[HP_WARD]))
    assert ward["Đã nộp"] == 1  # confirmed only: THCS Nguyễn Đại Năng
    assert (ward["Giai đoạn: Chưa nộp số liệu"], ward["Giai đoạn: Đã nộp số liệu, chưa đánh dấu hoàn thành"],
            ward["Giai đoạn: Sở đã tiếp nhận"], ward["Giai đoạn: Xã/phường đã xác nhận"]) == (1, 1, 1, 0)
    every = load_workbook(io.BytesIO(client.get(f"/rounds/{round_id}/export.xlsx", headers=city).data))
    rows = {row[0].value: [c.value for c in row] for row in every["Xã, phường"].iter_rows(min_row=2)}
    assert dict(zip(header, rows[HP_WARD]))["Đã nộp"] == 2


def test_the_openapi_describes_the_figures_parameter_in_vietnamese(client):
    spec = client.get("/openapi.json").json
    for path in ("/rollups/{round_id}", "/rounds/{round_id}/completeness", "/rounds/{round_id}/progress",
                 "/rounds/{round_id}/export.xlsx"):
        [param] = [p for p in spec["paths"][path]["get"]["parameters"] if p["name"] == "figures"]
        assert param["schema"]["enum"] == ["submitted", "confirmed"]
        assert "chỉ số liệu đã được xã/phường xác nhận" in param["description"]


def test_the_rebuild_rows_of_the_events_shuffled_and_replayed_give_the_live_views(stream, project, tokens,
                                                                                  round_id):
    from reports.adapters import viewstore
    from reports.domain.model import Model
    from reports.domain.views import build_province
    from reports.rebuild import rows_of, write_rows

    handle(stream)
    projector = project()
    live = {vid: view for vid, view in projector.views.items() if round_id in vid}
    assert live, "the live projection made no view of the round"
    for seed in range(3):
        envelopes = [e.envelope() for e in stream] * 2
        random.Random(seed).shuffle(envelopes)
        model = Model()
        for envelope in envelopes:  # what reports.rebuild.read_log does with each record
            for source, doc_id, row in rows_of(envelope):
                model.apply(source.collection, {"_id": doc_id, **row})
        rebuilt = build_province(model, "31", projector.name_of)
        assert {vid: rebuilt[vid] for vid in live} == live
    # The rows the rebuild writes are the ones the next worker loads: the same views again.
    db = get_db("reports")
    write_rows(model)
    from reports.adapters.projector import Projector

    again = Projector(projector.contracts)
    again.catch_up()
    assert {vid: again.views[vid] for vid in live} == live
    assert viewstore.get(db, "31", f"round|{round_id}|province|31")["completeness"]["stages"]["accepted"] == 1


def test_as_of_a_moment_before_the_approvals_nothing_was_confirmed_yet(stream, project, tokens, round_id,
                                                                       reports_settings, monkeypatch):
    import time
    from datetime import datetime, timezone

    from reports.adapters import basedb
    from reports.app import create_app

    basedb.connect(reports_settings.platform)
    monkeypatch.setenv("REPORTS_ASOF_SETTLE_SECONDS", "0")
    client = create_app().test_client()
    approvals = [e for e in stream if e.name.startswith("Submission")]
    for event in [e for e in stream if e not in approvals]:
        consume(event, history=True)
    time.sleep(0.05)
    before = datetime.now(timezone.utc).isoformat()
    time.sleep(0.05)
    for event in approvals:
        consume(event, history=True)
    project()
    time.sleep(0.05)
    after = datetime.now(timezone.utc).isoformat()
    city = bearer(tokens.city("31"))

    def completeness(query):
        r = client.get(f"/rounds/{round_id}/completeness?figures=confirmed&{query}", headers=city)
        assert r.status_code == 200, r.json
        return r.json["completeness"]

    assert completeness("")["submitted"] == 2
    then = completeness(f"as_of={quote(before)}")
    assert then["submitted"] == 0 and (then["stages"]["not_started"], then["stages"]["draft"]) == (1, 3)
    assert completeness(f"as_of={quote(after)}") == completeness("")


def test_the_worker_consumes_the_approval_events_from_kafka(stream, contracts, reports_settings, tokens, round_id):

    from edu71.bus.producer import EventProducer
    from edu71_testing import fresh_group, wait_until
    from edu71.worker import Worker
    from reports.app import create_app
    from reports.worker import spec

    settings = reports_settings.platform
    worker = Worker(settings, spec(group=fresh_group("reports-stages")))
    producer = EventProducer(settings.kafka, contracts, "reports-test")
    client = create_app(reports_settings).test_client()
    city = bearer(tokens.city("31"))
    try:
        worker.start()
        assert all(d.ok for d in producer.publish(stream))

        final = {"not_started": 1, "draft": 1, "submitted": 0, "confirmed": 1, "returned": 0, "accepted": 1}

        def settled():
            # Intermediate states pass by (e.g. Tiểu học Hiến Thành confirmed before it was reopened): wait for
            # the last one, whose confirmed figures count two schools.
            r = client.get(f"/rounds/{round_id}/completeness", headers=city)
            return r.status_code == 200 and r.json["completeness"].get("stages") == final

        wait_until(settled, "the last approval stages")
        assert client.get(f"/rollups/{round_id}?figures=confirmed", headers=city).json["schools_reporting"] == 2
        body = client.get(f"/rollups/{round_id}", headers=city).json
        assert body["schools_reporting"] == 3
    finally:
        worker.shutdown()
        producer.close()
