"""The plan use cases against in-memory repositories: no store, no broker, no HTTP.

The in-memory repositories pass the same contract suite as the store's (tests/integration/test_repositories.py).
"""
from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from edu71.auth import Principal, Role
from edu71.config import REPO_ROOT
from edu71.contracts import Contracts
from edu71.errors import Conflict, Forbidden, Invalid, NotFound, StaleVersion, Unsupported
from plans import unit_plans

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCHOOL = Principal(user_id="u1", name="Cán bộ", role=Role.SCHOOL, org_unit="THCS1", org_unit_name="Trường THCS 1",
                   commune_code="10744", province_code="31", school_level="thcs")
OTHER_SCHOOL = Principal(user_id="u9", name="Cán bộ", role=Role.SCHOOL, org_unit="THCS9",
                         org_unit_name="Trường THCS 9", commune_code="10744", province_code="31", school_level="thcs")
COMMUNE = Principal(user_id="u2", name="UBND", role=Role.COMMUNE, org_unit="10744", commune_code="10744",
                    province_code="31")
OTHER_COMMUNE = Principal(user_id="u3", name="UBND", role=Role.COMMUNE, org_unit="11560", commune_code="11560",
                          province_code="31")
TARGET = {"text": "Tỷ lệ học sinh bỏ học không quá 0,5%", "comparator": "<=", "value": 0.5, "unit": "%",
          "horizon": date(2026, 12, 31), "indicator_code": "DROPOUT"}
PLAN = {"title": "Kế hoạch thực hiện Nghị quyết 71", "year": 2026, "number_symbol": "28/KH-THCS1"}
CHANGED = "Kế hoạch vừa được người khác thay đổi. Vui lòng tải lại rồi thao tác lại."


@pytest.fixture
def contracts():
    return Contracts(REPO_ROOT / "contracts")


def catalogue_event(contracts, version: int, drop: str | None = None):
    data = json.loads((FIXTURES / "catalogue_31.json").read_text(encoding="utf-8"))
    data = {**data, "province_code": "31", "version": version,
            "indicators": [i for i in data["indicators"] if i["code"] != drop]}
    return contracts.new_event("CataloguePublished", data, subject="31", source="/edu71/indicators")


@pytest.fixture
def world(contracts):
    from plans.adapters.catalogues import InMemoryKnownCatalogues
    from plans.adapters.originals import InMemoryOriginals
    from plans.adapters.plans import InMemoryPlans
    from plans.catalogues import CatalogueService
    from plans.unit_plans import PlanService

    plans = InMemoryPlans()
    catalogues = CatalogueService(InMemoryKnownCatalogues(), plans)
    catalogues.keep(catalogue_event(contracts, 1))
    return PlanService(contracts, catalogues, plans=plans, originals=InMemoryOriginals())


def test_a_plan_is_submitted_returned_resubmitted_and_approved_with_its_events_and_versions(world):
    created = world.create(SCHOOL, {**PLAN, "targets": [dict(TARGET)]})
    assert created.targets[0].indicator_name == "Tỷ lệ học sinh bỏ học"  # named from the province's catalogue
    pid = created.id
    world.submit(SCHOOL, pid, None)
    returned = world.return_(COMMUNE, pid, [{"anchor_kind": "target", "anchor": "0", "text": "Giảm xuống 0,4%."}],
                             None)
    edited = world.update(SCHOOL, pid, {"targets": [{**TARGET, "value": 0.4}]}, returned.doc_version)
    world.submit(SCHOOL, pid, edited.doc_version)
    approved = world.approve(COMMUNE, pid, "Đồng ý.", None)
    assert (approved.status, approved.version) == ("approved", 2)

    events = world.plans.events(pid)
    assert [e.name for e in events] == ["PlanSubmitted", "PlanReturned", "PlanSubmitted", "PlanApproved"]
    assert events[-1].data["comment"] == "Đồng ý." and events[1].data["comments"][0]["text"] == "Giảm xuống 0,4%."
    versions = world.submitted_versions(COMMUNE, pid)
    assert [v["version"] for v in versions] == [1, 2]
    assert [v["plan"].targets[0].value for v in versions] == [0.5, 0.4]  # as submitted, untouched by later edits
    assert [e.kind for e in world.timeline(SCHOOL, pid)] == ["submitted", "returned", "submitted", "approved"]


def test_refusals_are_domain_errors_with_the_vietnamese_messages_and_store_nothing(world):
    pid = world.create(SCHOOL, {**PLAN, "number_symbol": "", "targets": [dict(TARGET)]}).id
    with pytest.raises(NotFound) as exc:
        world.get_visible(OTHER_COMMUNE, pid)
    assert exc.value.message == "Không tìm thấy kế hoạch."
    with pytest.raises(NotFound):
        world.update(OTHER_SCHOOL, pid, {"title": "Khác"}, 1)  # another school's draft is not even seen
    with pytest.raises(Invalid) as exc:
        world.submit(SCHOOL, pid, None)
    assert exc.value.message == "Kế hoạch chưa đủ thông tin để gửi duyệt."
    assert [(e.field, e.message) for e in exc.value.errors] == [("number_symbol", "Cần điền trước khi gửi duyệt.")]
    with pytest.raises(Conflict) as exc:
        world.approve(COMMUNE, pid, None, None)  # a draft is not reviewed
    assert exc.value.status == 409 and exc.value.message
    with pytest.raises(StaleVersion) as exc:
        world.update(SCHOOL, pid, {"title": "Mới"}, 7)
    assert exc.value.message == CHANGED
    with pytest.raises(Invalid) as exc:
        world.create(SCHOOL, {**PLAN, "targets": [{**TARGET, "indicator_code": "NO_SUCH"}]})
    assert exc.value.message == "Có mục tiêu của kế hoạch chưa hợp lệ; chưa lưu gì."
    assert exc.value.errors[0].field.startswith("targets.0.")
    with pytest.raises(Forbidden) as exc:
        world.create(Principal(user_id="o", name="Vận hành", role=Role.OPERATOR, org_unit="ops"), dict(PLAN))
    assert list(world.plans.changes) == [pid]  # only the first plan, at its first version
    assert len(world.plans.history(pid)) == 1

    world.update(SCHOOL, pid, {"number_symbol": "3/KH"}, 1)
    submitted = world.submit(SCHOOL, pid, 2)
    with pytest.raises(Forbidden) as exc:
        world.update(COMMUNE, pid, {"title": "Khác"}, submitted.doc_version)
    assert exc.value.message == "Chỉ nhà trường lập kế hoạch mới được sửa kế hoạch này."
    with pytest.raises(Conflict) as exc:
        world.update(SCHOOL, pid, {"title": "Mới"}, submitted.doc_version)
    assert exc.value.message == "Kế hoạch đang chờ duyệt hoặc đã được duyệt nên không thể sửa."
    with pytest.raises(Forbidden) as exc:
        world.approve(SCHOOL, pid, None, None)
    assert exc.value.message == "Bạn không phải cấp có thẩm quyền duyệt kế hoạch của trường này."
    with pytest.raises(Conflict) as exc:
        world.delete(SCHOOL, pid, submitted.doc_version)
    with pytest.raises(NotFound) as exc:
        world.submitted_version(SCHOOL, pid, 2)
    assert exc.value.message == "Kế hoạch chưa có phiên bản gửi duyệt số 2."


def test_an_imported_file_is_kept_and_a_corrected_one_becomes_the_same_plans_next_content(world):
    data = (FIXTURES / "plans" / "train" / "mn_hoasen.txt").read_bytes()
    plan, parsed, proposals, warnings = world.import_document(SCHOOL, data, "../ke-hoach.txt")
    assert plan.status == "draft" and plan.number_symbol == "45/KH-MNHS" and plan.targets
    assert len(proposals) == len(parsed.targets)
    assert warnings and warnings[0]["field"] == "named_unit"  # the file names another school
    original, stored = world.original(SCHOOL, plan.id)
    assert (original.filename, original.kind, stored) == ("ke-hoach.txt", "text", data)
    assert original.sha256 == hashlib.sha256(data).hexdigest()

    corrected = data.replace(b"45/KH-MNHS", b"46/KH-MNHS")
    again, *_ = world.reimport_document(SCHOOL, plan.id, corrected, "sua.txt", plan.doc_version)
    assert again.id == plan.id and again.number_symbol == "46/KH-MNHS" and again.doc_version == 2
    assert world.original(SCHOOL, plan.id)[1] == corrected
    with pytest.raises(Unsupported) as exc:
        world.import_document(SCHOOL, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "anh.docx")
    assert exc.value.status == 415 and exc.value.message
    with pytest.raises(NotFound) as exc:
        world.original(SCHOOL, world.create(SCHOOL, dict(PLAN)).id)
    assert exc.value.message == "Kế hoạch này không được nhập từ tệp nên không có bản gốc."
    with pytest.raises(StaleVersion):
        world.reimport_document(SCHOOL, plan.id, corrected, "sua.txt", plan.doc_version)


def test_a_document_the_reading_fails_on_still_gives_a_draft_to_fill_in_and_keeps_the_file(world, monkeypatch, caplog):
    def fails(text):
        raise ValueError("max() arg is an empty sequence")
    monkeypatch.setattr(unit_plans, "parse_plan", fails)
    data = (FIXTURES / "plans" / "train" / "mn_hoasen.txt").read_bytes()
    plan, parsed, proposals, warnings = world.import_document(SCHOOL, data, "ke-hoach.txt")
    assert plan.status == "draft" and plan.targets == [] and proposals == []
    assert [w["field"] for w in warnings] == ["targets"] and "vui lòng nhập" in warnings[0]["message"]
    assert world.original(SCHOOL, plan.id)[1] == data
    assert "plan importer failed on ke-hoach.txt" in caplog.text


def test_a_new_catalogue_flags_the_targets_it_no_longer_fits_and_a_replay_changes_nothing(world, contracts):
    pid = world.create(SCHOOL, {**PLAN, "targets": [dict(TARGET)]}).id
    catalogues = world.catalogues
    assert catalogues.keep(catalogue_event(contracts, 2, drop="DROPOUT"))
    flagged = world.get_visible(SCHOOL, pid)
    assert "không còn trong danh mục phiên bản 2" in flagged.targets[0].catalogue_issue
    assert flagged.doc_version == 2 and not world.plans.events(pid)  # a flag is a change, not an event
    assert not catalogues.keep(catalogue_event(contracts, 2, drop="DROPOUT"))
    assert not catalogues.keep(catalogue_event(contracts, 1))
    assert world.get_visible(SCHOOL, pid).doc_version == 2
    with pytest.raises(Invalid) as exc:
        world.submit(SCHOOL, pid, None)
    assert exc.value.errors[0].field == "targets.0.indicator_code"
    catalogues.keep(catalogue_event(contracts, 3))
    cleared = world.get_visible(SCHOOL, pid)
    assert cleared.targets[0].catalogue_issue is None and cleared.doc_version == 3
