"""Approval of a school's report: stages, who may act (the plan-review rule), bad requests refused."""
import pytest

from edu71.auth import Principal, Role
from edu71.orgs import SchoolLevel
from indicators.domain import approval
from indicators.domain.approval import ApprovalRefused, Report, Stage, changed_since
from indicators.domain.catalogue import CATALOGUE

SCHOOL = Principal(user_id="u1", name="Cán bộ", role=Role.SCHOOL, org_unit="THCS1", commune_code="11311",
                   province_code="31", school_level="thcs")
COMMUNE = Principal(user_id="u2", name="UBND", role=Role.COMMUNE, org_unit="11311", commune_code="11311",
                    province_code="31")
OTHER_COMMUNE = Principal(user_id="u3", name="UBND khác", role=Role.COMMUNE, org_unit="11312",
                          commune_code="11312", province_code="31")
CITY = Principal(user_id="u4", name="Sở", role=Role.CITY, org_unit="31", province_code="31")
OTHER_CITY = Principal(user_id="u5", name="Sở khác", role=Role.CITY, org_unit="79", province_code="79")


def report(stage=Stage.DRAFT, level=SchoolLevel.THCS):
    return Report(school_code="THCS1", level=level, commune_code="11311", province_code="31", stage=stage)


def refused(call, status):
    with pytest.raises(ApprovalRefused) as exc:
        call()
    assert exc.value.status == status
    return exc.value


def test_the_school_completes_only_a_full_report_of_its_own():
    assert approval.complete(SCHOOL, report(), []) is Stage.SUBMITTED
    assert approval.complete(SCHOOL, report(Stage.RETURNED), []) is Stage.SUBMITTED
    error = refused(lambda: approval.complete(SCHOOL, report(), ["Số lớp"]), 422)
    assert error.errors == [{"field": "values", "message": "Chưa nhập “Số lớp”."}]
    refused(lambda: approval.complete(SCHOOL, report(Stage.CONFIRMED), []), 409)
    refused(lambda: approval.complete(COMMUNE, report(), []), 403)


def test_the_commune_confirms_its_own_lower_levels_and_the_city_any_of_its_province():
    assert approval.confirm(COMMUNE, report(Stage.SUBMITTED)) is Stage.CONFIRMED
    assert approval.confirm(CITY, report(Stage.SUBMITTED)) is Stage.CONFIRMED
    # THPT has no commune step: the commune may not, the city's confirmation is its acceptance.
    refused(lambda: approval.confirm(COMMUNE, report(Stage.SUBMITTED, SchoolLevel.THPT)), 403)
    assert approval.confirm(CITY, report(Stage.SUBMITTED, SchoolLevel.THPT)) is Stage.ACCEPTED
    refused(lambda: approval.confirm(OTHER_COMMUNE, report(Stage.SUBMITTED)), 403)
    refused(lambda: approval.confirm(OTHER_CITY, report(Stage.SUBMITTED)), 403)


def test_approving_ones_own_school_or_an_incomplete_report_is_refused():
    error = refused(lambda: approval.confirm(SCHOOL, report(Stage.SUBMITTED)), 403)
    assert "chính mình" in error.message
    error = refused(lambda: approval.confirm(COMMUNE, report(Stage.DRAFT)), 409)
    assert "Đang nhập" in error.message


def test_the_city_accepts_after_the_commune():
    refused(lambda: approval.accept(CITY, report(Stage.SUBMITTED)), 409)
    assert approval.accept(CITY, report(Stage.CONFIRMED)) is Stage.ACCEPTED
    refused(lambda: approval.accept(COMMUNE, report(Stage.CONFIRMED)), 403)


def test_a_return_needs_a_comment_for_the_report_or_a_value():
    stage, text, per_value = approval.return_report(COMMUNE, report(Stage.SUBMITTED), None,
                                                    {"CLASSES": " Kiểm tra  lại "}, CATALOGUE, ["CLASSES"])
    assert (stage, text, per_value) == (Stage.RETURNED, None, {"CLASSES": "Kiểm tra lại"})
    error = refused(lambda: approval.return_report(COMMUNE, report(Stage.SUBMITTED), "  ", None, CATALOGUE, []),
                    422)
    assert error.errors[0]["field"] == "comment"
    error = refused(lambda: approval.return_report(COMMUNE, report(Stage.SUBMITTED), None, {"DROPOUT": "x"},
                                                   CATALOGUE, ["CLASSES"]), 422)
    assert error.errors[0]["field"] == "value_comments.DROPOUT"
    # Once confirmed, only the city may still return it.
    refused(lambda: approval.return_report(COMMUNE, report(Stage.CONFIRMED), "x", None, CATALOGUE, []), 409)
    assert approval.return_report(CITY, report(Stage.CONFIRMED), "x", None, CATALOGUE, [])[0] is Stage.RETURNED


def test_reopening_needs_a_reason_and_the_right_approver():
    assert approval.reopen(COMMUNE, report(Stage.CONFIRMED), "Trường báo nhầm") == (Stage.DRAFT, "Trường báo nhầm")
    for reason in (None, "", "   "):
        error = refused(lambda: approval.reopen(COMMUNE, report(Stage.CONFIRMED), reason), 422)
        assert error.errors[0]["field"] == "reason"
    refused(lambda: approval.reopen(COMMUNE, report(Stage.ACCEPTED), "x"), 403)
    refused(lambda: approval.reopen(CITY, report(Stage.SUBMITTED), "x"), 409)


def test_what_changed_since_approval():
    before = [{"indicator_code": "CLASSES", "value": 20}, {"indicator_code": "DROPOUT", "numerator": 1}]
    now = [{"indicator_code": "CLASSES", "value": 21}, {"indicator_code": "DROPOUT", "numerator": 1},
           {"indicator_code": "SMART_CLASSROOMS", "value": 2}]
    assert changed_since(before, now) == [
        {"indicator_code": "CLASSES", "old": {"indicator_code": "CLASSES", "value": 20},
         "new": {"indicator_code": "CLASSES", "value": 21}},
        {"indicator_code": "SMART_CLASSROOMS", "old": None, "new": {"indicator_code": "SMART_CLASSROOMS", "value": 2}}]
    assert changed_since(None, now) == []
