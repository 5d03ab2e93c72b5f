"""The catalogue as data: complete, coherent with DOMAIN.md, and usable by the contracts."""
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
VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.I)


def test_version_one_holds_the_starting_catalogue():
    assert CATALOGUE.version == 1
    assert set(CATALOGUE.codes) == DOMAIN_CODES


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
