"""Which lists of the delivery log a delivery is kept in, and which list a log's restriction reads (no I/O)."""
from __future__ import annotations

from notifications.adapters.delivery_lists import unit_for, units_of


def test_a_delivery_is_kept_in_its_recipients_its_communes_and_its_provinces_lists():
    to_school = {"recipient_role": "school", "recipient_org_unit": "HP-TH-1", "commune_code": "10744",
                 "province_code": "31"}
    assert units_of(to_school) == ["to:school:HP-TH-1", "commune:10744", "province:31"]
    # A commune's own notice names no province: it is in the part of the nation that has none.
    own = {"recipient_role": "commune", "recipient_org_unit": "10744", "commune_code": "10744", "province_code": None}
    assert units_of(own) == ["to:commune:10744", "commune:10744", "province:-"]


def test_each_roles_restriction_reads_the_narrowest_list_that_holds_all_it_can_match():
    assert unit_for({"recipient_org_unit": "HP-TH-1", "recipient_role": "school"}) == "to:school:HP-TH-1"
    # Two roles: not one recipient's list, but the commune's, filtered by role.
    assert unit_for({"commune_code": "10744", "recipient_role": ("commune", "school")}) == "commune:10744"
    assert unit_for({"recipient_org_unit": "HP-TH-1", "recipient_role": ("commune", "school"),
                     "province_code": "31"}) == "province:31"
    assert unit_for({"province_code": "31", "channel": "email"}) == "province:31"
    assert unit_for({}) is None and unit_for({"channel": "webhook"}) is None
