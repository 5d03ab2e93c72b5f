"""Implausible changes against the school's previous round: accepted, with warnings kept with the revision."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from edu71_testing import bearer
from edu71.vn import iso_vn

pytestmark = pytest.mark.integration


def test_a_jump_from_the_previous_round_is_accepted_with_warnings(client, tokens, schools, open_round):
    school = schools["thcs"]
    headers = bearer(tokens.school(school))
    now = datetime.now(timezone.utc)
    earlier = open_round(name="Sơ kết học kỳ I năm học 2025–2026", opens_at=iso_vn(now - timedelta(days=20)))
    later = open_round(name="Tổng kết năm học 2025–2026")
    before = [{"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45, "denominator": 47},
              {"indicator_code": "CLASSES", "value": 38},
              {"indicator_code": "PCGD_LEVEL", "level": 3}]
    r = client.put(f"/rounds/{earlier['id']}/submissions/{school.code}", json={"values": before}, headers=headers)
    assert r.status_code == 201 and r.json["warnings"] == []

    jump = [{"indicator_code": "TEACHERS_QUALIFIED", "numerator": 10, "denominator": 47},
            {"indicator_code": "CLASSES", "value": 39},
            {"indicator_code": "PCGD_LEVEL", "level": 1}]
    r = client.put(f"/rounds/{later['id']}/submissions/{school.code}", json={"values": jump},
                   headers={**headers, "Idempotency-Key": "jump-1"})
    assert r.status_code == 201, r.json
    assert [w["field"] for w in r.json["warnings"]] == ["values.TEACHERS_QUALIFIED.numerator",
                                                       "values.PCGD_LEVEL.level"]
    assert all("Sơ kết học kỳ I" in w["message"] for w in r.json["warnings"])

    # Kept with the revision: visible later, and in a replay of the same request.
    stored = client.get(f"/rounds/{later['id']}/submissions/{school.code}", headers=headers).json
    assert stored["history"][0]["warnings"] == r.json["warnings"]
    replay = client.put(f"/rounds/{later['id']}/submissions/{school.code}", json={"values": jump},
                        headers={**headers, "Idempotency-Key": "jump-1"})
    assert replay.headers["Idempotent-Replayed"] == "true" and replay.json["warnings"] == r.json["warnings"]

    # A correction that brings the value back gives no warning on its revision.
    fixed = client.put(f"/rounds/{later['id']}/submissions/{school.code}",
                       json={"values": [{"indicator_code": "TEACHERS_QUALIFIED", "numerator": 44, "denominator": 47}]},
                       headers=headers)
    assert fixed.status_code == 200 and fixed.json["revision"] == 2 and fixed.json["warnings"] == []
