"""The submitter's receipt and the round's opening notice (issue 15) handled against the real store: each
school of the round's levels told once, redeliveries and late events quiet."""
from dataclasses import replace

import pytest

from ..support import routes, THCS_HCM, THPT_HP, TH_HP


@pytest.mark.integration
def test_the_worker_sends_the_receipt_and_the_round_notice_once(wiring, directory, indicator_events, plan_events):
    from notifications.adapters.documents import Notification

    wired = wiring
    mapping = routes(wired)
    for school in (TH_HP, THPT_HP, THCS_HCM):
        mapping["SchoolRegistered"](directory.school(school))
    submitted = plan_events.submitted(TH_HP, plan_id="pln-r")
    assert mapping["PlanSubmitted"](submitted) == 2          # the reviewer's notice and the school's receipt
    assert mapping["PlanSubmitted"](submitted) == 0
    [receipt] = Notification.objects(kind="plan_submission_receipt")
    assert (receipt.recipient_org_unit, receipt.recipient_role) == (TH_HP.code, "school")

    opened = indicator_events.round_opened("rnd-9", opens_at="2026-01-01T07:00:00+07:00",
                                           due_at="2026-01-15T17:00:00+07:00", closes_at="2026-01-31T23:59:00+07:00")
    assert mapping["ReportingRoundOpened"](opened) == 1       # TH_HP only: THPT not of the levels, HCM elsewhere
    assert mapping["ReportingRoundOpened"](opened) == 0
    [notice] = Notification.objects(kind="round_opened")
    assert notice.recipient_org_unit == TH_HP.code and notice.reference["round_id"] == "rnd-9"

    # an extension that happened before the one below (its event is older), delivered after it
    overtaken = replace(indicator_events.round_opened("rnd-9", opens_at="2026-01-01T07:00:00+07:00",
                                                      due_at="2026-01-18T17:00:00+07:00",
                                                      closes_at="2026-02-07T23:59:00+07:00", reopened=True),
                        time="2025-12-31T00:00:00.000Z")
    extended = indicator_events.round_opened("rnd-9", opens_at="2026-01-01T07:00:00+07:00",
                                             due_at="2026-01-22T17:00:00+07:00",
                                             closes_at="2026-02-07T23:59:00+07:00", reopened=True)
    assert mapping["ReportingRoundOpened"](extended) == 1     # a new deadline is news
    assert mapping["ReportingRoundOpened"](opened) == 0       # the first opening, redelivered late: quiet
    assert mapping["ReportingRoundOpened"](overtaken) == 0    # an older extension arriving after a newer one
    assert Notification.objects(kind="round_opened").count() == 2
