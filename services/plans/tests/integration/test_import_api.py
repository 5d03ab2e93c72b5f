"""Importing a plan document through the API: a draft with its sources, the original kept, bad files refused."""
from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest
from mongoengine.connection import get_db

from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer

pytestmark = pytest.mark.integration

SEEDS = Path(os.environ.get("EDU71_SEEDS_DIR", Path(__file__).resolve().parents[4] / ".." / "shared" / "seeds"))
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
THI_TRAN = SEED_SCHOOLS[1]


def seed(name: str) -> bytes:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed plans not found at {SEEDS}: these tests read the real plans in ../shared/seeds "
                    "(or set EDU71_SEEDS_DIR)")
    return path.read_bytes()


@pytest.fixture
def client(fresh_databases):
    from plans.app import create_app

    return create_app().test_client()


def upload(client, token, data: bytes, name: str):
    return client.post("/plans/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data", headers=bearer(token))


def stored_nothing() -> bool:
    from plans.adapters.documents import Plan

    return Plan.objects.count() == 0 and get_db("plans")["plan_originals.files"].count_documents({}) == 0


def test_seed_plan_becomes_a_draft_with_sources_and_the_original_is_kept(client, tokens):
    data = seed("002_6785c0e9f8f18739.txt")
    token = tokens.school(THI_TRAN)
    r = upload(client, token, data, "ke-hoach-71.txt")
    assert r.status_code == 201, r.json
    plan, fields, targets = r.json["plan"], r.json["fields"], r.json["targets"]
    assert plan["status"] == "draft" and plan["version"] == 0  # never submitted on its own
    assert plan["number_symbol"] == "28/KH-THCSTT2" and plan["issued_on"] == "2026-01-29"
    assert fields["number_symbol"]["line"] >= 1 and 0 < fields["number_symbol"]["confidence"] <= 1
    dropout = [t for t in targets if t["indicator_code"] == "DROPOUT"]
    assert dropout and dropout[0]["comparator"] == "<=" and dropout[0]["value"] == 0.5
    assert {t["indicator_code"] for t in plan["targets"]} >= {"DROPOUT", "MAX_CLASS_SIZE", "PCGD_LEVEL"}
    assert plan["recipients"] and plan["signer"]
    assert plan["title"].startswith("Triển khai thực hiện Nghị quyết số 71-NQ/TW")   # the subject, not "KẾ HOẠCH …"
    assert fields["named_unit"]["value"] == "Trường THCS Thị Trần 2"   # "Trấn" misspelt: still the uploader's own
    assert r.json["warnings"] == []
    assert plan["original"]["kind"] == "text"
    assert plan["original"]["sha256"] == hashlib.sha256(data).hexdigest()

    original = client.get(f"/plans/{plan['id']}/original", headers=bearer(token))
    assert original.status_code == 200 and original.data == data
    other = tokens.school(SEED_SCHOOLS[0])
    assert client.get(f"/plans/{plan['id']}/original", headers=bearer(other)).status_code == 404


def test_word_plan_with_a_horizon_table_becomes_a_draft_and_the_report_dates_are_iso(client, tokens):
    data = (FIXTURES / "train" / "th_lequydon.docx").read_bytes()
    token = tokens.school(THI_TRAN)
    r = upload(client, token, data, "ke-hoach-71.docx")
    assert r.status_code == 201, r.json
    plan, fields, targets = r.json["plan"], r.json["fields"], r.json["targets"]
    assert plan["status"] == "draft" and plan["number_symbol"] == "12/KH-THLQĐ"
    assert plan["issued_on"] == "2026-01-15" and fields["issued_on"]["value"] == "2026-01-15"   # not an HTTP-date
    assert fields["issuer"]["value"] == "TRƯỜNG TIỂU HỌC LÊ QUÝ ĐÔN" and fields["superior"]["value"] == "UBND XÃ VĨNH BẢO"
    assert fields["signer_title"]["value"] == "HIỆU TRƯỞNG" and plan["signer"] == "Phạm Văn Đức"
    by_year = {(t["value"], t["comparator"], t["horizon"]) for t in targets if "bậc 1 (A1)" in t["text"]}
    assert by_year == {(60, ">=", "2026-12-31"), (85, ">=", "2030-12-31"), (95, ">=", "2035-12-31")}
    assert plan["original"]["kind"] == "docx"
    # another school's plan: imported all the same (a model to adapt), with a warning that names both
    [warning] = r.json["warnings"]
    assert warning["field"] == "named_unit" and warning["line"] == fields["issuer"]["line"]
    assert "TRƯỜNG TIỂU HỌC LÊ QUÝ ĐÔN" in warning["message"] and THI_TRAN.name in warning["message"]


def test_disguised_and_broken_files_are_refused_and_nothing_is_stored(client, tokens):
    token = tokens.school(THI_TRAN)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    r = upload(client, token, png, "ke-hoach.docx")
    assert r.status_code == 415 and r.mimetype == "application/problem+json"
    broken_docx = b"PK\x03\x04" + b"\x00" * 100
    r = upload(client, token, broken_docx, "ke-hoach.docx")
    assert r.status_code in (415, 422) and r.json["detail"]
    assert stored_nothing()


def test_oversized_uploads_are_413(fresh_databases, tokens, monkeypatch):
    from plans.app import create_app

    monkeypatch.setenv("PLANS_MAX_UPLOAD_BYTES", "1024")
    client = create_app().test_client()
    r = upload(client, tokens.school(THI_TRAN), b"a" * 4096, "ke-hoach.txt")
    assert r.status_code == 413 and r.mimetype == "application/problem+json"
    assert stored_nothing()


def test_only_schools_import(client, tokens):
    # Communes and the city issue plans of their own since issue 13 (test_unit_plans_api); a role that issues
    # none (the operator) is still refused.
    r = upload(client, tokens.operator(), b"Ke hoach", "a.txt")
    assert r.status_code == 403


def test_only_the_base_name_of_an_uploaded_file_is_kept_and_sent_back_encoded(client, tokens):
    token = tokens.school(THI_TRAN)
    data = seed("002_6785c0e9f8f18739.txt")
    for sent, kept, header in (
            ("../../../../tmp/x.txt", "x.txt", "attachment; filename=x.txt"),
            ("C:/Users/hieu truong/../kế hoạch 71.txt", "kế hoạch 71.txt",
             "attachment; filename=\"ke hoach 71.txt\"; filename*=UTF-8''k%E1%BA%BF%20ho%E1%BA%A1ch%2071.txt"),
            ("../..", "tep", "attachment; filename=tep")):
        r = upload(client, token, data, sent)
        assert r.status_code == 201, r.json
        assert r.json["plan"]["original"]["filename"] == kept
        original = client.get(f"/plans/{r.json['plan']['id']}/original", headers=bearer(token))
        assert original.status_code == 200 and original.headers["Content-Disposition"] == header


@pytest.mark.parametrize("name", ["ke-hoach\x00.txt", "ke\x07hoach.txt", "ke-hoach\x7f.txt"])
def test_a_file_name_with_control_characters_is_refused_and_nothing_is_stored(client, tokens, name):
    r = upload(client, tokens.school(THI_TRAN), b"Ke hoach thuc hien Nghi quyet 71", name)
    assert r.status_code == 422 and r.mimetype == "application/problem+json", r.data
    assert r.json["errors"][0]["field"] == "file"
    assert stored_nothing()


def test_random_binary_sent_as_text_is_refused_in_vietnamese(client, tokens):
    r = upload(client, tokens.school(THI_TRAN), bytes.fromhex("a8d2b0f47b5e0cc1e9d3a0bc3fb3309f"), "ke-hoach.txt")
    assert r.status_code == 422 and "nhị phân" in r.json["detail"]
    assert stored_nothing()
