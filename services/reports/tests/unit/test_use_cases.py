"""The dashboards' and the official reports' use cases against in-memory repositories: no store, no broker, no HTTP.

The views are what the domain computes from the rows the handlers make of real events (what the projector
stores); the in-memory repositories pass the same contract suite as the store's
(tests/integration/test_repositories.py).
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from edu71.auth import Principal, Role
from edu71.errors import Conflict, FieldError, Forbidden, Invalid, NotFound, Unavailable
from edu71.orgs import commune

from ..official_support import CODES, HP_WARD, HP_WARD_2, TH, THCS, THCS2, scenario_events
from ..support import ratio

ROUND = "rnd-use-cases"
NOW = datetime(2026, 1, 20, 10, 0, tzinfo=timezone.utc)
WARD = Principal(user_id="u2", name="UBND phường", role=Role.COMMUNE, org_unit=HP_WARD, commune_code=HP_WARD,
                 province_code="31")
OTHER_WARD = Principal(user_id="u3", name="UBND phường khác", role=Role.COMMUNE, org_unit=HP_WARD_2,
                       commune_code=HP_WARD_2, province_code="31")
CITY = Principal(user_id="u4", name="Sở", role=Role.CITY, org_unit="31", province_code="31")
HCM_CITY = Principal(user_id="u5", name="Sở TP.HCM", role=Role.CITY, org_unit="79", province_code="79")
ADMIN = Principal(user_id="u6", name="Quản trị", role=Role.ADMIN, org_unit="admin")
SCHOOL = Principal(user_id="u1", name="Cán bộ", role=Role.SCHOOL, org_unit=TH.code, commune_code=HP_WARD,
                   province_code="31", school_level="tieu_hoc")
WRITTEN = {"shortcomings": "Còn một trường nộp muộn.", "tasks": "Đôn đốc các trường.", "proposals": "Đề nghị Sở hỗ trợ."}


@pytest.fixture
def views(events):
    """The in-memory views of Hải Phòng after the scenario: every row the handlers make kept, every view put."""
    from reports.adapters.dashboards import InMemoryViews
    from reports.domain.model import Model
    from reports.domain.views import build_province
    from reports.handlers import HANDLERS

    views, model = InMemoryViews(), Model()
    for event in scenario_events(events, ROUND):
        for source, doc_id, row in HANDLERS[event.name](event):
            views.sources.keep(source, doc_id, row)
            model.apply(source.collection, {"_id": doc_id, **row})
    for view_id, view in build_province(model, "31", lambda c: commune(c).name).items():
        views.put("31", view_id, view, NOW)
    return views


@pytest.fixture
def dashboards(views):
    from reports.dashboards import Dashboards

    return Dashboards(views)


@pytest.fixture
def reports(views, contracts):
    from reports.adapters.official_reports import InMemoryOfficialReportStore
    from reports.official_reports import OfficialReports

    return OfficialReports(views, InMemoryOfficialReportStore(), contracts, to_pdf=lambda body: None,
                           now=lambda: NOW)


# -- dashboards --------------------------------------------------------------------------------------------------
def test_the_figures_of_an_area_are_read_from_its_view(dashboards):
    city = dashboards.completeness(CITY, ROUND, None, None)["completeness"]
    assert (city["expected"], city["submitted"], city["on_time"], city["late"], city["missing"]) == (3, 2, 1, 1, 1)
    ward = dashboards.completeness(WARD, ROUND, None, None)
    assert ward["scope"] == {"kind": "commune", "code": HP_WARD} and ward["completeness"]["submitted"] == 2
    page = dashboards.schools(CITY, ROUND, None, None, None, 1, 10)
    assert [s["school_code"] for s in page["items"]] == sorted([THCS.code, TH.code]) and page["total"] == 2
    assert dashboards.rollups(CITY, ROUND, None, None, None)["schools_reporting"] == 2


def test_scope_refusals_are_domain_errors_with_the_vietnamese_messages(dashboards):
    with pytest.raises(Forbidden):
        dashboards.completeness(WARD, ROUND, "commune", HP_WARD_2)
    with pytest.raises(Invalid) as invalid:
        dashboards.completeness(CITY, ROUND, "commune", None)
    assert invalid.value.errors == [FieldError("code", "Cần chỉ rõ mã xã/phường khi xem theo xã/phường.")]
    with pytest.raises(NotFound) as unknown:
        dashboards.completeness(CITY, ROUND, "commune", "99999")
    assert unknown.value.message == "Không tìm thấy xã/phường với mã này."


def test_a_round_nobody_knows_and_a_round_of_another_province_are_not_found(dashboards):
    with pytest.raises(NotFound) as missing:
        dashboards.rollups(CITY, "rnd-none", None, None, None)
    assert missing.value.message == "Không tìm thấy đợt báo cáo hoặc chưa có số liệu trong phạm vi của bạn."
    with pytest.raises(NotFound) as elsewhere:
        dashboards.rollups(HCM_CITY, ROUND, None, None, None)
    assert elsewhere.value.message == "Không tìm thấy đợt báo cáo."


def test_lists_that_need_a_province_ranking_and_a_school_out_of_scope_are_refused(dashboards):
    with pytest.raises(Invalid) as plans:
        dashboards.plans(ADMIN, None, None)
    assert plans.value.errors == [FieldError("scope", "Cần chỉ rõ tỉnh/thành phố.")]
    with pytest.raises(Invalid) as series:
        dashboards.series(ADMIN, "DROPOUT", None, None, None)
    assert series.value.message.endswith("khi xem chuỗi số liệu.")
    with pytest.raises(Forbidden) as ranking:
        dashboards.ranking(WARD, ROUND, "DROPOUT", None)
    assert ranking.value.message == "Chỉ Sở GD&ĐT xem được bảng xếp hạng các xã/phường."
    assert [c["commune_code"] for c in dashboards.ranking(CITY, ROUND, "DROPOUT", None)["communes"]]
    with pytest.raises(NotFound) as school:
        dashboards.school_progress(OTHER_WARD, ROUND, TH.code)
    assert school.value.message == "Không tìm thấy trường."
    assert dashboards.school_progress(SCHOOL, ROUND, TH.code)["submitted"] is True


def test_confirmed_figures_of_a_view_stored_before_they_existed_are_unavailable_for_now(views, dashboards):
    from reports.domain.views import round_view_id

    view_id = round_view_id(ROUND, "province", "31")
    older = {k: v for k, v in views.views[("31", view_id)].items() if k != "confirmed"}
    views.put("31", view_id, older, NOW)
    assert dashboards.completeness(CITY, ROUND, None, None)["completeness"]["submitted"] == 2
    with pytest.raises(Unavailable):
        dashboards.completeness(CITY, ROUND, None, None, "confirmed")


# -- official reports --------------------------------------------------------------------------------------------
def test_a_draft_is_saved_issued_with_the_unit_s_first_number_and_sent_to_the_level_above(reports):
    draft = reports.save_draft(WARD, ROUND, "commune", HP_WARD, {"written": WRITTEN, "signer_name": "Trần Văn B"})
    assert (draft["status"], draft["version"], draft["number_symbol"]) == ("draft", 1, None)
    assert draft["recipient"] == {"kind": "province", "code": "31",
                                  "name": "Sở Giáo dục và Đào tạo thành phố Hải Phòng"}
    issued = reports.issue(WARD, ROUND, "commune", HP_WARD)
    assert issued["status"] == "issued" and issued["number_symbol"].startswith("01/")
    report_id = issued["report_id"]
    assert [e.name for e in reports.store.events[report_id]] == ["ReportIssued"]
    assert reports.store.pdfs_due == {f"{report_id}|{issued['sha256']}": NOW}
    received = reports.listing(CITY, received=True)["items"]
    assert [(r["report_id"], r["number_symbol"]) for r in received] == [(report_id, issued["number_symbol"])]
    assert reports.listing(WARD, received=False)["items"][0]["report_id"] == report_id
    assert reports.get(CITY, ROUND, "commune", HP_WARD)["figures"] == issued["figures"]
    body, name = reports.issued_file(CITY, ROUND, "commune", HP_WARD, "docx")
    assert body.startswith(b"PK") and name == f"bao-cao-01-{NOW.year}-commune-{HP_WARD}.docx"


def test_refusals_of_official_reports_store_nothing(reports):
    with pytest.raises(Forbidden) as other:
        reports.save_draft(OTHER_WARD, ROUND, "commune", HP_WARD, {"written": WRITTEN})
    assert other.value.message == "Chỉ đơn vị của mình mới soạn và ban hành được báo cáo này."
    with pytest.raises(Forbidden):
        reports.issue(ADMIN, ROUND, "commune", HP_WARD)
    with pytest.raises(NotFound) as rnd:
        reports.save_draft(WARD, "rnd-none", "commune", HP_WARD, {"written": WRITTEN})
    assert rnd.value.errors == [FieldError("round_id", "Không có đợt báo cáo này.")]
    with pytest.raises(Invalid) as incomplete:
        reports.issue(WARD, ROUND, "commune", HP_WARD)
    assert incomplete.value.message == "Chưa đủ nội dung để ban hành báo cáo."
    assert {e.field for e in incomplete.value.errors} == {"shortcomings", "tasks", "proposals", "signer_name"}
    with pytest.raises(NotFound) as draft:
        reports.get(CITY, ROUND, "commune", HP_WARD)  # the level above never sees a draft
    assert draft.value.message == "Không tìm thấy báo cáo."
    with pytest.raises(Forbidden) as role:
        reports.listing(Principal(user_id="op", name="Vận hành", role=Role.OPERATOR, org_unit="ops"), False)
    assert role.value.message == "Vai trò của bạn không xem được báo cáo."
    assert reports.store.docs == {} and reports.store.claims == set() and reports.store.numbers == {}


def test_a_stale_draft_and_an_issued_report_are_conflicts(reports):
    reports.save_draft(WARD, ROUND, "commune", HP_WARD, {"written": WRITTEN, "signer_name": "Trần Văn B"})
    with pytest.raises(Conflict) as stale:
        reports.save_draft(WARD, ROUND, "commune", HP_WARD, {"written": WRITTEN, "version": 0})
    assert stale.value.errors == [FieldError("version", "Phiên bản đã cũ.")]
    issued = reports.issue(WARD, ROUND, "commune", HP_WARD)
    with pytest.raises(Conflict) as again:
        reports.issue(WARD, ROUND, "commune", HP_WARD)
    assert again.value.message == f"Báo cáo này đã được ban hành (Số: {issued['number_symbol']})."
    with pytest.raises(Conflict):
        reports.save_draft(WARD, ROUND, "commune", HP_WARD, {"written": WRITTEN, "version": issued["version"]})
    with pytest.raises(NotFound) as pdf:
        reports.issued_file(WARD, ROUND, "commune", HP_WARD, "pdf")  # no converter: the DOCX is what there is
    assert pdf.value.message.startswith("Bản PDF của báo cáo chưa sẵn sàng")


def test_an_as_of_moment_that_cannot_be_used_is_invalid(views):
    from reports.asof import AsOf

    asof = AsOf(views, lambda province: [], settle=0, now=lambda: NOW)
    for text in ("hôm qua", "2026-01-01T00:00:00", (NOW + timedelta(days=1)).isoformat()):
        with pytest.raises(Invalid) as refused:
            asof.parse(text)
        assert [e.field for e in refused.value.errors] == ["as_of"]
    with pytest.raises(Invalid) as empty:
        asof.timeline("31", NOW - timedelta(days=1))
    assert empty.value.message.startswith("Chưa có số liệu nào tại")


def test_the_figures_as_of_a_moment_are_those_the_history_knew_then(events, views, dashboards):
    from reports.adapters.history import InMemoryHistory
    from reports.asof import AsOf
    from reports.handlers import HANDLERS

    clock = [NOW - timedelta(hours=2)]
    history = InMemoryHistory(now=lambda: clock[0])
    for event in scenario_events(events, ROUND):
        history.record(event, HANDLERS[event.name](event))
    clock[0] = NOW - timedelta(hours=1)
    late = events.values(THCS2, 1, [ratio(CODES[0], 1, 500), ratio(CODES[1], 38, 40)], round_id=ROUND)
    history.record(late, HANDLERS[late.name](late))
    asof = AsOf(views, history.load, settle=0, now=lambda: NOW)

    def submitted(moment):
        then = asof.dashboards(dashboards, moment).completeness(CITY, ROUND, None, None)
        return then["completeness"]["submitted"]

    assert submitted(NOW - timedelta(minutes=90)) == 2
    assert submitted(NOW - timedelta(minutes=30)) == 3
    assert dashboards.completeness(CITY, ROUND, None, None)["completeness"]["submitted"] == 2  # the live views
    with pytest.raises(Invalid):
        asof.dashboards(dashboards, NOW - timedelta(hours=3)).completeness(CITY, ROUND, None, None)
