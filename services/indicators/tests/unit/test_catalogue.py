"""The catalogue as data: complete, coherent with the domain notes (../shared/DOMAIN.md), and usable by the contracts."""
import re

import pytest

from edu71.orgs import SchoolLevel
from indicators.domain.catalogue import CATALOGUE, Aggregation, Direction, ValueType

DOMAIN_CODES = {
    "STAFF_BRIEFED", "STAFF_DIGITAL_TRAINED", "STAFF_USING_AI", "TEACHERS_QUALIFIED", "SMART_CLASSROOMS",
    "CLASSES", "MAX_CLASS_SIZE", "ENROLMENT_AGE_GROUP", "DROPOUT", "REPETITION", "PROGRAMME_COMPLETED",
    "PROGRESSION_THPT_VOC", "TRAINING_EFFICIENCY", "PCGD_LEVEL", "NATIONAL_STANDARD_LEVEL",
    "ACCREDITATION_LEVEL", "RECORDS_DIGITAL", "ADMIN_PROCEDURES_ONLINE", "TWO_SESSIONS_PER_DAY",
    "SCHOOL_VIOLENCE_CASES",
}
#: Added for issue 13: targets of R71, R281/NQ-CP, QĐ 525 and the seed plans that had no indicator.
ADDED_CODES = {"PROGRESSION_PRIMARY_THCS", "FREE_TEXTBOOKS", "ONLINE_PUBLIC_SERVICES", "ENGLISH_PROFICIENCY",
               "STEM_PARTICIPATION", "SEMI_BOARDING"}
VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.I)


def test_version_one_holds_the_starting_catalogue():
    assert CATALOGUE.version == 1
    assert set(CATALOGUE.codes) == DOMAIN_CODES | ADDED_CODES
    assert CATALOGUE.codes[:len(DOMAIN_CODES)] == tuple(c for c in CATALOGUE.codes if c in DOMAIN_CODES), \
        "indicators added later come after the starting ones, whose order stays"


def test_codes_follow_the_contract_pattern():
    for code in CATALOGUE.codes:
        assert re.match(r"^[A-Z][A-Z0-9_]{0,63}$", code), code


@pytest.mark.parametrize("indicator", list(CATALOGUE), ids=lambda i: i.code)
def test_every_indicator_is_fully_described(indicator):
    assert VIETNAMESE.search(indicator.name), "names are Vietnamese with diacritics"
    assert indicator.unit
    assert indicator.levels and indicator.levels <= set(SchoolLevel)
    if indicator.value_type is ValueType.RATIO:
        assert indicator.unit == "%"
        assert indicator.aggregation is Aggregation.RATIO_OF_SUMS
        assert indicator.numerator_label and indicator.denominator_label
    if indicator.value_type is ValueType.LEVEL:
        assert indicator.level_min is not None and indicator.level_min <= indicator.level_max
        assert indicator.aggregation in (Aggregation.DISTRIBUTION, Aggregation.DISTRIBUTION_AND_MIN)
    else:
        assert indicator.level_min is None and indicator.level_max is None


def test_level_ranges_and_directions_match_the_domain():
    get = CATALOGUE.get
    assert (get("PCGD_LEVEL").level_min, get("PCGD_LEVEL").level_max) == (1, 3)
    assert (get("NATIONAL_STANDARD_LEVEL").level_min, get("NATIONAL_STANDARD_LEVEL").level_max) == (0, 2)
    assert (get("ACCREDITATION_LEVEL").level_min, get("ACCREDITATION_LEVEL").level_max) == (1, 4)
    lower = {i.code for i in CATALOGUE if i.direction is Direction.LOWER}
    assert {"DROPOUT", "REPETITION", "SCHOOL_VIOLENCE_CASES"} <= lower
    assert "TEACHERS_QUALIFIED" not in lower


def test_levels_an_indicator_applies_to():
    assert CATALOGUE.get("PROGRESSION_THPT_VOC").applies_to("thcs")
    assert not CATALOGUE.get("PROGRESSION_THPT_VOC").applies_to("tieu_hoc")
    assert not CATALOGUE.get("DROPOUT").applies_to(SchoolLevel.MAM_NON)
    assert CATALOGUE.get("MAX_CLASS_SIZE").limit_for("thcs") == 45
    assert CATALOGUE.get("MAX_CLASS_SIZE").limit_for("tieu_hoc") is None
    codes = {i.code for i in CATALOGUE.for_level("mam_non")}
    assert "STAFF_BRIEFED" in codes and "DROPOUT" not in codes


def test_lookup_refuses_what_is_not_a_code():
    assert CATALOGUE.get("NOPE") is None
    assert CATALOGUE.get({"$gt": ""}) is None
    assert "DROPOUT" in CATALOGUE


@pytest.mark.parametrize("indicator", list(CATALOGUE), ids=lambda i: i.code)
def test_every_indicator_has_a_short_vietnamese_label(indicator):
    assert indicator.short_label and len(indicator.short_label) <= 30
    assert indicator.as_dict()["short_label"] == indicator.short_label


def test_hai_phong_catalogue_adds_city_targets_and_baselines_to_the_national_one():
    from indicators.domain.catalogue import Indicator, initial_catalogue

    hp, other = initial_catalogue("31"), initial_catalogue("79")
    assert hp.codes == other.codes == CATALOGUE.codes
    city = {i.code: [t for t in i.targets if t.scope == "province"] for i in hp}
    assert {code for code, ts in city.items() if ts} >= {"STAFF_BRIEFED", "STAFF_DIGITAL_TRAINED", "STAFF_USING_AI",
                                                         "SMART_CLASSROOMS", "DROPOUT", "PCGD_LEVEL",
                                                         "TEACHERS_QUALIFIED"}
    assert all(t.source and t.confidence == "C" and "02-CTr/TU" in t.source for ts in city.values() for t in ts)
    assert {t.horizon for ts in city.values() for t in ts} <= {2026, 2030, 2035}
    assert not any(t.scope == "province" for i in other for t in i.targets)
    standard = next(t for t in hp.get("NATIONAL_STANDARD_LEVEL").targets if t.scope == "nation")
    assert (standard.baseline.year, standard.baseline.value) == (2025, 76.98)
    assert next(t for t in other.get("NATIONAL_STANDARD_LEVEL").targets).baseline is None
    # The stored and published shape carries the baseline and reads back the same.
    again = Indicator.from_dict(hp.get("NATIONAL_STANDARD_LEVEL").as_dict())
    assert again == hp.get("NATIONAL_STANDARD_LEVEL")


def test_every_target_names_its_source_a_known_horizon_and_a_value_in_range():
    from indicators.domain.catalogue import initial_catalogue

    for indicator in initial_catalogue("31"):
        for t in indicator.targets:
            assert VIETNAMESE.search(t.source) and 2025 <= t.horizon <= 2035, (indicator.code, t)
            if indicator.value_type is ValueType.RATIO:
                assert 0 <= t.value <= 100
            if indicator.value_type is ValueType.LEVEL and t.share_of_schools is None:
                assert indicator.level_min <= t.value <= indicator.level_max
