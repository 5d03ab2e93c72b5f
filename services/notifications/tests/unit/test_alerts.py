"""Indicator alerts without I/O: thresholds from the catalogue, ratios as percentages, the Vietnamese text."""
from __future__ import annotations

import pytest

from edu71.auth import Role
from notifications.domain.alerts import actual, alerts, thresholds
from notifications.domain.notices import Recipient

from ..support import TH_HP


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
