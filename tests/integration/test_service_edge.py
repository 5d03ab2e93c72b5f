"""What every service API shares, checked on the plans API: auth scope, problem details, ops endpoints."""
from __future__ import annotations

import pytest

from edu71.orgs import SEED_SCHOOLS, demo_schools
from edu71_testing import bearer

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


def test_readiness_goes_red_when_the_store_is_down(client, stack, tokens):
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json["checks"] == {"mongodb": "ok", "kafka": "ok"}
    stack.stop_mongo()
    try:
        down = client.get("/readyz")
        assert down.status_code == 503
        assert down.json["checks"]["mongodb"] == "unreachable"
        # An outage is a 503 the client may retry after a while, never a 500 "system error".
        busy = _is_problem(client.get("/plans", headers=bearer(tokens.city())), 503)
        assert "thử lại" in busy["detail"]
        assert client.get("/healthz").status_code == 200  # alive, just not ready
    finally:
        stack.start_mongo()
    assert client.get("/readyz").status_code == 200


def test_readiness_answers_at_once_while_kafka_hangs(fresh_databases, monkeypatch):
    """A broker that swallows connections (a blackhole address) must not hold /readyz past a probe's timeout.

    The broker check is held until the answers are in, so they come only if /readyz does not wait for it: what
    is checked is whether it answers, not how soon (a 3 s stopwatch on the three requests, as before, could trip
    on a busy host). How long it may wait for a first result is KafkaProbe's ``first_wait``, checked against the
    readiness probe's timeout in the manifests.
    """
    import inspect
    import socket
    import threading

    import yaml

    from edu71.config import REPO_ROOT
    from edu71.web import KafkaProbe
    from plans.app import create_app

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(0)  # accepts the TCP handshake, never answers Kafka's requests
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", f"127.0.0.1:{silent.getsockname()[1]}")
    held, check = threading.Event(), KafkaProbe._check
    monkeypatch.setattr(KafkaProbe, "_check", lambda probe: held.wait(120) and check(probe))
    client = create_app().test_client()
    answers = []
    asking = threading.Thread(target=lambda: answers.extend(client.get("/readyz") for _ in range(3)), daemon=True)
    asking.start()
    asking.join(60)  # a bound on a failing test: a /readyz that waited for the held check would never answer
    held.set()
    silent.close()
    assert len(answers) == 3, "/readyz waited for the broker's check"
    assert all(a.status_code == 200 and a.json["checks"] == {"mongodb": "ok", "kafka": "unreachable"}
               for a in answers)
    manifest = yaml.safe_load_all((REPO_ROOT / "deploy" / "kubernetes" / "base" / "plans.yaml").read_text())
    timeouts = [c["readinessProbe"]["timeoutSeconds"] for doc in manifest if doc and doc.get("kind") == "Deployment"
                for c in doc["spec"]["template"]["spec"]["containers"] if "readinessProbe" in c]
    assert timeouts and inspect.signature(KafkaProbe).parameters["first_wait"].default < min(timeouts)


# -- bad input refused at the edge (edu71.inputs), before anything is stored ----------------------------------------

def _nothing_stored():
    from mongoengine.connection import get_db

    from plans.adapters.documents import Plan

    assert Plan.objects.count() == 0
    assert get_db("plans")["plans_changes"].count_documents({}) == 0


def test_json_nested_100000_deep_is_refused_not_a_crash(client, tokens):
    deep = b'{"title": "x", "year": 2026, "sections": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    body = _is_problem(client.post("/plans", data=deep, content_type="application/json",
                                   headers=bearer(tokens.school(THI_TRAN))), 422)
    assert "lồng nhau quá sâu" in body["detail"]
    shallow_but_too_deep = {"title": "x", "year": 2026, "sections": {"a": "x"}, "legal_bases": [[[[[[[[[[[[[[[[[[[[
        [[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}
    _is_problem(client.post("/plans", json=shallow_but_too_deep, headers=bearer(tokens.school(THI_TRAN))), 422)
    _nothing_stored()


@pytest.mark.parametrize("text", ["\ud800", "a\x00b", "chuông\x07", "\x10", "xoá\x7f", "c1\x85", "\ufffe"])
def test_control_characters_and_lone_surrogates_are_refused_in_any_string(client, tokens, text):
    import json

    token = bearer(tokens.school(THI_TRAN))
    raw = json.dumps({"title": text, "year": 2026, "recipients": ["ok", text]})  # escaped as \\uXXXX
    body = _is_problem(client.post("/plans", data=raw, content_type="application/json", headers=token), 422)
    assert {e["field"] for e in body["errors"]} == {"title", "recipients.1"}
    assert all(e["message"] and "title" not in e["message"] for e in body["errors"])
    _nothing_stored()


def test_tabs_and_line_breaks_stay_allowed_in_text(client, tokens):
    plan = _plan(client, tokens.school(THI_TRAN), sections={"muc_tieu": "Dòng 1\r\n\tDòng 2\n"})
    assert plan["sections"]["muc_tieu"] == "Dòng 1\r\n\tDòng 2\n"


@pytest.mark.parametrize("key", ["a.b", "$set", "$gt", "a\x00b", "dòng\nmới"])
def test_keys_the_store_would_refuse_are_refused_before_anything_is_stored(client, tokens, key):
    r = client.post("/plans", json={"title": "QA", "year": 2026, "sections": {key: "x"}},
                    headers=bearer(tokens.school(THI_TRAN)))
    body = _is_problem(r, 422)
    assert [e["field"].split(".")[0] for e in body["errors"]] == ["sections"]
    _nothing_stored()


def test_a_change_with_a_bad_key_is_refused_on_patch_too(client, tokens):
    token = tokens.school(THI_TRAN)
    created = client.post("/plans", json={"title": "Bản đầu", "year": 2026}, headers=bearer(token))
    r = client.patch(f"/plans/{created.json['id']}", json={"sections": {"$where": "1"}},
                     headers={**bearer(token), "If-Match": created.headers["ETag"]})
    _is_problem(r, 422)
    assert client.get(f"/plans/{created.json['id']}", headers=bearer(token)).json["sections"] == {}


def test_query_strings_and_paths_with_control_characters_are_refused(client, tokens):
    token = bearer(tokens.city())
    body = _is_problem(client.get("/plans?school_code=HP%00X", headers=token), 422)
    assert body["errors"][0]["field"] == "school_code"
    _is_problem(client.get("/plans?status=draft%0d%0aX-Injected:%201", headers=token), 422)
    _is_problem(client.get("/plans/abc%00def", headers=token), 422)
    _is_problem(client.get("/plans?x%07=1", headers=token), 422)


def test_numbers_json_cannot_carry_or_bson_cannot_store_are_refused(client, tokens):
    token = bearer(tokens.school(THI_TRAN))
    thousands_of_digits = b'{"title": "x", "year": 1' + b"0" * 5000 + b"}"
    _is_problem(client.post("/plans", data=thousands_of_digits, content_type="application/json", headers=token), 400)
    for raw in (b'{"title": "x", "year": 2026, "sections": {"a": NaN}}', b'{"title": "x", "year": 1e999}',
                b'{"title": "x", "year": 2026, "targets": [], "x": 99999999999999999999}'):
        _is_problem(client.post("/plans", data=raw, content_type="application/json", headers=token), 422)
    # Where no schema looks, the edge still refuses what BSON or the contracts cannot hold.
    r = client.post("/plans/import", data=b'{"x": [1, 99999999999999999999]}', content_type="application/json",
                    headers=token)
    assert [e["field"] for e in _is_problem(r, 422)["errors"]] == ["x.1"]
    _nothing_stored()


def test_a_year_that_is_not_an_integer_is_refused_not_truncated(client, tokens):
    token = bearer(tokens.school(THI_TRAN))
    for year in (2026.5, True, "2026.5"):
        body = _is_problem(client.post("/plans", json={"title": "x", "year": year}, headers=token), 422)
        assert body["errors"] == [{"field": "year", "message": "Phải là một số nguyên."}]
    assert client.post("/plans", json={"title": "x", "year": 2026.0}, headers=token).json["year"] == 2026
    _is_problem(client.get("/plans?year=2026.5", headers=bearer(tokens.city())), 422)


def test_a_json_operation_wants_a_json_body(client, tokens):
    token = bearer(tokens.school(THI_TRAN))
    for data, content_type in ((b"title=x&year=2026", "application/x-www-form-urlencoded"),
                               (b"<plan><title>x</title></plan>", "application/xml"),
                               (b'{"title": "x", "year": 2026}', "text/plain")):
        body = _is_problem(client.post("/plans", data=data, content_type=content_type, headers=token), 415)
        assert "JSON" in body["detail"]
    _is_problem(client.post("/plans", data=b"", content_type="application/json", headers=token), 422)
    _is_problem(client.post("/plans", headers=token), 415)
    # Authentication is checked first: a caller without a token learns nothing about the body.
    _is_problem(client.post("/plans", data=b"x", content_type="text/plain"), 401)
    _nothing_stored()


def test_405_names_the_allowed_methods(client, tokens):
    r = client.put("/plans", json={}, headers=bearer(tokens.city()))
    _is_problem(r, 405)
    assert set(r.headers["Allow"].split(", ")) >= {"GET", "POST"}


def test_every_documented_error_response_is_problem_json(client):
    spec = client.get("/openapi.json").json
    assert spec["components"]["schemas"]["ProblemDetails"]["required"] == ["type", "title", "status", "detail"]
    documented = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            for status, response in operation.get("responses", {}).items():
                if status == "default" or int(status) >= 400:
                    if "$ref" in response:
                        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
                    documented.append((path, method, status, list(response.get("content", {}))))
    assert documented and all(types == ["application/problem+json"] for *_, types in documented), [
        d for d in documented if d[3] != ["application/problem+json"]]


def test_requests_gunicorn_refuses_itself_are_answered_as_problem_details(fresh_databases, tmp_path):
    """A request line over gunicorn's limit never reaches Flask: it was an English HTML page."""
    import os
    import subprocess
    import sys

    import requests

    from edu71_testing import free_port, wait_until

    port = free_port()
    server = subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "-c", "python:edu71.gunicorn_conf",
         "plans.app:create_app()"],
        env={**os.environ, "EDU71_SERVICE": "plans", "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1",
             "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "prom")},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"

        def up():
            try:
                return requests.get(f"{base}/healthz", timeout=5).status_code == 200
            except requests.RequestException:
                return False

        wait_until(up, "the gunicorn API to answer")
        for response, status in ((requests.get(f"{base}/plans?q={'x' * 5000}", timeout=10), 414),
                                 (requests.get(f"{base}/plans", headers={"X-Big": "y" * 9000}, timeout=10), 431)):
            assert response.status_code == status, response.text[:200]
            assert response.headers["Content-Type"] == "application/problem+json"
            body = response.json()
            assert body["status"] == status and body["title"] and "<html" not in response.text
    finally:
        server.terminate()
        server.wait(30)
