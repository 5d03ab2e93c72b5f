"""The rounds of a province are read from its list (indicators.adapters.round_lists), not from the collection:
what the list shows comes from its entries, rounds opened together are all listed, a school sees only the rounds
its level reports in, and rounds stored before the lists existed are listed once the worker backfills them
(real FerretDB)."""
from __future__ import annotations

import threading

import pytest

from edu71_testing import bearer

pytestmark = pytest.mark.integration


def _names(response) -> list[str]:
    assert response.status_code == 200, response.json
    return [r["name"] for r in response.json["items"]]


def test_a_provinces_rounds_come_from_its_list_and_the_backfill_lists_what_came_before(client, tokens, open_round):
    from indicators.adapters import round_lists
    from indicators.adapters.documents import Round

    first = open_round(name="Đợt 1")
    head = Round._get_collection().find_one({"_id": first["id"]})
    Round._get_collection().insert_one({**head, "_id": "before-lists", "name": "Đợt cũ",
                                        "opens_at": head["opens_at"].replace(year=2025)})
    city = bearer(tokens.city("31"))
    assert _names(client.get("/rounds", headers=city)) == ["Đợt 1"]
    assert round_lists.backfill() == 1
    assert _names(client.get("/rounds", headers=city)) == ["Đợt 1", "Đợt cũ"]
    assert _names(client.get(f"/rounds?school_year={head['school_year']}", headers=city)) == ["Đợt 1", "Đợt cũ"]
    assert _names(client.get("/rounds?school_year=1999-2000", headers=city)) == []
    assert round_lists.backfill() == 0


def test_rounds_opened_together_are_all_listed_and_a_school_sees_its_levels_only(client, tokens, schools, round_body):
    from indicators.app import create_app

    start, failures = threading.Barrier(4), []

    def open_some(i: int) -> None:
        own = create_app().test_client()
        start.wait()
        for n in range(3):
            levels = ["thcs"] if n == 0 else ["tieu_hoc", "thcs"]
            r = own.post("/rounds", json=round_body(name=f"Đợt {i}.{n}", school_levels=levels),
                         headers=bearer(tokens.city("31")))
            if r.status_code != 201:
                failures.append(r.json)

    threads = [threading.Thread(target=open_some, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert failures == []
    everything = client.get("/rounds?page_size=100", headers=bearer(tokens.city("31"))).json
    assert everything["total"] == 12
    assert sorted(_names(client.get("/rounds?page_size=100", headers=bearer(tokens.school(schools["primary"]))))) == \
        sorted(f"Đợt {i}.{n}" for i in range(4) for n in (1, 2))
    assert client.get("/rounds", headers=bearer(tokens.school(schools["thcs"]))).json["total"] == 12
    assert client.get("/rounds?province_code=79", headers=bearer(tokens.city("31"))).json["total"] == 0
    paged = [client.get(f"/rounds?page_size=5&page={n}", headers=bearer(tokens.city("31"))).json for n in (1, 2, 3)]
    assert [r["id"] for p in paged for r in p["items"]] == [r["id"] for r in everything["items"]]
