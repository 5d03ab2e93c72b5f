"""Property: whatever order, duplicates and stale revisions the events arrive in, the city roll-up
equals a brute-force recomputation from the raw submissions (latest revision of each school).

Runs the real handlers against the real store and reads the result through the API.
"""
from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edu71_testing import bearer

from ..support import SCHOOLS, count, ratio

pytestmark = pytest.mark.integration

HP_SCHOOLS = [SCHOOLS["thcs_hp"], SCHOOLS["th_hp"], SCHOOLS["thcs_hp2"]]


@st.composite
def submissions(draw):
    """For each Hải Phòng school, 0–3 revisions of (drop-outs of pupils, smart classrooms)."""
    out = {}
    for school in HP_SCHOOLS:
        revisions = []
        for _ in range(draw(st.integers(0, 3))):
            pupils = draw(st.integers(1, 1200))
            revisions.append((draw(st.integers(0, pupils)), pupils, draw(st.integers(0, 6))))
        out[school.code] = revisions
    return out


@pytest.fixture
def client(reports_settings):
    from reports.app import create_app

    return create_app().test_client()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=submissions(), data=st.data())
def test_city_rollup_equals_brute_force_whatever_the_delivery(raw, data, reports_settings, client, events, tokens,
                                                              project):
    from ..support import consume

    round_id = f"prop-{uuid.uuid4().hex[:10]}"
    sent = [
        events.values(school, rev, [ratio("DROPOUT", dropped, pupils), count("SMART_CLASSROOMS", rooms)],
                      round_id=round_id)
        for school in HP_SCHOOLS
        for rev, (dropped, pupils, rooms) in enumerate(raw[school.code], start=1)
    ]
    # Delivery: any order, with re-deliveries of any events.
    deliveries = data.draw(st.permutations(sent + data.draw(st.lists(st.sampled_from(sent), max_size=4))
                                           if sent else []))
    for event in deliveries:
        consume(event)
    project()

    latest = [revs[-1] for revs in raw.values() if revs]
    r = client.get(f"/rollups/{round_id}?scope=province&code=31", headers=bearer(tokens.city("31")))
    if not latest:
        assert r.status_code == 404
        return
    assert r.status_code == 200, r.json
    got = {i["indicator_code"]: i for i in r.json["indicators"]}
    assert r.json["schools_reporting"] == len(latest)
    assert got["DROPOUT"]["numerator"] == sum(d for d, _, _ in latest)
    assert got["DROPOUT"]["denominator"] == sum(p for _, p, _ in latest)
    assert got["DROPOUT"]["value"] == pytest.approx(sum(d for d, _, _ in latest) / sum(p for _, p, _ in latest))
    assert got["SMART_CLASSROOMS"]["value"] == sum(rooms for _, _, rooms in latest)
