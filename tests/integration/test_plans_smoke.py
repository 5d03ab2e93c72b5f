import pytest

from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer

pytestmark = pytest.mark.integration


def test_school_creates_and_submits_a_plan(fresh_databases, tokens):
    from plans.app import create_app
    from plans.adapters.documents import Plan

    client = create_app().test_client()
    school = SEED_SCHOOLS[1]
    r = client.post("/plans", json={"title": "Kế hoạch thực hiện Nghị quyết 71", "year": 2026, "number_symbol": "28/KH-THCSTT2"},
                    headers=bearer(tokens.school(school)))
    assert r.status_code == 201, r.json
    plan_id = r.json["id"]
    r = client.post(f"/plans/{plan_id}/submit", headers=bearer(tokens.school(school)))
    assert r.status_code == 200, r.json
    from edu71.bus.outbox import recorded_events

    assert [e.name for e in recorded_events(Plan, plan_id)] == ["PlanSubmitted"]
