"""?as_of= through the API on the real store: figures, completeness, progress and exports as they stood, bad
moments refused, and an issued report regenerated identical after later revisions changed the live figures."""
from __future__ import annotations

import csv
import io
import time
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

import pytest

from edu71_testing import bearer

from ..official_support import HP_WARD, THCS, THCS2, scenario_events
from ..support import consume, ratio

pytestmark = pytest.mark.integration

WRITTEN = {"shortcomings": "Một trường nộp muộn.", "tasks": "Đôn đốc.", "proposals": "Hỗ trợ kinh phí."}


def handle(*events):
    for event in events:
        consume(event, history=True)


def moment() -> str:
    """Now, as a client writes it; the clock moves on a little, so the next row is stored after it."""
    text = datetime.now(timezone.utc).isoformat()
    time.sleep(0.05)
    return text


@pytest.fixture
def client(reports_settings, monkeypatch):
    from reports.adapters import basedb
    from reports.app import create_app

    basedb.connect(reports_settings.platform)
    monkeypatch.setenv("REPORTS_ASOF_SETTLE_SECONDS", "0")
    return create_app().test_client()


def teachers(body) -> dict:
    return next(i for i in body["indicators"] if i["indicator_code"] == "TEACHERS_QUALIFIED")


def test_figures_as_they_stood_and_bad_moments_refused(client, events, round_id, project, tokens):
    city = bearer(tokens.city("31"))
    handle(*scenario_events(events, round_id))
    project()
    before = moment()
    # Later: the lower-secondary school corrects its figures and the third school reports.
    handle(events.values(THCS, 2, [ratio("DROPOUT", 4, 400), ratio("TEACHERS_QUALIFIED", 30, 30)], round_id=round_id),
           events.values(THCS2, 1, [ratio("DROPOUT", 1, 500), ratio("TEACHERS_QUALIFIED", 40, 40)],
                         round_id=round_id))
    project()
    live = client.get(f"/rollups/{round_id}", headers=city).json
    past = client.get(f"/rollups/{round_id}?as_of={quote(before)}", headers=city)
    assert past.status_code == 200, past.json
    assert (teachers(live)["numerator"], teachers(live)["denominator"]) == (90, 95)
    assert (teachers(past.json)["numerator"], teachers(past.json)["denominator"]) == (47, 55)
    assert past.json["schools_reporting"] == 2 and live["schools_reporting"] == 3

    done = client.get(f"/rounds/{round_id}/completeness?as_of={quote(before)}", headers=city).json
    assert (done["completeness"]["submitted"], done["completeness"]["missing"]) == (2, 1)
    assert [s["school_code"] for s in done["missing_schools"]] == [THCS2.code]
    now = client.get(f"/rounds/{round_id}/completeness", headers=city).json
    assert now["completeness"]["missing"] == 0

    progress = client.get(f"/rounds/{round_id}/progress?as_of={quote(before)}", headers=city).json
    assert teachers(progress)["actual"] == pytest.approx(47 / 55 * 100, abs=1e-6)
    schools = client.get(f"/rollups/{round_id}/schools?as_of={quote(before)}", headers=city).json
    assert [(s["school_code"], s["revision"]) for s in schools["items"]] == [("HP-TH-HIENTHANH", 1), (THCS.code, 1)]

    exported = client.get(f"/rounds/{round_id}/export.csv?view=schools&as_of={quote(before)}", headers=city)
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    by_code = {r[0]: dict(zip(header, r)) for r in rows[1:]}
    # As it stood: the third school had not reported, the second was at its first revision.
    assert by_code[THCS2.code]["Đã nộp"] != by_code[THCS.code]["Đã nộp"]
    assert by_code[THCS.code]["Lần điều chỉnh"] == "1"
    live_rows = list(csv.reader(io.StringIO(client.get(f"/rounds/{round_id}/export.csv?view=schools", headers=city)
                                            .data.decode("utf-8-sig")), delimiter=";"))
    assert {r[0]: dict(zip(header, r)) for r in live_rows[1:]}[THCS.code]["Lần điều chỉnh"] == "2"

    future = (datetime.now(timezone.utc) + timedelta(days=1)).isoformat()
    for bad, words in (("hôm qua", "Không đọc được"), ("2026-12-15T17:00:00", "múi giờ"), (future, "tương lai"),
                       ("2020-01-01T00:00:00+07:00", "Chưa có số liệu nào")):
        for url in (f"/rollups/{round_id}", f"/rounds/{round_id}/progress", f"/rounds/{round_id}/export.xlsx"):
            r = client.get(f"{url}?as_of={quote(bad)}", headers=city)
            assert r.status_code == 422 and words in r.json["detail"], (bad, url, r.json)
            assert r.json["errors"][0]["field"] == "as_of"


def test_an_issued_report_regenerated_from_its_moment_is_identical_after_later_revisions(
        client, events, round_id, project, tokens):
    commune, city = bearer(tokens.commune(HP_WARD)), bearer(tokens.city("31"))
    handle(*scenario_events(events, round_id))
    project()
    unit = f"/official-reports/{round_id}/commune/{HP_WARD}"
    assert client.put(unit, headers=commune, json={"written": WRITTEN, "signer_name": "Ngô Văn D"}).status_code == 200
    issued = client.post(f"{unit}/issue", headers=commune).json
    kept = next(r for r in issued["figures"]["indicators"] if r["code"] == "TEACHERS_QUALIFIED")
    time.sleep(0.05)
    handle(events.values(THCS, 2, [ratio("DROPOUT", 0, 400), ratio("TEACHERS_QUALIFIED", 30, 30)], round_id=round_id),
           events.values(THCS, 3, [ratio("DROPOUT", 1, 400), ratio("TEACHERS_QUALIFIED", 29, 30)], round_id=round_id))
    project()
    live = teachers(client.get(f"/rounds/{round_id}/progress", headers=commune).json)
    assert live["actual"] == pytest.approx(49 / 55 * 100) != kept["actual"]

    again = client.get(f"{unit}/regenerated", headers=city)
    assert again.status_code == 200, again.json
    assert again.json["identical"] is True and again.json["regenerated"] == again.json["issued"]
    assert again.json["issued"]["indicators"] == issued["figures"]["indicators"]
    # Its figures are the API's figures as of the same moment.
    at = client.get(f"/rounds/{round_id}/progress?as_of={quote(issued['as_of'])}", headers=commune).json
    assert teachers(at)["actual"] == pytest.approx(kept["actual"], abs=1e-6)
    done = client.get(f"/rounds/{round_id}/completeness?as_of={quote(issued['as_of'])}", headers=commune).json
    assert done["completeness"]["submitted"] == issued["figures"]["completeness"]["submitted"]
