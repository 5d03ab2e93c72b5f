"""Plans of communes/wards (UBND xã/phường) and of the city, and plans rechecked when the catalogue changes
(real FerretDB; the worker's catalogue handler called as the worker calls it)."""
from __future__ import annotations

import pytest

from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer

pytestmark = pytest.mark.integration

HIEN_THANH = SEED_SCHOOLS[0]  # primary school of commune 10744, Hải Phòng (31)
COMMUNE = "10744"
PLAN = {"title": "Kế hoạch thực hiện Nghị quyết 71-NQ/TW trên địa bàn phường", "year": 2026,
        "number_symbol": "45/KH-UBND", "issued_on": "2026-02-10"}
TEACHERS = {"text": "100% giáo viên đạt chuẩn trình độ đào tạo", "comparator": ">=", "value": 100, "unit": "%",
            "horizon": "2030", "indicator_code": "TEACHERS_QUALIFIED"}
DROPOUT = {"text": "Tỷ lệ học sinh bỏ học không quá 0,5%", "comparator": "<=", "value": 0.5, "unit": "%",
           "horizon": "2030", "indicator_code": "DROPOUT"}


@pytest.fixture
def client(fresh_databases):
    from plans.app import create_app

    return create_app().test_client()


def events_of(plan_id: str) -> list:
    from edu71.bus.outbox import history
    from plans.adapters.documents import Plan

    return [e for change in history(Plan, plan_id) for e in change["events"]]


def second_city_user(tokens) -> str:
    return tokens.issuer.issue(sub="city-31-lanh-dao", name="Lãnh đạo Sở", role="city", org_unit="31")


def test_a_commune_writes_its_own_plan_and_the_city_reviews_it(client, tokens, catalogue_received):
    catalogue_received("31")
    commune = bearer(tokens.commune(COMMUNE))
    created = client.post("/plans", json={**PLAN, "targets": [TEACHERS]}, headers=commune)
    assert created.status_code == 201, created.json
    plan = created.json
    assert plan["owner_kind"] == "commune" and plan["school_code"] is None
    assert plan["issuer"] == {"kind": "commune", "code": COMMUNE, "name": "UBND Phường Nguyễn Đại Năng",
                              "commune_code": COMMUNE, "province_code": "31", "level": None}
    assert plan["targets"][0]["indicator_name"] == "Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo"
    pid = plan["id"]

    # Who sees the draft: the commune and its city; not another commune, not the commune's school yet.
    school = bearer(tokens.school(HIEN_THANH))
    assert client.get(f"/plans/{pid}", headers=bearer(tokens.city("31"))).status_code == 200
    assert client.get(f"/plans/{pid}", headers=bearer(tokens.commune("11560"))).status_code == 404
    assert client.get(f"/plans/{pid}", headers=bearer(tokens.city("79"))).status_code == 404
    assert client.get(f"/plans/{pid}", headers=school).status_code == 404
    assert [p["id"] for p in client.get("/plans", headers=commune).json["items"]] == [pid]

    # Only the commune edits and submits it; the commune may not approve its own plan.
    assert client.patch(f"/plans/{pid}", json={"title": "x"},
                        headers={**bearer(tokens.city("31")), "If-Match": created.headers["ETag"]}).status_code == 403
    assert client.post(f"/plans/{pid}/submit", headers=bearer(tokens.city("31"))).status_code == 403
    assert client.post(f"/plans/{pid}/submit", headers=commune).status_code == 200
    assert client.post(f"/plans/{pid}/approve", json={}, headers=commune).status_code == 403
    queue = client.get("/plans?status=submitted", headers=bearer(tokens.city("31"))).json["items"]
    assert [(p["id"], p["issuer"]["name"]) for p in queue] == [(pid, "UBND Phường Nguyễn Đại Năng")]
    returned = client.post(f"/plans/{pid}/return", json={"comments": [{"anchor_kind": "plan", "text": "Bổ sung"}]},
                           headers=bearer(tokens.city("31")))
    assert returned.status_code == 200, returned.json
    assert client.post(f"/plans/{pid}/submit", headers=commune).status_code == 200
    approved = client.post(f"/plans/{pid}/approve", json={"comment": "Đồng ý"}, headers=bearer(tokens.city("31")))
    assert approved.status_code == 200 and approved.json["status"] == "approved"

    events = events_of(pid)
    assert [e.name for e in events] == ["PlanSubmitted", "PlanReturned", "PlanSubmitted", "PlanApproved"]
    for e in events:
        assert "school" not in e.data and e.subject == COMMUNE
        assert e.data["issuer"] == {"kind": "commune", "code": COMMUNE, "name": "UBND Phường Nguyễn Đại Năng",
                                    "commune_code": COMMUNE, "province_code": "31"}
    assert events[-1].data["targets"][0]["indicator_code"] == "TEACHERS_QUALIFIED"

    # Approved, its schools read it (read only) to align to it, and list it when they ask for commune plans.
    assert client.get(f"/plans/{pid}", headers=school).status_code == 200
    assert [p["id"] for p in client.get("/plans?owner_kind=commune", headers=school).json["items"]] == [pid]
    assert client.get("/plans", headers=school).json["total"] == 0  # its own plans: none
    assert client.get("/plans?owner_kind=commune", headers=bearer(tokens.school(SEED_SCHOOLS[1]))).json[
        "total"] == 0


def test_a_school_plan_still_names_its_school_and_issuer(client, tokens, catalogue_received):
    catalogue_received("31")
    school = bearer(tokens.school(HIEN_THANH))
    pid = client.post("/plans", json={**PLAN, "number_symbol": "12/KH-THHT"}, headers=school).json["id"]
    assert client.post(f"/plans/{pid}/submit", headers=school).status_code == 200
    [event] = events_of(pid)
    assert event.subject == HIEN_THANH.code and event.data["school"] == HIEN_THANH.as_contract()
    assert event.data["issuer"] == {"kind": "school", **HIEN_THANH.as_contract()}
    assert client.get("/plans?owner_kind=school", headers=school).json["total"] == 1
    # A commune plan is no school's: the school's commune sees it beside the schools' plans.
    client.post("/plans", json=PLAN, headers=bearer(tokens.commune(COMMUNE)))
    kinds = sorted(p["owner_kind"] for p in client.get("/plans", headers=bearer(tokens.commune(COMMUNE))).json[
        "items"])
    assert kinds == ["commune", "school"]


def test_the_city_plan_is_approved_by_another_city_user(client, tokens, catalogue_received):
    catalogue_received("31")
    drafter = bearer(tokens.city("31"))
    created = client.post("/plans", json={**PLAN, "number_symbol": "20/KH-UBND", "targets": [DROPOUT]},
                          headers=drafter)
    assert created.status_code == 201, created.json
    assert created.json["issuer"]["kind"] == "province"
    assert created.json["issuer"]["name"] == "UBND Thành phố Hải Phòng"
    pid = created.json["id"]
    commune = bearer(tokens.commune(COMMUNE))
    assert client.get(f"/plans/{pid}", headers=commune).status_code == 404  # a draft: the city's only
    assert client.post(f"/plans/{pid}/submit", headers=drafter).status_code == 200
    own = client.post(f"/plans/{pid}/approve", json={}, headers=drafter)
    assert own.status_code == 403 and "cán bộ khác" in own.json["detail"]
    assert client.post(f"/plans/{pid}/approve", json={}, headers=bearer(tokens.city("79"))).status_code == 404
    assert client.post(f"/plans/{pid}/approve", json={}, headers=bearer(second_city_user(tokens))).status_code == 200
    assert [e.subject for e in events_of(pid)] == ["31", "31"]
    assert client.get(f"/plans/{pid}", headers=commune).status_code == 200  # approved: communes align to it
    assert [p["id"] for p in client.get("/plans?owner_kind=province", headers=commune).json["items"]] == [pid]


def test_bad_commune_plans_are_refused_with_the_field_named_and_nothing_stored(client, tokens, catalogue_received):
    from plans.adapters.documents import Plan

    catalogue_received("31")
    commune = bearer(tokens.commune(COMMUNE))
    bad = client.post("/plans", json={**PLAN, "targets": [{**TEACHERS, "value": 120}, {**DROPOUT,
                                                                                        "indicator_code": "KHONG_CO"}]},
                      headers=commune)
    assert bad.status_code == 422
    found = {e["field"]: e["message"] for e in bad.json["errors"]}
    assert found["targets.0.value"].startswith("Mục tiêu 1 – Giá trị: tỷ lệ phần trăm phải từ 0 đến 100")
    assert found["targets.1.indicator_code"].startswith("Mục tiêu 2 – Chỉ tiêu:")
    assert client.get("/plans?owner_kind=ward", headers=commune).status_code == 422
    assert client.post("/plans", json=PLAN, headers=bearer(tokens.operator())).status_code == 403
    assert Plan.objects.count() == 0


def test_a_new_catalogue_flags_the_targets_it_no_longer_fits_idempotently(client, tokens, catalogue_event):
    from edu71.bus.outbox import history
    from plans import bootstrap, config
    from plans.adapters.documents import Plan

    catalogues = bootstrap.use_cases(config.load()).catalogues
    v1 = catalogue_event("31", 1)
    catalogues.keep(v1)
    school = bearer(tokens.school(HIEN_THANH))
    brief = {"text": "100% cán bộ được quán triệt", "comparator": "=", "value": 100, "unit": "%", "horizon": "2026",
             "indicator_code": "STAFF_BRIEFED"}
    created = client.post("/plans", json={**PLAN, "number_symbol": "12/KH-THHT", "targets": [DROPOUT, brief]},
                          headers=school)
    assert created.status_code == 201 and all(t["catalogue_issue"] is None for t in created.json["targets"])
    pid = created.json["id"]

    # Version 2 drops DROPOUT and makes STAFF_BRIEFED a count: both targets are flagged, in Vietnamese.
    changed = [i for i in v1.data["indicators"] if i["code"] != "DROPOUT"]
    changed = [{**i, "value_type": "count", "unit": "người"} if i["code"] == "STAFF_BRIEFED" else i for i in changed]
    v2 = catalogue_event("31", 2, indicators=changed)
    catalogues.keep(v2)
    flagged = client.get(f"/plans/{pid}", headers=school).json["targets"]
    assert flagged[0]["catalogue_issue"] == ("Chỉ tiêu «Tỷ lệ học sinh bỏ học» không còn trong danh mục phiên bản 2; "
                                             "hãy chọn chỉ tiêu khác hoặc «Không gắn chỉ tiêu».")
    assert "Đơn vị «%» không còn phù hợp" in flagged[1]["catalogue_issue"]
    assert "phiên bản 2" in flagged[1]["catalogue_issue"]
    # Visible to the reviewer too, and the plan cannot be submitted while flagged.
    assert client.get(f"/plans/{pid}", headers=bearer(tokens.commune(COMMUNE))).json["targets"][0]["catalogue_issue"]
    refused = client.post(f"/plans/{pid}/submit", headers=school)
    assert refused.status_code == 422 and Plan.objects.get(id=pid).status == "draft"

    # Replays (the same version, an older one) change nothing: no new version of the plan.
    versions = len(list(history(Plan, pid)))
    catalogues.keep(v2)
    catalogues.keep(v1)
    assert len(list(history(Plan, pid))) == versions

    # The school fixes the unit: that flag goes, the dropped indicator's stays until relinked.
    etag = client.get(f"/plans/{pid}", headers=school).headers["ETag"]
    fixed = client.patch(f"/plans/{pid}", json={"targets": [{**DROPOUT, "indicator_code": None, "unlinked": True},
                                                            {**brief, "unit": "người", "value": 30}]},
                         headers={**school, "If-Match": etag})
    assert fixed.status_code == 200, fixed.json
    assert [t["catalogue_issue"] for t in fixed.json["targets"]] == [None, None]
    assert client.post(f"/plans/{pid}/submit", headers=school).status_code == 200

    # A worker that stored version 4 (STAFF_BRIEFED a ratio again) and died before rechecking: the redelivery
    # rechecks, and the submitted plan's count of people is flagged for its reviewers.
    from plans.adapters.documents import KnownCatalogue

    v4 = catalogue_event("31", 4)
    KnownCatalogue(id="31", version=4, indicators=list(v4.data["indicators"])).save()
    catalogues.keep(v4)
    assert "Đơn vị «người» không còn phù hợp" in client.get(f"/plans/{pid}", headers=school).json["targets"][1][
        "catalogue_issue"]

    # A later version that fits again clears the flag.
    catalogues.keep(catalogue_event("31", 5, indicators=changed))
    assert client.get(f"/plans/{pid}", headers=school).json["targets"][1]["catalogue_issue"] is None
