"""The parallel test runner's closing lines: pytest's closing line and its one-line reasons of what failed."""
from __future__ import annotations

from edu71_testing.sessions import _failures, _outcome

LOG = """\
..F.                                                                     [100%]
=================================== FAILURES ===================================
____________________________ test_rollup_settles ____________________________
E   AssertionError: roll-up (3, 10) expected (4, 12)
=========================== short test summary info ============================
FAILED tests/ops/test_faults.py::test_rollup_settles - AssertionError: roll-up (3, 10) expected (4, 12)
ERROR tests/ops/test_faults.py::test_teardown - TimeoutError: Kafka did not stop
1 failed, 2 passed, 1 error in 12.34s
worker: consumer left the group
"""


def test_the_closing_line_is_pytests_even_when_a_worker_logs_after_it():
    assert _outcome(LOG) == "1 failed, 2 passed, 1 error in 12.34s"


def test_what_failed_is_repeated_one_line_each():
    assert _failures(LOG) == [
        "FAILED tests/ops/test_faults.py::test_rollup_settles - AssertionError: roll-up (3, 10) expected (4, 12)",
        "ERROR tests/ops/test_faults.py::test_teardown - TimeoutError: Kafka did not stop"]


def test_a_long_reason_is_cut_and_many_failures_are_counted():
    text = "\n".join(f"FAILED t.py::test_{n} - AssertionError: {'x' * 2000}" for n in range(12))
    lines = _failures(text, most=10, width=100)
    assert len(lines) == 11 and lines[-1] == "… and 2 more"
    assert all(len(line) == 102 and line.endswith(" …") for line in lines[:10])


def test_a_passing_session_names_no_failure():
    assert _failures("....  [100%]\n4 passed in 1.00s\n") == []
