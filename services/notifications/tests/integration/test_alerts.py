"""Indicator alerts: thresholds from the latest catalogue, the commune and the city told once per
(round, school, indicator) across revisions and redeliveries."""
from __future__ import annotations

import pytest

from ..support import routes, THCS_HCM, TH_HP


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
