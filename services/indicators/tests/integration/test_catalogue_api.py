"""Catalogue versions over the real store: first publication, city additions and changes, rounds pinning a version."""
from __future__ import annotations

import threading

import pytest

from edu71_testing import bearer

pytestmark = pytest.mark.integration

SWIMMING = {
    "code": "HP_SWIMMING_TAUGHT", "name": "Tỷ lệ học sinh được học bơi", "value_type": "ratio",
    "school_levels": ["tieu_hoc", "thcs"], "direction": "higher",
    "numerator_label": "Số học sinh được học bơi", "denominator_label": "Tổng số học sinh",
    "targets": [{"comparator": ">=", "value": 90, "horizon": 2027, "source": "Sở GD&ĐT Hải Phòng"}],
}


def catalogue_events(province="31"):
    from edu71.bus.outbox import recorded_events
    from indicators.adapters.documents import ProvinceCatalogue

    return [e for e in recorded_events(ProvinceCatalogue, province)]


def test_version_one_is_published_once_even_when_processes_race(client, tokens):
    from edu71.config import platform_settings
    from edu71.contracts import Contracts
    from indicators.catalogues import CatalogueService

    contracts = Contracts(platform_settings("indicators").contracts_dir)
    results, errors = [], []

    def first_use():
        try:
            results.append(CatalogueService(contracts).current("31").version)
        except Exception as exc:  # noqa: BLE001 - the test reports it
            errors.append(exc)

    threads = [threading.Thread(target=first_use) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and results == [1] * 6
    events = catalogue_events()
    assert [e.name for e in events] == ["CataloguePublished"]
    assert events[0].key == "31" and events[0].data["version"] == 1
    assert {i["origin"] for i in events[0].data["indicators"]} == {"national"}

    r = client.get("/catalogue", headers=bearer(tokens.city("31")))
    assert r.status_code == 200 and r.json["version"] == 1 and r.headers["ETag"] == '"v1"'
    assert len(catalogue_events()) == 1
    dropout = next(i for i in r.json["indicators"] if i["code"] == "DROPOUT")
    assert dropout["threshold"]["comparator"] == ">" and dropout["threshold"]["value"] == 0.5
    # What the reports draw trajectories from, and the name tables use, are there for the portal too.
    assert dropout["short_label"] and all(i["short_label"] for i in r.json["indicators"])
    assert any(t.get("baseline") for i in r.json["indicators"] for t in i.get("targets", ())), \
        "no target of Hải Phòng's catalogue shows its baseline"


def test_the_city_adds_and_changes_its_own_indicators(client, tokens):
    city = bearer(tokens.city("31"))
    r = client.post("/catalogue/indicators", json=SWIMMING, headers=city)
    assert r.status_code == 201, r.json
    assert r.json["version"] == 2 and r.headers["ETag"] == '"v2"'
    added = r.json["indicators"][-1]
    assert added["code"] == "HP_SWIMMING_TAUGHT" and added["origin"] == "province"
    assert added["targets"][0]["scope"] == "province"

    events = catalogue_events()
    assert [e.data["version"] for e in events] == [1, 2]
    assert events[1].data["change"] == {"kind": "added", "indicator_code": "HP_SWIMMING_TAUGHT", "fields": []}
    assert events[1].data["published_by"]["role"] == "city"

    # Version 1 stays as it was; the versions list tells what each one changed.
    old = client.get("/catalogue?version=1", headers=city)
    assert old.status_code == 200 and "HP_SWIMMING_TAUGHT" not in {i["code"] for i in old.json["indicators"]}
    assert client.get("/catalogue?version=9", headers=city).status_code == 404
    versions = client.get("/catalogue/versions", headers=city).json
    assert [(v["version"], v["change"]["kind"]) for v in versions] == [(1, "initial"), (2, "added")]

    patch = {"name": "Tỷ lệ học sinh biết bơi", "threshold": {"comparator": "<", "value": 50}}
    url = "/catalogue/indicators/HP_SWIMMING_TAUGHT"
    assert client.patch(url, json=patch, headers=city).status_code == 428
    assert client.patch(url, json=patch, headers={**city, "If-Match": '"v1"'}).status_code == 412
    r = client.patch(url, json=patch, headers={**city, "If-Match": '"v2"'})
    assert r.status_code == 200, r.json
    assert r.json["version"] == 3
    assert catalogue_events()[-1].data["change"] == {"kind": "changed", "indicator_code": "HP_SWIMMING_TAUGHT",
                                                     "fields": ["name", "threshold"]}
    national = client.patch("/catalogue/indicators/DROPOUT", json={"name": "x"}, headers={**city, "If-Match": '"v3"'})
    assert national.status_code == 422
    assert client.patch("/catalogue/indicators/NOPE", json={"name": "x"},
                        headers={**city, "If-Match": '"v3"'}).status_code == 404
    assert len(catalogue_events()) == 3


@pytest.mark.parametrize("body, status", [
    ({**SWIMMING, "code": "DROPOUT"}, 409),
    ({**SWIMMING, "value_type": "percent"}, 422),
    ({**SWIMMING, "numerator_label": ""}, 422),
    ({**SWIMMING, "targets": [{"comparator": ">=", "value": 90, "horizon": 2027, "source": "x",
                               "$where": "1"}]}, 422),
    ({**SWIMMING, "code": {"$gt": ""}}, 422),
])
def test_bad_additions_store_nothing(client, tokens, body, status):
    city = bearer(tokens.city("31"))
    client.get("/catalogue", headers=city)
    r = client.post("/catalogue/indicators", json=body, headers=city)
    assert r.status_code == status, r.json
    assert r.mimetype == "application/problem+json" and r.json["detail"]
    assert len(catalogue_events()) == 1


def test_nan_in_a_target_and_malformed_json_are_refused(client, tokens):
    city = {**bearer(tokens.city("31")), "Content-Type": "application/json"}
    nan = '{"code": "HP_X", "name": "Tên", "value_type": "count", "unit": "cái", "school_levels": ["thcs"], ' \
          '"direction": "higher", "targets": [{"comparator": ">=", "value": NaN, "horizon": 2030, "source": "x"}]}'
    r = client.post("/catalogue/indicators", data=nan, headers=city)
    assert r.status_code == 422 and r.json["errors"][0]["field"] == "targets.0.value"
    assert client.post("/catalogue/indicators", data="{", headers=city).status_code == 400
    assert catalogue_events() == []


def test_only_the_province_department_edits_its_catalogue(client, tokens, schools):
    assert client.post("/catalogue/indicators", json=SWIMMING,
                       headers=bearer(tokens.school(schools["primary"]))).status_code == 403
    assert client.post("/catalogue/indicators", json=SWIMMING,
                       headers=bearer(tokens.commune("10744"))).status_code == 403
    assert client.post("/catalogue/indicators?province_code=31", json=SWIMMING,
                       headers=bearer(tokens.city("79"))).status_code == 403
    assert client.get("/catalogue?province_code=99", headers=bearer(tokens.city("31"))).status_code == 404
    assert catalogue_events() == []
    # Hồ Chí Minh City's catalogue is its own.
    assert client.post("/catalogue/indicators", json={**SWIMMING, "code": "HCM_SWIMMING"},
                       headers=bearer(tokens.city("79"))).status_code == 201
    assert catalogue_events("31") == [] and [e.data["version"] for e in catalogue_events("79")] == [1, 2]


def test_rounds_pin_their_catalogue_version(client, tokens, schools, open_round):
    school = schools["thcs"]
    city = bearer(tokens.city("31"))
    first = open_round()
    assert first["catalogue_version"] == 1
    opened = [e for e in _round_events(first["id"])]
    assert opened[0].data["catalogue_version"] == 1

    assert client.post("/catalogue/indicators", json=SWIMMING, headers=city).status_code == 201
    # The round opened with version 1 does not know the new indicator …
    r = client.put(f"/rounds/{first['id']}/submissions/{school.code}",
                   json={"values": [{"indicator_code": "HP_SWIMMING_TAUGHT", "numerator": 5, "denominator": 10}]},
                   headers=bearer(tokens.school(school)))
    assert r.status_code == 422
    ok = client.put(f"/rounds/{first['id']}/submissions/{school.code}",
                    json={"values": [{"indicator_code": "DROPOUT", "numerator": 1, "denominator": 300}]},
                    headers=bearer(tokens.school(school)))
    assert ok.status_code == 201 and ok.json["values"][0]["catalogue_version"] == 1

    # … a round opened now asks for it, and its values carry version 2.
    second = open_round(name="Tổng kết năm học 2025–2026",
                        indicator_codes=["DROPOUT", "HP_SWIMMING_TAUGHT"])
    assert second["catalogue_version"] == 2
    r = client.put(f"/rounds/{second['id']}/submissions/{school.code}",
                   json={"values": [{"indicator_code": "HP_SWIMMING_TAUGHT", "numerator": 5, "denominator": 10}]},
                   headers=bearer(tokens.school(school)))
    assert r.status_code == 201, r.json
    assert r.json["values"][0]["catalogue_version"] == 2

    # A later change of the catalogue leaves the stored values of both rounds as they were.
    client.patch("/catalogue/indicators/HP_SWIMMING_TAUGHT", json={"name": "Tỷ lệ học sinh biết bơi"},
                 headers={**city, "If-Match": '"v2"'})
    again = client.get(f"/rounds/{first['id']}/submissions/{school.code}", headers=bearer(tokens.school(school)))
    assert again.json["values"] == ok.json["values"]


def _round_events(round_id):
    from edu71.bus.outbox import recorded_events
    from indicators.adapters.documents import Round

    return recorded_events(Round, round_id)


def test_the_worker_publishes_the_configured_catalogues_on_start(fresh_databases, monkeypatch):
    from edu71.bus.outbox import load
    from indicators import config
    from indicators.adapters.documents import ProvinceCatalogue
    from indicators.app import create_app
    from indicators.worker import publish_catalogues

    create_app()  # connects the store under the service's alias, as the worker does
    monkeypatch.setenv("INDICATORS_CATALOGUE_PROVINCES", "31,79")
    stop = threading.Event()
    loop = threading.Thread(target=publish_catalogues(config.load()), args=(stop,))
    loop.start()
    try:
        from edu71_testing import wait_until

        wait_until(lambda: load(ProvinceCatalogue, "79") is not None, "the catalogues to be published")
    finally:
        stop.set()
        loop.join(10)
    assert not loop.is_alive()
    assert [e.data["version"] for e in catalogue_events("31")] == [1]
    assert [e.data["version"] for e in catalogue_events("79")] == [1]
