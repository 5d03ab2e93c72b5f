"""A submission's stored form (``VersionedDocument.stored``) is mongoengine's, key for key and byte for byte."""
from datetime import datetime, timezone

import pytest
from bson import encode
from mongoengine import ValidationError

from indicators.adapters.documents import Submission


def ratio(code, n, d):
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "ratio", "numerator": n, "denominator": d}


def new_submission(**changes) -> Submission:
    """A first revision as the submission path writes it: the constructor's fields, then the revision's."""
    now = datetime(2026, 12, 5, 3, 40, 12, 345000, tzinfo=timezone.utc)
    actor = {"username": "thcs.binhminh", "display_name": "Trường THCS Bình Minh", "role": "school"}
    values = [ratio(f"TS-{n:02d}", n, 120) for n in range(1, 26)]
    sub = Submission(id="round-7:79012", round_id="round-7", school_code="79012",
                     school_name="Trường THCS Bình Minh", school_level="thcs", commune_code="79-0120",
                     province_code="79", first_submitted_at=now)
    sub.revision = 1
    sub.values = values
    sub.late = False
    sub.submitted_at = now
    sub.submitted_by = actor
    sub.open_warnings = [{"indicator_code": "TS-03", "kind": "peers", "message": "Cao hơn hẳn các trường cùng cấp"}]
    sub.explanations = {"TS-03": {"text": "Trường mới tuyển thêm hai lớp", "by": actor, "at": now, "revision": 1}}
    sub.last_revision = {"revision": 1, "submitted_at": now, "submitted_by": actor, "late": False,
                         "idempotency_key": "c0ffee", "changes": values, "warnings": [], "explanations": {}}
    for name, value in changes.items():
        setattr(sub, name, value)
    return sub


def mongoengine_form(sub: Submission):
    sub.validate()
    return sub.to_mongo()


@pytest.mark.parametrize("changes", [{}, {"approved_values": [ratio("TS-01", 2, 120)], "stage": "submitted"},
                                     {"first_submitted_at": None, "late": True}])
def test_a_submission_is_stored_as_mongoengine_stores_it(changes):
    sub = new_submission(**changes)
    stored = sub.stored()
    assert list(stored.items()) == list(mongoengine_form(sub).items())
    assert encode(stored) == encode(mongoengine_form(sub))
    assert stored["approved_values"] == changes.get("approved_values")  # a null field is stored as null


def test_a_value_mongoengine_would_convert_is_converted_as_it_converts_it():
    sub = new_submission(revision=True)  # an int field converts a bool
    assert sub.stored()["revision"] == 1 and type(sub.stored()["revision"]) is int
    assert encode(sub.stored()) == encode(mongoengine_form(sub))


@pytest.mark.parametrize("changes", [{"school_level": "đại học"}, {"school_name": None}, {"late": "không"},
                                     {"submitted_at": "hôm qua"}])
def test_what_mongoengine_refuses_is_refused(changes):
    with pytest.raises(ValidationError):
        new_submission(**changes).stored()
