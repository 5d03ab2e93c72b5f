"""Plan targets through the API, checked against the catalogue the worker received (real FerretDB and Kafka)."""
from __future__ import annotations

import uuid

import pytest

from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer, fresh_group, wait_until

pytestmark = pytest.mark.integration

HIEN_THANH = SEED_SCHOOLS[0]  # Hải Phòng (31)
PLAN = {"title": "Kế hoạch thực hiện Nghị quyết 71", "year": 2026, "number_symbol": "12/KH-THHT",
        "issued_on": "2026-01-29"}
DROPOUT = {"text": "Tỷ lệ học sinh bỏ học không quá 0,5%", "comparator": "<=", "value": 0.5, "unit": "%",
           "horizon": "2030", "indicator_code": "DROPOUT"}


@pytest.fixture
def client(fresh_databases):
    from plans.app import create_app

    return create_app().test_client()


def errors_of(response) -> dict[str, str]:
    assert response.status_code == 422, response.json
    return {e["field"]: e["message"] for e in response.json["errors"]}


def test_bad_targets_are_refused_with_the_field_named_and_nothing_stored(client, tokens, catalogue_received):
    from plans.adapters.documents import Plan

    school = bearer(tokens.school(HIEN_THANH))
    # Before the province's catalogue arrived, a code is not accepted silently.
    before = errors_of(client.post("/plans", json={**PLAN, "targets": [DROPOUT]}, headers=school))
    assert "chưa nhận được danh mục chỉ tiêu" in before["targets.0.indicator_code"]
    catalogue_received("31")
    cases = {
        "targets.0.indicator_code": {**DROPOUT, "indicator_code": "chuyen doi so"},
        "targets.0.value": {**DROPOUT, "value": 120},
    }
    for field, bad in cases.items():
        assert field in errors_of(client.post("/plans", json={**PLAN, "targets": [bad]}, headers=school))
    negative = {**DROPOUT, "indicator_code": "SMART_CLASSROOMS", "value": -1, "unit": "phòng"}
    level = {**DROPOUT, "indicator_code": "PCGD_LEVEL", "value": 4, "unit": "mức"}
    early = {**DROPOUT, "horizon": "2025-12-31"}
    found = errors_of(client.post("/plans", json={**PLAN, "targets": [negative, level, early]}, headers=school))
    assert set(found) == {"targets.0.value", "targets.1.value", "targets.2.horizon"}
    assert found["targets.1.value"].startswith("Mục tiêu 2 – Giá trị: mức phải từ 1 đến 3")
    assert Plan.objects.count() == 0


def test_linked_unlinked_and_year_horizons_flow_into_plan_submitted(client, tokens, catalogue_received):
    from edu71.bus.outbox import history
    from plans.adapters.documents import Plan

    catalogue_received("31")
    school = bearer(tokens.school(HIEN_THANH))
    unlinked = {"text": "100% cha mẹ học sinh dự họp đầu năm", "comparator": "=", "value": 100, "unit": "%",
                "horizon": "2027", "indicator_code": None, "unlinked": True}
    undecided = {**unlinked, "unlinked": False}
    created = client.post("/plans", json={**PLAN, "targets": [DROPOUT, undecided]}, headers=school)
    assert created.status_code == 201, created.json
    targets = created.json["targets"]
    assert targets[0]["horizon"] == "2030-12-31" and targets[0]["indicator_name"] == "Tỷ lệ học sinh bỏ học"
    plan_id = created.json["id"]
    refused = client.post(f"/plans/{plan_id}/submit", headers=school)
    assert "Không gắn chỉ tiêu" in errors_of(refused)["targets.1.indicator_code"]
    edited = client.patch(f"/plans/{plan_id}", json={"targets": [DROPOUT, unlinked]},
                          headers={**school, "If-Match": created.headers["ETag"]})
    assert edited.status_code == 200, edited.json
    assert client.post(f"/plans/{plan_id}/submit", headers=school).status_code == 200
    submitted = [e for c in history(Plan, plan_id) for e in c["events"] if e.name == "PlanSubmitted"][0]
    sent = submitted.data["targets"]
    assert (sent[0]["indicator_code"], sent[0]["indicator_name"], sent[0]["unlinked"]) == (
        "DROPOUT", "Tỷ lệ học sinh bỏ học", False)
    assert (sent[1]["indicator_code"], sent[1]["unlinked"], sent[1]["horizon"]) == (None, True, "2027-12-31")


def test_an_imported_draft_keeps_the_proposals_unconfirmed_until_the_school_saves(client, tokens,
                                                                                     catalogue_received):
    import io

    catalogue_received("31")
    school = bearer(tokens.school(HIEN_THANH))
    text = ("TRƯỜNG TIỂU HỌC HIẾN THÀNH\nSố: 12/KH-THHT\nHải Phòng, ngày 29 tháng 01 năm 2026\nKẾ HOẠCH\n"
            "Thực hiện Nghị quyết 71\nII. MỤC TIÊU\nĐến năm 2030:\n"
            "- 100% CBQL, giáo viên được bồi dưỡng về chuyên đổi số.\n- Tỷ lệ học sinh bỏ học dưới 0,5%.\n"
            "HIỆU TRƯỞNG\nNguyễn Văn A\n").encode()
    report = client.post("/plans/import", data={"file": (io.BytesIO(text), "ke-hoach.txt")},
                         content_type="multipart/form-data", headers=school)
    assert report.status_code == 201, report.json
    proposals = {t["proposed_indicator_code"]: t for t in report.json["targets"]}
    assert {"STAFF_DIGITAL_TRAINED", "DROPOUT"} <= set(proposals)
    assert proposals["DROPOUT"]["proposed_indicator_name"] == "Tỷ lệ học sinh bỏ học"
    assert 0 < proposals["DROPOUT"]["proposal_confidence"] <= 1
    plan = report.json["plan"]
    assert all(t["indicator_confirmed"] is False and t["proposal_confidence"] for t in plan["targets"])
    refused = client.post(f"/plans/{plan['id']}/submit", headers=school)
    assert all("đề xuất" in m for m in errors_of(refused).values())
    # the school confirms (its form sends the targets back): linked, confirmed, the proposal kept
    confirmed = [{k: t[k] for k in ("text", "comparator", "value", "unit", "horizon", "indicator_code",
                                     "source_sentence", "proposed_indicator_code", "proposal_confidence")}
                 for t in plan["targets"]]
    saved = client.patch(f"/plans/{plan['id']}", json={"targets": confirmed},
                         headers={**school, "If-Match": report.headers.get("ETag") or
                                  client.get(f"/plans/{plan['id']}", headers=school).headers["ETag"]})
    assert saved.status_code == 200, saved.json
    assert all(t["indicator_confirmed"] for t in saved.json["targets"])
    assert client.post(f"/plans/{plan['id']}/submit", headers=school).status_code == 200


def test_the_worker_keeps_the_highest_catalogue_version_of_each_province(fresh_databases, catalogue_event):
    from edu71.bus.producer import EventProducer
    from edu71.contracts import Contracts
    from edu71.worker import Worker
    from plans import bootstrap, config
    from plans.worker import spec

    published = catalogue_event
    catalogues = bootstrap.use_cases(config.load()).catalogues
    settings = config.load().platform
    contracts = Contracts(settings.contracts_dir)
    worker = Worker(settings, spec(group=fresh_group("plans-test")))
    producer = EventProducer(settings.kafka, contracts, "plans-test")
    province = f"{uuid.uuid4().int % 90 + 10}"  # its events are keyed by province; fresh databases per test
    try:
        worker.start()
        v1, v3 = published(province, 1), published(province, 3)
        v2 = published(province, 2, indicators=[i for i in v1.data["indicators"] if i["code"] != "DROPOUT"])
        assert all(d.ok for d in producer.publish([v1, v3, v2, v1]))
        wait_until(lambda: (c := catalogues.current(province)) is not None and c.version == 3,
                   "the catalogue of the highest version", timeout=90)
        producer.publish([v2])
        view = catalogues.current(province)
        assert view.version == 3 and "DROPOUT" in view  # older versions arriving later change nothing
    finally:
        worker.shutdown()
        producer.close()
