"""The delivery log (``GET /deliveries``) is read from its lists (notifications.adapters.delivery_lists), never from the
collection: with a collection that refuses every filter but ``_id`` each role's log still answers, for every status;
a delivery moves from the pending list to its final one and is never in two; a delivery stored but not listed is
listed when the queue meets it again; deliveries stored before the lists existed are listed once by the worker's
backfill (the real store)."""
from __future__ import annotations

import pytest

from edu71_testing import bearer, refuse_scans

from ..support import THCS_HCM, TH_HP, routes

pytestmark = pytest.mark.integration


@pytest.fixture
def client(notifications_settings):
    from notifications.app import create_app

    return create_app().test_client()


@pytest.fixture
def only_by_id(monkeypatch):
    """Deliveries whose collection refuses every read but by ``_id`` (switched on by calling it)."""
    from notifications.adapters.documents import Delivery

    return lambda: refuse_scans(monkeypatch, Delivery)


def _mail_three_units(wired, directory, indicator_events, plan_events):
    """E-mails to a school and its commune in Hồ Chí Minh City, and to a commune and the city in Hải Phòng."""
    mapping = routes(wired)
    for event in (directory.school_user("u-hcm", THCS_HCM, email="hcm@thcs.edu.vn"),
                  directory.commune_user("u-xa-hcm", "27496", "79", email="xa@tanan.gov.vn"),
                  directory.commune_user("u-xa", "10744", "31", email="xa@ubnd.vn"),
                  directory.city_user("u-so", "31", email="so@sgd.vn")):
        mapping["UserRegistered"](event)
    mapping["CataloguePublished"](indicator_events.catalogue())
    wired.notices.plan_event(plan_events.returned(THCS_HCM, [{"anchor_kind": "plan", "anchor": "", "text": "Sửa"}]))
    wired.notices.plan_event(plan_events.submitted(THCS_HCM))
    wired.notices.indicator_reported(indicator_events.submitted(TH_HP, "rnd-1", dropout=(3, 400)))


def _admin(tokens) -> str:
    return tokens.issuer.issue(sub="quantri", name="Quản trị viên", role="admin", org_unit="edu71")


def _addresses(client, token, query: str = "") -> tuple[int, list[str]]:
    response = client.get(f"/deliveries{query}", headers=bearer(token))
    assert response.status_code == 200, response.json
    return response.json["total"], [d["address"] for d in response.json["items"]]


def test_every_roles_log_answers_for_every_status_without_reading_the_collection(
        client, tokens, wiring, directory, indicator_events, plan_events, smtp_sink, clock, only_by_id):
    from notifications.adapters.documents import Delivery

    wired, queue = wiring, wiring.deliveries
    _mail_three_units(wired, directory, indicator_events, plan_events)
    assert queue.run_once() == 4  # sent
    smtp_sink.stop()
    wired.notices.plan_event(plan_events.returned(THCS_HCM, [{"anchor_kind": "plan", "anchor": "", "text": "Lại"}]))
    assert queue.run_once() == 1  # waiting for a retry
    expected = sorted(d.address for d in Delivery.objects())
    assert expected == ["hcm@thcs.edu.vn", "hcm@thcs.edu.vn", "so@sgd.vn", "xa@tanan.gov.vn", "xa@ubnd.vn"]
    only_by_id()

    admin, city = _admin(tokens), tokens.city("31")
    school, commune = tokens.school(THCS_HCM), tokens.commune("27496", "79")
    total, everything = _addresses(client, admin)
    assert (total, sorted(everything)) == (5, expected)
    assert _addresses(client, admin, "?status=delivered")[0] == 4
    assert _addresses(client, admin, "?status=pending") == (1, ["hcm@thcs.edu.vn"])
    assert _addresses(client, admin, "?status=failed") == (0, [])
    assert _addresses(client, admin, "?channel=webhook") == (0, [])
    assert sorted(_addresses(client, city)[1]) == ["so@sgd.vn", "xa@ubnd.vn"]
    total, shown = _addresses(client, commune)  # what was sent to it and to its schools
    assert (total, sorted(shown)) == (3, ["hcm@thcs.edu.vn", "hcm@thcs.edu.vn", "xa@tanan.gov.vn"])
    assert _addresses(client, school, "?channel=email") == (2, ["hcm@thcs.edu.vn"] * 2)
    assert _addresses(client, school, "?status=delivered") == (1, ["hcm@thcs.edu.vn"])
    page = client.get("/deliveries?page_size=3&page=2", headers=bearer(admin)).json
    assert page["total"] == 5 and [d["address"] for d in page["items"]] == everything[3:]
    times = [d["created_at"] for d in client.get("/deliveries", headers=bearer(admin)).json["items"]]
    assert times == sorted(times, reverse=True)
    # An administrator's log of one province, from that province's lists alone.
    assert sorted(_addresses(client, admin, "?province_code=31")[1]) == ["so@sgd.vn", "xa@ubnd.vn"]
    assert _addresses(client, admin, "?province_code=79&status=pending") == (1, ["hcm@thcs.edu.vn"])
    assert client.get("/deliveries?province_code=7", headers=bearer(admin)).status_code == 422
    assert client.get("/deliveries?province_code=79", headers=bearer(city)).status_code == 403


def test_a_delivery_moves_from_the_pending_list_to_its_final_one_and_is_never_in_two(
        client, tokens, wiring, directory, plan_events, smtp_sink, clock):
    from notifications.adapters import delivery_lists
    from notifications.adapters.documents import Delivery

    wired, queue = wiring, wiring.deliveries
    routes(wired)["UserRegistered"](directory.school_user("u-hcm", THCS_HCM, email="hcm@thcs.edu.vn"))
    wired.notices.plan_event(plan_events.returned(THCS_HCM, [{"anchor_kind": "plan", "anchor": "", "text": "Sửa"}]))
    [delivery] = Delivery.objects()
    school = tokens.school(THCS_HCM)

    def listed() -> dict[str, list[str]]:
        lists = {status: [item.id for item in delivery_lists.LISTS.items(f"province:79|{status}")]
                 for status in delivery_lists.STATUSES}
        shown = {status: [d["id"] for d in client.get(f"/deliveries?status={status}",
                                                       headers=bearer(school)).json["items"]]
                 for status in delivery_lists.STATUSES}
        assert shown == lists
        return lists

    assert listed() == {"pending": [delivery.id], "delivered": [], "failed": []}
    smtp_sink.stop()
    for wait in (60, 120, None):
        assert queue.run_once() == 1
        assert listed() == {"pending": [delivery.id] if wait else [], "delivered": [],
                            "failed": [] if wait else [delivery.id]}
        if wait:
            clock.advance(seconds=wait)
    assert _addresses(client, school) == (1, ["hcm@thcs.edu.vn"])
    # A late replay of an earlier version (pending, version 1) changes nothing.
    delivery_lists.record(Delivery._from_son({**Delivery._get_collection().find_one({"_id": delivery.id}),
                                              "status": "pending", "_v": 1}))
    assert listed() == {"pending": [], "delivered": [], "failed": [delivery.id]}


def test_a_delivery_stored_but_not_listed_is_listed_when_the_queue_meets_it_again(
        client, tokens, wiring, directory, plan_events, smtp_sink):
    from edu71.bus.outbox import load, save_with_events
    from notifications.adapters import delivery_lists
    from notifications.adapters.documents import Delivery

    wired, queue = wiring, wiring.deliveries
    routes(wired)["UserRegistered"](directory.school_user("u-hcm", THCS_HCM, email="hcm@thcs.edu.vn"))
    wired.notices.plan_event(plan_events.returned(THCS_HCM, [{"anchor_kind": "plan", "anchor": "", "text": "Sửa"}]))
    [entry] = queue.deliveries.ready(10, wired.deliveries.clock())
    [delivery] = Delivery.objects()
    # What a worker that died after storing the outcome, before listing it and letting go of the entry, leaves.
    delivery.status, delivery.attempts = "delivered", 1
    save_with_events(delivery, expected_version=1)
    delivery_lists.LISTS.collection.drop()
    school = bearer(tokens.school(THCS_HCM))
    assert client.get("/deliveries", headers=school).json["total"] == 0
    assert queue.run_once() == 0  # nothing to send...
    body = client.get("/deliveries?status=delivered", headers=school).json  # ...and it is listed
    assert (body["total"], [d["id"] for d in body["items"]]) == (1, [delivery.id])
    assert load(Delivery, delivery.id).attempts == 1 and queue.deliveries.ready(10, entry["at"]) == []


def test_the_worker_lists_deliveries_stored_before_the_lists_existed_once(
        client, tokens, wiring, directory, indicator_events, plan_events):
    from notifications.adapters import delivery_lists
    from notifications.adapters.deliveries import Deliveries
    from notifications.adapters.documents import Delivery

    _mail_three_units(wiring, directory, indicator_events, plan_events)
    stored = Delivery._get_collection().find_one({"recipient_role": "city"})
    # Stored before the lists existed: in the collection, in no list (a scan of the collection would show it).
    Delivery._get_collection().insert_one({**stored, "_id": "older", "dedupe_key": "older", "status": "failed",
                                           "created_at": stored["created_at"].replace(year=2025)})
    city = tokens.city("31")
    total, shown = _addresses(client, city)
    assert (total, sorted(shown)) == (2, ["so@sgd.vn", "xa@ubnd.vn"])
    delivery_lists.LISTS.collection.drop()  # and the others were never listed either
    assert _addresses(client, _admin(tokens)) == (0, [])
    assert Deliveries().backfill() == 5 * 3  # each in its recipient's, its commune's and its province's lists
    total, shown = _addresses(client, city)
    assert (total, sorted(shown[:2]), shown[2]) == (3, ["so@sgd.vn", "xa@ubnd.vn"], "so@sgd.vn")
    assert _addresses(client, city, "?status=failed") == (1, ["so@sgd.vn"])
    assert _addresses(client, _admin(tokens))[0] == 5
    assert Deliveries().backfill() == 0  # done once, marked
