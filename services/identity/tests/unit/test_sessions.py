"""The revocation state an account carries, and why a change of the account ends its sessions."""
from __future__ import annotations

from edu71.auth.revocation import epoch_seconds
from identity.domain.sessions import Revocations, access_revoked, reason_of_change

NOW = 1_800_000_000.5


def test_ending_everything_moves_the_cutoff_past_now_and_forgets_the_sessions():
    state = Revocations(100, ({"sid": "a", "exp": NOW + 60},)).everything(NOW)
    assert state == Revocations(1_800_000_001)
    assert Revocations(2_000_000_000).everything(NOW).not_before == 2_000_000_001  # never moves back


def test_ending_everything_twice_in_one_second_refuses_a_token_signed_in_between():
    from edu71.auth.revocation import issue_time

    first = Revocations(0).everything(NOW)
    signed_in_between = issue_time(NOW + 0.1, first.not_before)
    second = first.everything(NOW + 0.2)
    assert signed_in_between < second.not_before


def test_ending_one_session_keeps_the_live_ones_and_forgets_the_expired():
    state = Revocations(100, ({"sid": "old", "exp": NOW - 31}, {"sid": "live", "exp": NOW + 60},
                              {"sid": "lenient", "exp": NOW - 1}))
    after = state.session("this", int(NOW) + 3600, NOW)
    # "lenient" expired a second ago, but verifiers still accept it for their clock-skew leeway: kept.
    assert after.not_before == 100 and [s["sid"] for s in after.sessions] == ["live", "lenient", "this"]
    assert [s["sid"] for s in after.session("this", int(NOW) + 3600, NOW).sessions] == ["live", "lenient", "this"]


def test_which_changes_end_the_sessions():
    assert reason_of_change(["active"], active=False) == "deactivated"
    assert reason_of_change(["active"], active=True) is None  # reactivated
    assert reason_of_change(["role", "org_unit"], active=True) == "role_changed"
    assert reason_of_change(["org_unit"], active=True) == "org_unit_changed"
    assert reason_of_change(["name", "email", "password"], active=True) is None


def test_the_payload_carries_the_whole_state():
    state = Revocations(1_800_000_001, ({"sid": "live", "exp": 1_800_003_600},))
    data = access_revoked("u-1", 4, "signed_out", state, NOW, session_id="live")
    assert data == {"user_id": "u-1", "version": 4, "reason": "signed_out", "session_id": "live",
                    "not_before": "2027-01-15T08:00:01.000Z",
                    "revoked_sessions": [{"session_id": "live", "expires_at": "2027-01-15T09:00:00.000Z"}],
                    "revoked_at": "2027-01-15T08:00:00.500Z"}
    assert epoch_seconds(data["not_before"]) == 1_800_000_001
