"""The review rule shared by plans and indicator reports (edu71.orgs.may_review_school) is plan review's rule."""
from __future__ import annotations

import itertools

from edu71.auth import Principal, Role
from edu71.orgs import SchoolLevel, may_review_school
from plans.domain.workflow import may_review


def test_the_shared_rule_answers_as_plan_review_for_every_role_level_and_place():
    principals = [Principal(user_id=f"u-{role}-{org}", name="Người duyệt", role=role, org_unit=org,
                            commune_code=commune, province_code=province)
                  for role, org, commune, province in [
                      (Role.SCHOOL, "THCS-1", "11311", "31"), (Role.COMMUNE, "11311", "11311", "31"),
                      (Role.COMMUNE, "11312", "11312", "31"), (Role.CITY, "31", None, "31"),
                      (Role.CITY, "79", None, "79"), (Role.ADMIN, "edu71", None, None),
                      (Role.OPERATOR, "edu71", None, None)]]
    places = [("11311", "31"), ("11312", "31"), ("27496", "79")]
    checked = 0
    for principal, level, (commune, province) in itertools.product(principals, SchoolLevel, places):
        assert may_review_school(principal, level, commune, province) == \
            may_review(principal, level, commune, province), (principal.role, level, commune)
        checked += 1
    assert checked == 7 * 5 * 3
    commune = principals[1]
    assert may_review_school(commune, SchoolLevel.THCS, "11311", "31")
    assert not may_review_school(commune, SchoolLevel.THPT, "11311", "31")
