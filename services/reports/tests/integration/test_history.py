"""The history of what the reports service knew: recorded once per row, at first sight, per province; seeded
from the projections' source rows by the backfill."""
from __future__ import annotations

import pytest
from mongoengine.connection import get_db

from ..official_support import rows_of, scenario_events
from ..support import consume

pytestmark = pytest.mark.integration


@pytest.fixture
def base(reports_settings):
    from reports.adapters import basedb

    basedb.connect(reports_settings.platform)
    return get_db(basedb.BASE_ALIAS)


def test_each_row_is_recorded_once_at_its_first_delivery(base, events, round_id):
    from reports.adapters.history import load

    scenario = scenario_events(events, round_id)
    for event in scenario:
        consume(event, history=True)
    first = load("31")
    assert len(first) == sum(len(rows_of(e)) for e in scenario)
    assert [e.at for e in first] == sorted(e.at for e in first)
    for event in scenario:  # every event delivered again
        consume(event, history=True)
    assert load("31") == first
    assert load("79") == []


def test_the_backfill_seeds_the_history_from_the_source_rows(base, events, round_id):
    from reports.adapters.documents import ALIAS
    from reports.adapters.history import backfill, load
    from reports.domain.asof import model_of
    from reports.domain.model import SOURCES, Model
    from reports.domain.views import build_province

    scenario = scenario_events(events, round_id)
    for event in scenario:
        consume(event)
    assert load("31") == []
    added = backfill(get_db(ALIAS), SOURCES)
    entries = load("31")
    assert added == len(entries) == sum(len(rows_of(e)) for e in scenario)
    assert backfill(get_db(ALIAS), SOURCES) == 0  # rows already in the history are kept as they are
    direct = Model()
    for event in scenario:
        for collection, row in rows_of(event):
            direct.apply(collection, row)
    assert build_province(model_of(entries, entries[-1].at), "31") == build_province(direct, "31")
