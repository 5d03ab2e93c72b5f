"""Indicator alerts: thresholds from the latest catalogue, the commune and the city told once per
(round, school, indicator) across revisions and redeliveries."""
from __future__ import annotations

import pytest

from edu71.auth import Role
from notifications.domain.alerts import actual, alerts, thresholds
from notifications.domain.notices import Recipient

from ..support import routes, THCS_HCM, TH_HP


@pytest.fixture
def limits(indicator_events):
    return thresholds(indicator_events.catalogue().data)


def test_thresholds_keep_only_indicators_that_have_one(limits):
    assert set(limits) == {"DROPOUT", "SCHOOL_VIOLENCE_CASES"}
    assert limits["DROPOUT"]["comparator"] == ">" and limits["DROPOUT"]["value"] == 0.5


def test_ratios_are_compared_as_percentages():
    assert actual({"value_type": "ratio", "numerator": 3, "denominator": 400}) == 0.75
    assert actual({"value_type": "ratio", "numerator": 0, "denominator": 0}) is None
    assert actual({"value_type": "count", "value": 2}) == 2.0


def test_dropout_above_half_a_percent_alerts_commune_and_city_in_vietnamese(indicator_events, limits):
    data = indicator_events.submitted(TH_HP, "rnd-1", dropout=(3, 400)).data
    notices = alerts(data, limits, "Sơ kết học kỳ I")
    assert [n.recipient for n in notices] == [Recipient("10744", Role.COMMUNE), Recipient("31", Role.CITY)]
    notice = notices[0]
    assert notice.title == "Cảnh báo: Tỷ lệ học sinh bỏ học của Trường Tiểu học Hiến Thành vượt ngưỡng"
    assert "tỷ lệ học sinh bỏ học là 0,75 % (3/400) trong đợt “Sơ kết học kỳ I”, ở mức cảnh báo (trên 0,5 %)" \
        in notice.body
    assert notice.dedupe_base == f"alert:rnd-1:{TH_HP.code}:DROPOUT"


@pytest.mark.parametrize("dropout, violence, codes", [
    ((2, 400), 0, []),               # exactly 0,5 %: not above
    ((3, 400), 0, ["DROPOUT"]),
    ((0, 400), 1, ["SCHOOL_VIOLENCE_CASES"]),  # >= 1
    ((5, 400), 2, ["DROPOUT", "SCHOOL_VIOLENCE_CASES"]),
])
def test_only_values_on_the_wrong_side_alert(indicator_events, limits, dropout, violence, codes):
    data = indicator_events.submitted(TH_HP, "rnd-1", dropout=dropout, violence=violence).data
    assert [n.reference["indicator_code"] for n in alerts(data, limits, "x")][::2] == codes


@pytest.mark.integration
class TestHandled:
    def test_once_per_school_indicator_and_round_across_revisions(self, wired, indicator_events):
        from notifications.adapters.documents import Notification

        mapping = routes(wired)
        for event in (indicator_events.catalogue(), indicator_events.round_opened(
                "rnd-1", opens_at="2026-01-01T07:00:00+07:00", due_at="2026-01-15T17:00:00+07:00",
                closes_at="2026-01-31T23:59:59+07:00")):
            mapping[event.name](event)
        first = indicator_events.submitted(TH_HP, "rnd-1", dropout=(3, 400))
        revised = indicator_events.submitted(TH_HP, "rnd-1", dropout=(4, 400), revision=2)
        assert wired.notices.indicator_reported(first) == 2
        assert wired.notices.indicator_reported(first) == 0   # redelivered
        assert wired.notices.indicator_reported(revised) == 0  # still above: already told
        notes = {(n.recipient_org_unit, n.recipient_role): n for n in Notification.objects(kind="indicator_alert")}
        assert set(notes) == {("10744", "commune"), ("31", "city")}
        assert "trong đợt “Sơ kết học kỳ I năm học 2026–2027”" in notes["31", "city"].body
        # Another round is another alert.
        assert wired.notices.indicator_reported(indicator_events.submitted(TH_HP, "rnd-2", dropout=(3, 400))) == 2

    def test_the_latest_catalogue_version_decides(self, wired, indicator_events):
        mapping = routes(wired)
        mapping["CataloguePublished"](indicator_events.catalogue(version=2, dropout_threshold=1.0))
        mapping["CataloguePublished"](indicator_events.catalogue(version=1, dropout_threshold=0.5))  # stale
        assert wired.notices.indicator_reported(indicator_events.submitted(TH_HP, "rnd-1", dropout=(3, 400))) == 0
        assert wired.notices.indicator_reported(indicator_events.submitted(TH_HP, "rnd-1", dropout=(5, 400))) == 2

    def test_without_a_catalogue_for_the_province_nothing_alerts(self, wired, indicator_events):
        routes(wired)["CataloguePublished"](indicator_events.catalogue(province_code="31"))
        assert wired.notices.indicator_reported(indicator_events.submitted(THCS_HCM, "rnd-79", dropout=(9, 100))) == 0

    def test_submissions_are_recorded_for_the_deadline_projection(self, wired, indicator_events):
        from notifications.adapters.documents import RoundSubmission

        wired.notices.indicator_reported(indicator_events.submitted(TH_HP, "rnd-1"))
        wired.notices.indicator_reported(indicator_events.submitted(TH_HP, "rnd-1", revision=2))
        assert [s.id for s in RoundSubmission.objects] == [f"rnd-1:{TH_HP.code}"]
