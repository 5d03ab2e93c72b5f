"""The school directory, the org units of a province, and directory events on Kafka."""
from __future__ import annotations

import json
import time

import pytest

from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer, fresh_group

pytestmark = pytest.mark.integration

NEW_SCHOOL = {"code": "HP-THCS-LEHONGPHONG", "name": "Trường THCS Lê Hồng Phong", "commune_code": "10744",
              "level": "thcs"}


def test_a_city_department_registers_and_changes_schools_of_its_province_only(client, tokens, seed_schools):
    city_31, city_79 = bearer(tokens.city("31")), bearer(tokens.city("79"))
    assert client.post("/schools", headers=city_79, json=NEW_SCHOOL).status_code == 403
    created = client.post("/schools", headers=city_31, json=NEW_SCHOOL)
    assert created.status_code == 201, created.json
    assert created.json["province_code"] == "31" and created.headers["ETag"] == '"v1"'
    assert client.post("/schools", headers=city_31, json=NEW_SCHOOL).status_code == 409

    path = f"/schools/{NEW_SCHOOL['code']}"
    assert client.patch(path, headers=city_31, json={"name": "Trường THCS Lê Hồng Phong (cơ sở 2)"}).status_code == 428
    assert client.patch(path, headers={**city_79, "If-Match": '"v1"'}, json={"active": False}).status_code == 404
    away = client.patch(path, headers={**city_31, "If-Match": '"v1"'}, json={"commune_code": "27496"})
    assert away.status_code == 403
    renamed = client.patch(path, headers={**city_31, "If-Match": '"v1"'},
                           json={"name": "Trường THCS Lê Hồng Phong (cơ sở 2)"})
    assert renamed.status_code == 200 and renamed.headers["ETag"] == '"v2"'
    assert client.patch(path, headers={**city_31, "If-Match": '"v1"'}, json={"active": False}).status_code == 412

    from edu71.bus.outbox import recorded_events
    from identity.adapters.documents import School

    events = recorded_events(School, NEW_SCHOOL["code"])
    assert [(e.name, e.data["version"], e.data.get("changed")) for e in events] == [
        ("SchoolRegistered", 1, None), ("SchoolChanged", 2, ["name"])]
    assert events[1].data["school"]["name"] == "Trường THCS Lê Hồng Phong (cơ sở 2)"


def test_bad_school_input_is_refused_and_nothing_is_stored(client, admin):
    from identity.adapters.documents import School

    for body, field in (({"commune_code": "99999"}, "commune_code"), ({"commune_code": "107"}, "commune_code"),
                        ({"level": "dai_hoc"}, "level"), ({"code": "có dấu"}, "code"), ({"name": ""}, "name")):
        r = client.post("/schools", headers=admin, json={**NEW_SCHOOL, **body})
        assert r.status_code == 422 and r.json["errors"][0]["field"] == field, (body, r.json)
    assert School.objects.count() == 0


def test_everyone_sees_the_schools_of_their_own_scope(client, tokens, admin, seed_schools):
    hai_phong, hcm = seed_schools
    client.post("/schools", headers=admin, json=NEW_SCHOOL)

    def codes(headers, query=""):
        r = client.get(f"/schools{query}", headers=headers)
        assert r.status_code == 200, r.json
        return [s["code"] for s in r.json["items"]]

    assert codes(admin) == sorted([hai_phong.code, hcm.code, NEW_SCHOOL["code"]])
    assert codes(bearer(tokens.city("31"))) == sorted([hai_phong.code, NEW_SCHOOL["code"]])
    assert codes(bearer(tokens.commune("27496", "79"))) == [hcm.code]
    assert codes(bearer(tokens.school(hai_phong))) == [hai_phong.code]
    assert codes(admin, "?level=thcs&province_code=31") == [NEW_SCHOOL["code"]]
    # Each role filters by its own unit (the scope's own field: once a 500) and finds nothing in another's.
    assert codes(bearer(tokens.city("31")), "?province_code=31") == sorted([hai_phong.code, NEW_SCHOOL["code"]])
    assert codes(bearer(tokens.city("31")), "?province_code=79") == []
    assert codes(bearer(tokens.commune("10744")), "?commune_code=10744") == sorted([hai_phong.code, NEW_SCHOOL["code"]])
    assert codes(bearer(tokens.commune("10744")), "?commune_code=27496") == []
    assert codes(bearer(tokens.school(hai_phong)), f"?school_code={hai_phong.code}") == [hai_phong.code]
    assert client.get(f"/schools/{hcm.code}", headers=bearer(tokens.city("31"))).status_code == 404
    assert client.get(f"/schools/{hcm.code}", headers=bearer(tokens.city("79"))).json["name"] == hcm.name
    assert client.get("/schools", headers=bearer(tokens.operator())).status_code == 403


def test_the_communes_of_a_province_for_the_portals_forms(client, tokens):
    r = client.get("/org-units?province_code=31", headers=bearer(tokens.school(SEED_SCHOOLS[0])))
    assert r.status_code == 200
    assert r.json["province_name"] == "Thành phố Hải Phòng" and len(r.json["items"]) == 114
    assert {"code": "10744", "name": "Phường Nguyễn Đại Năng", "kind": "phường"} in r.json["items"]
    assert client.get("/org-units?province_code=00", headers=bearer(tokens.operator())).status_code == 404
    assert client.get("/org-units", headers=bearer(tokens.operator())).status_code == 422


def test_the_worker_publishes_directory_events_valid_and_keyed_as_agreed(client, admin, seed_schools, create_user):
    from kafka import KafkaConsumer

    from edu71.config import platform_settings
    from edu71.contracts import Contracts
    from edu71.worker import Worker
    from identity import config
    from identity.worker import spec

    from kafka import TopicPartition

    user = create_user("hoa@hienthanh.edu.vn", "school", seed_schools[0].code)
    client.patch(f"/users/{user['id']}", headers={**admin, "If-Match": '"v1"'}, json={"active": False})
    settings = platform_settings("identity")
    contracts = Contracts(settings.contracts_dir)
    # From the topic's end as it is before this test's events are relayed: earlier tests published
    # events of the same seed schools.
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka.bootstrap_servers, enable_auto_commit=False)
    topic = contracts.topic_for("UserRegistered")
    consumer.assign([TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)])
    consumer.seek_to_end()
    for partition in consumer.assignment():
        consumer.position(partition)
    worker = Worker(config.load().platform, spec(group=fresh_group("identity-test"))).start()
    wanted = {seed_schools[0].code, seed_schools[1].code, user["id"]}
    seen: list[tuple[str, str, int]] = []
    # Read until the five arrive, within a bound on a failing test: the worker first starts (its group joins) and
    # then relays, which a busy host can stretch past any fixed silence between records.
    deadline = time.monotonic() + 120
    try:
        while len(seen) < 5 and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=1000).values():
                for record in records:
                    event = contracts.parse(record.value)  # raises unless it matches its contract
                    subject = event.data.get("user_id") or event.data["school"]["code"]
                    if subject in wanted:
                        assert record.key.decode() == subject
                        seen.append((event.name, subject, event.data["version"]))
    finally:
        consumer.close()
        worker.shutdown()
    assert sorted(seen) == sorted([("SchoolRegistered", seed_schools[0].code, 1),
                                   ("SchoolRegistered", seed_schools[1].code, 1),
                                   ("UserRegistered", user["id"], 1), ("UserChanged", user["id"], 2),
                                   ("AccessRevoked", user["id"], 2)])
    assert "argon2" not in json.dumps(seen)
