"""Which verified tokens are refused: the cutoff by whole seconds, revoked sessions, the per-process memory."""
from __future__ import annotations

from edu71.auth import Principal, Role
from edu71.auth.revocation import (
    RevocationLookup,
    RevocationState,
    cutoff_after,
    epoch_seconds,
    is_revoked,
    issue_time,
    state_of_event,
)


def principal(iat: int, sid: str | None = "s-1") -> Principal:
    return Principal(user_id="u-1", name="Nguyễn Thị Hoa", role=Role.SCHOOL, org_unit="HP-TH-HIENTHANH",
                     session_id=sid, issued_at=iat, expires_at=iat + 3600)


def test_nothing_revoked_without_a_state():
    assert not is_revoked(principal(100), None)


def test_tokens_issued_in_the_second_of_the_revocation_or_before_are_refused():
    revoked_at = 1_800_000_100.4
    cutoff = cutoff_after(revoked_at)
    state = RevocationState(cutoff)
    assert is_revoked(principal(1_800_000_100), state)  # issued earlier within the same second
    assert is_revoked(principal(1_800_000_000), state)
    # a token issued later in that same second is dated at the cutoff by the issuer, and honoured
    assert issue_time(1_800_000_100.9, cutoff) == cutoff and not is_revoked(principal(cutoff), state)
    assert issue_time(1_800_000_205.2, cutoff) == 1_800_000_205


def test_a_revoked_session_is_refused_and_the_others_are_not():
    state = RevocationState(0, frozenset({"s-1"}))
    assert is_revoked(principal(100, "s-1"), state)
    assert not is_revoked(principal(100, "s-2"), state)


def test_a_token_without_a_session_is_judged_by_the_cutoff_of_its_subject():
    state = RevocationState(200, frozenset({"s-1"}))
    assert is_revoked(principal(199, None), state)
    assert not is_revoked(principal(200, None), state)


def test_the_event_state_rounds_the_cutoff_up():
    data = {"not_before": "2026-01-29T01:00:00.250Z",
            "revoked_sessions": [{"session_id": "s-1", "expires_at": "2026-01-29T09:00:00Z"}]}
    state = state_of_event(data)
    assert state.not_before == epoch_seconds("2026-01-29T01:00:01Z") and state.sessions == {"s-1"}
    assert epoch_seconds("2026-01-29T08:00:00+07:00") == epoch_seconds("2026-01-29T01:00:00Z")


def test_the_lookup_remembers_a_state_for_at_most_its_ttl():
    reads: list[str] = []
    current = {"u-1": None}

    def read(user_id):
        reads.append(user_id)
        return current[user_id]

    lookup = RevocationLookup(read, ttl=3600)
    assert not lookup.revoked(principal(100)) and not lookup.revoked(principal(100))
    assert reads == ["u-1"]
    current["u-1"] = RevocationState(1000)
    assert not lookup.revoked(principal(100))  # still remembered
    fresh = RevocationLookup(read, ttl=0)
    assert fresh.revoked(principal(100)) and fresh.revoked(principal(100)) and len(reads) == 3


def test_the_lookup_memory_is_bounded():
    lookup = RevocationLookup(lambda user_id: None, ttl=3600, max_entries=3)
    for n in range(10):
        lookup.state(f"u-{n}")
    assert len(lookup._memory) <= 3
