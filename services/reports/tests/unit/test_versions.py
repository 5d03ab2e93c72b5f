"""Choosing the latest version per entity, without I/O."""
from reports.domain.versions import latest


def test_latest_keeps_the_highest_version_of_each_key_in_first_seen_order():
    rows = [{"k": "a", "v": 1}, {"k": "b", "v": 2}, {"k": "a", "v": 3}, {"k": "b", "v": 1}, {"k": "a", "v": 2}]
    assert latest(rows, key=lambda r: r["k"], version=lambda r: r["v"]) == [{"k": "a", "v": 3}, {"k": "b", "v": 2}]


def test_latest_of_nothing_is_nothing():
    assert latest([], key=lambda r: r, version=lambda r: r) == []
