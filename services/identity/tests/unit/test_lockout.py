"""The throttling rule: failures per one-minute bucket over a sliding window, and which counts apply."""
from __future__ import annotations

from identity.domain.lockout import Limit, Throttle, bucket_of, minutes_text, retry_after, window

FIVE = Limit(max_failures=5, window_seconds=900)
NOW = 1_800_000_030.0  # 30 s into a minute
NOW_BUCKET = bucket_of(NOW)


def test_the_window_covers_the_last_fifteen_minutes():
    assert list(window(NOW, FIVE)) == list(range(NOW_BUCKET - 14, NOW_BUCKET + 1))


def test_four_failures_do_not_lock():
    assert retry_after({NOW_BUCKET: 4}, NOW, FIVE) is None


def test_five_failures_lock_until_the_oldest_leaves_the_window():
    failures = {NOW_BUCKET - 10: 1, NOW_BUCKET - 2: 2, NOW_BUCKET: 2}
    # The failure of bucket NOW-10 stops counting when bucket NOW+5 begins.
    assert retry_after(failures, NOW, FIVE) == (NOW_BUCKET + 5) * 60 - NOW


def test_more_failures_than_the_limit_keep_the_lock_until_enough_have_left():
    failures = {NOW_BUCKET - 10: 1, NOW_BUCKET - 2: 2, NOW_BUCKET: 4}
    # 7 failures: 3 must leave, i.e. the buckets NOW-10 and NOW-2.
    assert retry_after(failures, NOW, FIVE) == (NOW_BUCKET + 13) * 60 - NOW


def test_failures_older_than_the_window_do_not_count():
    assert retry_after({NOW_BUCKET - 15: 10, NOW_BUCKET: 4}, NOW, FIVE) is None
    assert retry_after({NOW_BUCKET - 14: 1, NOW_BUCKET: 4}, NOW, FIVE) == 30


def test_the_client_limit_is_the_same_rule_with_another_count():
    twenty = Limit(max_failures=20)
    assert retry_after({NOW_BUCKET: 19}, NOW, twenty) is None
    assert retry_after({NOW_BUCKET: 20}, NOW, twenty) == 15 * 60 - 30


def test_the_wait_is_told_in_whole_minutes():
    assert minutes_text(30) == "1 phút"
    assert minutes_text(61) == "2 phút"
    assert minutes_text(900) == "15 phút"


def test_the_account_wide_count_spares_the_clients_the_account_signed_in_from():
    throttle = Throttle(pair=FIVE, client=Limit(20), account=Limit(30))
    assert throttle.recorded("hoa@x.vn", "192.0.2.1") == ["pair:hoa@x.vn|192.0.2.1", "client:192.0.2.1", "email:hoa@x.vn"]
    known = throttle.counted("hoa@x.vn", "192.0.2.1", known_client=True)
    unknown = throttle.counted("hoa@x.vn", "192.0.2.1", known_client=False)
    assert [k for k, _ in known] == ["pair:hoa@x.vn|192.0.2.1", "client:192.0.2.1"]
    assert unknown[-1] == ("email:hoa@x.vn", Limit(30))
    assert throttle.longest_window == 900
