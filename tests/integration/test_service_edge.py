"""What every service API shares, checked on the plans API: auth scope, problem details, ops endpoints."""
from __future__ import annotations

import pytest

from edu71.orgs import SEED_SCHOOLS, demo_schools
from edu71.testing import bearer

pytestmark = pytest.mark.integration

HIEN_THANH, THI_TRAN = SEED_SCHOOLS  # primary in Hải Phòng (31); lower secondary in TP. HCM (79)


@pytest.fixture
def client(fresh_databases):
    from plans.app import create_app

    return create_app().test_client()


def _plan(client, token, **extra):
    body = {"title": "Kế hoạch thực hiện Nghị quyết 71-NQ/TW", "year": 2026, "number_symbol": "28/KH-THCSTT2", **extra}
    r = client.post("/plans", json=body, headers=bearer(token))
    assert r.status_code == 201, r.json
    return r.json


def _is_problem(response, status):
    assert response.status_code == status, response.data
    assert response.mimetype == "application/problem+json"
    body = response.json
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in response.get_data(as_text=True)
    return body


def test_no_token_or_a_forged_token_is_401(client, tokens, stack):
    _is_problem(client.get("/plans"), 401)
    forged = tokens.school(HIEN_THANH)[:-4] + "AAAA"
    body = _is_problem(client.get("/plans", headers=bearer(forged)), 401)
    assert "hết hạn" in body["detail"] or "không hợp lệ" in body["detail"]


def test_a_school_sees_and_changes_only_its_own_plans(client, tokens):
    plan = _plan(client, tokens.school(HIEN_THANH))
    other = demo_schools()[0]
    assert client.get(f"/plans/{plan['id']}", headers=bearer(tokens.school(other))).status_code == 404
    assert client.post(f"/plans/{plan['id']}/submit", headers=bearer(tokens.school(other))).status_code == 404
    listed = client.get("/plans", headers=bearer(tokens.school(other))).json
    assert listed["total"] == 0
    own = client.get("/plans", headers=bearer(tokens.school(HIEN_THANH))).json
    assert [p["id"] for p in own["items"]] == [plan["id"]]
    # Filtering by one's own unit narrows nothing; by another's finds nothing (never a 500).
    mine = bearer(tokens.school(HIEN_THANH))
    assert [p["id"] for p in client.get(f"/plans?school_code={HIEN_THANH.code}", headers=mine).json["items"]] == [
        plan["id"]]
    assert client.get(f"/plans?school_code={other.code}", headers=mine).json["total"] == 0


def test_reviewers_filter_plans_by_their_own_unit(client, tokens):
    plan = _plan(client, tokens.school(HIEN_THANH))
    for token, query in ((tokens.commune(HIEN_THANH.commune_code), f"commune_code={HIEN_THANH.commune_code}"),
                         (tokens.city(HIEN_THANH.province_code), f"province_code={HIEN_THANH.province_code}")):
        r = client.get(f"/plans?{query}", headers=bearer(token))
        assert r.status_code == 200, r.json
        assert [p["id"] for p in r.json["items"]] == [plan["id"]]
    elsewhere = client.get("/plans?commune_code=27496", headers=bearer(tokens.commune(HIEN_THANH.commune_code)))
    assert elsewhere.status_code == 200 and elsewhere.json["total"] == 0


def test_reviewers_act_only_within_their_commune_and_level(client, tokens):
    plan = _plan(client, tokens.school(HIEN_THANH))
    assert client.post(f"/plans/{plan['id']}/submit", headers=bearer(tokens.school(HIEN_THANH))).status_code == 200
    # A reviewer of another commune cannot even see it; the city of another province neither.
    assert client.post(f"/plans/{plan['id']}/approve", json={},
                       headers=bearer(tokens.commune("10735"))).status_code == 404
    assert client.post(f"/plans/{plan['id']}/approve", json={},
                       headers=bearer(tokens.city("79"))).status_code == 404
    # An operator monitors; it does not read school data.
    _is_problem(client.get("/plans", headers=bearer(tokens.operator())), 403)
    r = client.post(f"/plans/{plan['id']}/approve", json={"comment": "Đồng ý"},
                    headers=bearer(tokens.commune(HIEN_THANH.commune_code)))
    assert r.status_code == 200, r.json
    assert r.json["status"] == "approved"


def test_upper_secondary_plans_are_for_the_city_not_the_commune(client, tokens):
    thpt = next(s for s in demo_schools() if s.level.value == "thpt")
    plan = _plan(client, tokens.school(thpt))
    client.post(f"/plans/{plan['id']}/submit", headers=bearer(tokens.school(thpt)))
    _is_problem(client.post(f"/plans/{plan['id']}/approve", json={},
                            headers=bearer(tokens.commune(thpt.commune_code))), 403)
    assert client.post(f"/plans/{plan['id']}/approve", json={},
                       headers=bearer(tokens.city(thpt.province_code))).status_code == 200


def test_bad_input_is_a_vietnamese_problem_and_stores_nothing(client, tokens):
    from plans.adapters.documents import Plan

    token = tokens.school(THI_TRAN)
    r = client.post("/plans", data=b'{"title": "x", ', content_type="application/json", headers=bearer(token))
    _is_problem(r, 400)
    r = client.post("/plans", json={"title": {"$gt": ""}, "year": "năm nay", "bogus": 1}, headers=bearer(token))
    body = _is_problem(r, 422)
    fields = {e["field"]: e["message"] for e in body["errors"]}
    assert set(fields) == {"title", "year", "bogus"}
    assert fields["year"] == "Phải là một số nguyên."
    r = client.post("/plans", json={"title": "x", "year": 2026,
                                    "targets": [{"text": "t", "comparator": "≈", "value": "NaN",
                                                 "horizon": "2030-12-31"}]}, headers=bearer(token))
    body = _is_problem(r, 422)
    assert {e["field"] for e in body["errors"]} == {"targets.0.comparator", "targets.0.value"}
    assert Plan.objects.count() == 0


def test_concurrent_edits_are_caught(client, tokens):
    token = tokens.school(THI_TRAN)
    created = client.post("/plans", json={"title": "Bản đầu", "year": 2026}, headers=bearer(token))
    etag = created.headers["ETag"]
    path = f"/plans/{created.json['id']}"
    _is_problem(client.patch(path, json={"title": "Không có If-Match"}, headers=bearer(token)), 428)
    first = client.patch(path, json={"title": "Sửa lần 1"}, headers={**bearer(token), "If-Match": etag})
    assert first.status_code == 200 and first.headers["ETag"] != etag
    _is_problem(client.patch(path, json={"title": "Sửa trên bản cũ"}, headers={**bearer(token), "If-Match": etag}), 412)
    assert client.get(path, headers=bearer(token)).json["title"] == "Sửa lần 1"


def test_unknown_resources_are_404_problems(client, tokens):
    _is_problem(client.get("/plans/khong-ton-tai", headers=bearer(tokens.city())), 404)
    _is_problem(client.get("/khong-co-trang-nay"), 404)


def test_openapi_docs_and_metrics(client, tokens):
    spec = client.get("/openapi.json").json
    assert spec["openapi"].startswith("3.1") and "/plans/{plan_id}/submit" in spec["paths"]
    page = client.get("/docs")
    assert page.status_code == 200 and b"/docs/assets/swagger-ui-bundle.js" in page.data
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
    client.get("/plans", headers=bearer(tokens.city()))
    text = client.get("/metrics").get_data(as_text=True)
    assert 'edu71_http_request_duration_seconds_count{method="GET",route="/plans",service="plans",status="200"}' in text


def test_readiness_goes_red_when_the_store_is_down(client, stack):
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json["checks"] == {"mongodb": "ok", "kafka": "ok"}
    stack.stop_mongo()
    try:
        down = client.get("/readyz")
        assert down.status_code == 503
        assert down.json["checks"]["mongodb"] == "unreachable"
        assert client.get("/healthz").status_code == 200  # alive, just not ready
    finally:
        stack.start_mongo()
    assert client.get("/readyz").status_code == 200


def test_readiness_answers_at_once_while_kafka_hangs(fresh_databases, monkeypatch):
    """A broker that swallows connections (a blackhole address) must not hold /readyz past a probe's timeout."""
    import socket
    import threading

    from plans.app import create_app

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(0)  # accepts the TCP handshake, never answers Kafka's requests
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", f"127.0.0.1:{silent.getsockname()[1]}")
    client = create_app().test_client()
    answers = []
    asking = threading.Thread(target=lambda: answers.extend(client.get("/readyz") for _ in range(3)), daemon=True)
    asking.start()
    asking.join(3.0)  # the Kubernetes readiness probe's timeout (deploy/k8s)
    silent.close()
    assert len(answers) == 3, "/readyz still waiting on the broker after the probe's timeout"
    assert all(a.status_code == 200 and a.json["checks"] == {"mongodb": "ok", "kafka": "unreachable"}
               for a in answers)
