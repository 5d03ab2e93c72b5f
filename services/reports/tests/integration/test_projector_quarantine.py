"""One source row the projector cannot apply is set aside; every other row still reaches the views.

Over the real store. Such a row once made the projector's loop crash and
restart into it again, at each load too, so no view of any province changed.
"""
from __future__ import annotations

import pytest
from mongoengine.connection import get_db

from edu71_testing import bearer

from ..support import SCHOOLS, consume, ratio

pytestmark = pytest.mark.integration


@pytest.fixture
def client(reports_settings):
    from reports.app import create_app

    return create_app().test_client()


def handle(*events):
    for event in events:
        consume(event)


def _completeness(client, tokens, round_id) -> dict:
    r = client.get(f"/rounds/{round_id}/completeness", headers=bearer(tokens.city("31")))
    assert r.status_code == 200, r.json
    return r.json["completeness"]


def test_a_row_the_model_cannot_apply_is_set_aside_and_the_rest_is_projected(reports_settings, events, round_id,
                                                                             project, client, tokens):
    from reports.adapters.documents import ALIAS
    from reports.adapters.projection import HINTS, QUARANTINE, hint
    from reports.domain.model import SCHOOL_VALUES

    school = SCHOOLS["thcs_hp"]
    handle(events.catalogue(), events.round_opened(round_id, indicator_codes=["TEACHERS_QUALIFIED"]),
           events.school(school))
    project()
    db = get_db(ALIAS)
    # A damaged row (no school, no revision) hinted before a good submission of the same round.
    db[SCHOOL_VALUES.collection].insert_one({"_id": "damaged", "round_id": round_id})
    hint(db, SCHOOL_VALUES.collection, "damaged")
    handle(events.values(school, 1, [ratio("TEACHERS_QUALIFIED", 29, 30)], round_id=round_id))

    project()
    assert db[HINTS].count_documents({}) == 0
    assert _completeness(client, tokens, round_id)["submitted"] == 1
    [kept] = list(db[QUARANTINE].find())
    assert kept["coll"] == SCHOOL_VALUES.collection and kept["doc"] == "damaged" and "KeyError" in kept["reason"]

    # A projector starting afresh loads every row, the damaged one included, and still builds the views.
    from edu71.config import platform_settings
    from edu71.contracts import Contracts
    from reports.adapters.projector import Projector

    fresh = Projector(Contracts(platform_settings("reports").contracts_dir))
    fresh.catch_up()
    assert fresh.model is not None and _completeness(client, tokens, round_id)["submitted"] == 1
