"""The retry schedule of deliveries, without I/O."""
from datetime import timedelta

from notifications.domain.delivery import backoff


def test_backoff_doubles_up_to_the_cap():
    assert [backoff(n, 30, 200) for n in range(1, 6)] == [timedelta(seconds=s) for s in (30, 60, 120, 200, 200)]
