"""Revisions, audit changes and idempotency keys: pure functions."""
import pytest

from indicators.domain.submissions import (
    IdempotencyConflict,
    changes,
    fingerprint,
    merge,
    resolve_idempotency_key,
    submission_id,
    values_at,
)


def ratio(code, n, d):
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "ratio", "numerator": n, "denominator": d}


def count(code, v):
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "count", "value": v}


def test_submission_id_is_stable_per_round_and_school():
    assert submission_id("r1", "S1") == submission_id("r1", "S1")
    assert submission_id("r1", "S1") != submission_id("r1", "S2")
    assert submission_id("r1", "S1") != submission_id("r2", "S1")


def test_changes_list_only_what_differs():
    current = [ratio("DROPOUT", 1, 100), count("CLASSES", 10)]
    incoming = [ratio("DROPOUT", 2, 100), count("CLASSES", 10), count("SMART_CLASSROOMS", 1)]
    assert changes(current, incoming) == [
        {"indicator_code": "DROPOUT", "old": ratio("DROPOUT", 1, 100), "new": ratio("DROPOUT", 2, 100)},
        {"indicator_code": "SMART_CLASSROOMS", "old": None, "new": count("SMART_CLASSROOMS", 1)},
    ]
    assert changes(current, current) == []


def test_merge_keeps_omitted_values_in_catalogue_order():
    merged = merge([count("SCHOOL_VIOLENCE_CASES", 0), ratio("DROPOUT", 1, 100)], [count("CLASSES", 12)])
    assert [v["indicator_code"] for v in merged] == ["CLASSES", "DROPOUT", "SCHOOL_VIOLENCE_CASES"]


def test_values_at_rebuilds_any_revision():
    history = [
        {"revision": 1, "changes": changes([], [count("CLASSES", 10), ratio("DROPOUT", 1, 100)])},
        {"revision": 2, "changes": changes([count("CLASSES", 10)], [count("CLASSES", 11)])},
    ]
    assert values_at(history, 1) == [count("CLASSES", 10), ratio("DROPOUT", 1, 100)]
    assert values_at(history, 2) == [count("CLASSES", 11), ratio("DROPOUT", 1, 100)]


def test_idempotency_key_from_header_or_body():
    assert resolve_idempotency_key("k-1", None) == "k-1"
    assert resolve_idempotency_key(None, "k-2") == "k-2"
    assert resolve_idempotency_key("k-3", "k-3") == "k-3"
    assert resolve_idempotency_key("", None) is None
    assert resolve_idempotency_key(None, None) is None
    with pytest.raises(IdempotencyConflict):
        resolve_idempotency_key("k-1", "k-2")
    with pytest.raises(IdempotencyConflict):
        resolve_idempotency_key("has space", None)
    with pytest.raises(IdempotencyConflict):
        resolve_idempotency_key("x" * 201, None)


def test_fingerprint_ignores_key_order_but_not_values():
    a = [{"indicator_code": "CLASSES", "value": 1}]
    assert fingerprint(a) == fingerprint([{"value": 1, "indicator_code": "CLASSES"}])
    assert fingerprint(a) != fingerprint([{"indicator_code": "CLASSES", "value": 2}])
