"""Official reports through the API on the real store: drafts, issue with the unit's own yearly numbers, the
kept DOCX/PDF and figures, ReportIssued in the outbox, scope, and bad input that stores nothing."""
from __future__ import annotations

import hashlib
import io

import pytest
from docx import Document as read_docx

from edu71.bus.outbox import recorded_events
from edu71_testing import bearer

from ..official_support import HP_WARD, TH, scenario_events
from ..support import consume

pytestmark = pytest.mark.integration

WRITTEN = {"shortcomings": "Còn một trường nộp báo cáo muộn.", "tasks": "Đôn đốc các trường nộp đúng hạn.",
           "proposals": "Đề nghị Sở tổ chức bồi dưỡng giáo viên."}
UNIT = f"commune/{HP_WARD}"


def handle(*events):
    """As the worker does: each event's rows stored, and recorded in the history."""
    for event in events:
        consume(event, history=True)


@pytest.fixture
def ready(reports_settings, events, round_id, project):
    from reports.adapters import basedb

    basedb.connect(reports_settings.platform)
    handle(*scenario_events(events, round_id))
    project()
    return round_id


@pytest.fixture
def client(reports_settings, monkeypatch):
    from reports.app import create_app

    monkeypatch.setenv("REPORTS_ASOF_SETTLE_SECONDS", "0")  # no writer races these tests

    return create_app().test_client()


def stored(collection: str) -> list[dict]:
    from mongoengine.connection import get_db

    from reports.adapters.basedb import BASE_ALIAS

    return list(get_db(BASE_ALIAS)[collection].find())


def everything_stored() -> dict[str, int]:
    return {c: len(stored(c)) for c in ("official_reports", "official_reports_changes", "official_numbers",
                                         "official_files", "official_figures")}


def draft(client, token, round_id, unit=UNIT, **body):
    return client.put(f"/official-reports/{round_id}/{unit}", headers=bearer(token),
                      json={"written": WRITTEN, "signer_name": "Nguyễn Văn An", **body})


def test_a_commune_drafts_issues_and_the_city_receives_it(ready, client, tokens):
    commune, city = tokens.commune(HP_WARD), tokens.city("31")
    r = client.get(f"/official-reports/{ready}/{UNIT}", headers=bearer(commune))
    assert r.status_code == 200, r.json
    assert r.json["status"] == "draft" and r.json["version"] == 0
    assert any(s.startswith("Tỷ lệ giáo viên đạt chuẩn đạt 85,5%") for s in r.json["sentences"]), r.json["sentences"]

    r = draft(client, commune, ready, version=0)
    assert r.status_code == 200, r.json
    assert r.json["written"] == WRITTEN and r.json["version"] == 1
    # Kept between drafts: a second save with only the signer keeps the written sections.
    r = client.put(f"/official-reports/{ready}/{UNIT}", headers=bearer(commune),
                   json={"signer_name": "Trần Thị Bình", "version": 1})
    assert r.json["written"] == WRITTEN and r.json["signer_name"] == "Trần Thị Bình"

    preview = client.get(f"/official-reports/{ready}/{UNIT}/draft.docx", headers=bearer(commune))
    assert preview.status_code == 200
    assert "Số:      /BC-UBND" in [p.text for p in read_docx(io.BytesIO(preview.data)).tables[0].rows[0].cells[0]
                                   .paragraphs]

    r = client.post(f"/official-reports/{ready}/{UNIT}/issue", headers=bearer(commune))
    assert r.status_code == 201, r.json
    issued = r.json
    assert issued["status"] == "issued" and issued["number_symbol"] == "01/BC-UBND"
    assert issued["recipient"] == {"kind": "province", "code": "31",
                                   "name": "Sở Giáo dục và Đào tạo thành phố Hải Phòng"}

    word = client.get(f"/official-reports/{ready}/{UNIT}/issued.docx", headers=bearer(commune))
    assert word.status_code == 200 and hashlib.sha256(word.data).hexdigest() == issued["sha256"]
    text = "\n".join(p.text for p in read_docx(io.BytesIO(word.data)).paragraphs)
    assert "Trần Thị Bình" in "\n".join(c.text for c in read_docx(io.BytesIO(word.data)).tables[-1].rows[0].cells)
    # Its figures are the API's figures: the teachers' rate of the commune's progress endpoint.
    progress = client.get(f"/rounds/{ready}/progress", headers=bearer(commune)).json
    teachers = next(r for r in progress["indicators"] if r["indicator_code"] == "TEACHERS_QUALIFIED")
    kept = next(r for r in issued["figures"]["indicators"] if r["code"] == "TEACHERS_QUALIFIED")
    assert kept["actual"] == pytest.approx(teachers["actual"], abs=1e-6)
    shown = f"{round(teachers['actual'], 1):.1f}".replace(".", ",")
    assert f"Tỷ lệ giáo viên đạt chuẩn đạt {shown}%" in text

    from reports.adapters.official_reports import OfficialReport

    [event] = recorded_events(OfficialReport, issued["report_id"])
    assert event.name == "ReportIssued" and event.subject == "31"
    assert event.data["number_symbol"] == "01/BC-UBND" and event.data["sha256"] == issued["sha256"]
    assert event.data["recipient"]["kind"] == "province" and event.data["issued_by"]["role"] == "commune"

    # The level above reads what was sent to it; others see nothing.
    assert client.get(f"/official-reports/{ready}/{UNIT}", headers=bearer(city)).json["number_symbol"] == "01/BC-UBND"
    received = client.get("/official-reports?received=true", headers=bearer(city)).json["items"]
    assert [i["number_symbol"] for i in received] == ["01/BC-UBND"]
    assert [i["number_symbol"] for i in client.get("/official-reports", headers=bearer(commune)).json["items"]] == [
        "01/BC-UBND"]
    assert client.get(f"/official-reports/{ready}/{UNIT}", headers=bearer(tokens.commune("11560"))).status_code == 404
    assert client.get(f"/official-reports/{ready}/{UNIT}/issued.docx",
                      headers=bearer(tokens.school(TH))).status_code == 404


def test_numbers_follow_the_units_own_sequence_of_the_year(ready, client, tokens, events):
    commune = tokens.commune(HP_WARD)
    second = f"{ready}-hk2"
    handle(events.round_opened(second, name="Tổng kết năm học 2025–2026", due_at="2026-06-15T17:00:00+07:00"))
    school = tokens.school(TH)
    assert draft(client, school, ready, unit=f"school/{TH.code}").status_code == 200
    r = client.post(f"/official-reports/{ready}/school/{TH.code}/issue", headers=bearer(school))
    assert r.status_code == 201 and r.json["number_symbol"] == "01/BC-THHT", r.json
    for rnd, expected in ((ready, "01/BC-UBND"), (second, "02/BC-UBND")):
        assert draft(client, commune, rnd).status_code == 200
        r = client.post(f"/official-reports/{rnd}/{UNIT}/issue", headers=bearer(commune))
        assert r.status_code == 201 and r.json["number_symbol"] == expected, r.json
    # The commune received its school's report.
    received = client.get("/official-reports?received=true", headers=bearer(commune)).json["items"]
    assert [i["unit"]["name"] for i in received] == ["Trường Tiểu học Hiến Thành"]


def test_issuing_twice_out_of_scope_or_incomplete_is_refused_and_stores_nothing(ready, client, tokens):
    commune, city = tokens.commune(HP_WARD), tokens.city("31")
    r = client.post(f"/official-reports/{ready}/{UNIT}/issue", headers=bearer(commune))
    assert r.status_code == 422 and {e["field"] for e in r.json["errors"]} == {"shortcomings", "tasks", "proposals",
                                                                              "signer_name"}
    assert "Cần nhập" in r.json["errors"][0]["message"]
    before = everything_stored()
    for method, url, token in (
            ("post", f"/official-reports/{ready}/{UNIT}/issue", city),                 # the city for a commune
            ("put", f"/official-reports/{ready}/{UNIT}", tokens.commune("11560")),     # another commune
            ("post", f"/official-reports/{ready}/province/31/issue", commune),         # a commune for the city
            ("post", f"/official-reports/{ready}/school/{TH.code}/issue", commune)):   # a commune for a school
        r = getattr(client, method)(url, headers=bearer(token), json={"written": WRITTEN})
        assert r.status_code == 403 and "đơn vị của mình" in r.json["detail"], (url, r.json)
    r = client.post(f"/official-reports/khong-co-dot/{UNIT}/issue", headers=bearer(commune))
    assert r.status_code == 404 and r.json["detail"] == "Không tìm thấy đợt báo cáo."
    r = client.put(f"/official-reports/khong-co-dot/{UNIT}", headers=bearer(commune), json={"written": WRITTEN})
    assert r.status_code == 404
    assert everything_stored() == before

    assert draft(client, commune, ready).status_code == 200
    assert client.post(f"/official-reports/{ready}/{UNIT}/issue", headers=bearer(commune)).status_code == 201
    after = everything_stored()
    r = client.post(f"/official-reports/{ready}/{UNIT}/issue", headers=bearer(commune))
    assert r.status_code == 409 and "đã được ban hành (Số: 01/BC-UBND)" in r.json["detail"]
    r = draft(client, commune, ready)
    assert r.status_code == 409 and "không sửa được" in r.json["detail"]
    assert everything_stored() == after


def test_a_stale_draft_is_refused(ready, client, tokens):
    commune = tokens.commune(HP_WARD)
    assert draft(client, commune, ready, version=0).status_code == 200
    r = draft(client, commune, ready, version=0)
    assert r.status_code == 409 and r.json["errors"][0]["field"] == "version"


def test_issuing_never_waits_for_libreoffice_the_worker_makes_the_pdf_and_tries_again_later(
        ready, client, tokens, monkeypatch, tmp_path):
    from datetime import datetime, timedelta, timezone

    from reports.adapters import pdf
    from reports.adapters.official_reports import OfficialReportStore

    store = OfficialReportStore()

    commune = tokens.commune(HP_WARD)
    assert draft(client, commune, ready).status_code == 200
    r = client.post(f"/official-reports/{ready}/{UNIT}/issue", headers=bearer(commune))
    assert r.status_code == 201 and r.json["pdf_available"] is False
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on this PATH
    r = client.get(f"/official-reports/{ready}/{UNIT}/issued.pdf", headers=bearer(commune))
    assert r.status_code == 404 and "PDF của báo cáo chưa sẵn sàng" in r.json["detail"]
    now = datetime.now(timezone.utc)
    assert store.make_pdfs(pdf.to_pdf, now=now) == 0
    waiting = list(store.pdf_queue.scan({"try": 1, "due": 1}))
    assert [e["try"] for e in waiting] == [1]  # tried again later, not dropped
    monkeypatch.undo()
    if not pdf.available():
        pytest.skip("LibreOffice is not installed here (deploy/bin/install-libreoffice installs it)")
    assert store.make_pdfs(pdf.to_pdf, now=now) == 0  # not due yet
    assert store.make_pdfs(pdf.to_pdf, now=now + timedelta(minutes=2)) == 1
    assert list(store.pdf_queue.scan({"_id": 1})) == []
    assert client.get(f"/official-reports/{ready}/{UNIT}", headers=bearer(commune)).json["pdf_available"] is True
    r = client.get(f"/official-reports/{ready}/{UNIT}/issued.pdf", headers=bearer(tokens.city("31")))
    assert r.status_code == 200 and r.data.startswith(b"%PDF")