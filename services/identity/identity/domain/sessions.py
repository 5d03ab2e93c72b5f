"""Ending sessions: the revocation state an account carries, and the ``AccessRevoked`` payload it becomes.

An account keeps a cutoff (tokens issued before it are refused) and the
sessions ended one by one since then, each until its last token expires. A
revocation of everything moves the cutoff and forgets those sessions, which
the cutoff now covers.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from edu71.auth.revocation import cutoff_after
from edu71.auth.tokens import LEEWAY_SECONDS

#: Reasons of AccessRevoked (its contract's enum).
DEACTIVATED = "deactivated"
ROLE_CHANGED = "role_changed"
ORG_UNIT_CHANGED = "org_unit_changed"
SIGNED_OUT = "signed_out"
SIGNED_OUT_EVERYWHERE = "signed_out_everywhere"


@dataclass(frozen=True)
class Revocations:
    not_before: int
    #: ``{"sid": …, "exp": …}`` of each session ended since ``not_before`` (seconds since the epoch).
    sessions: tuple[dict, ...] = ()

    def everything(self, now: float) -> "Revocations":
        # A token signed in since the last cutoff is dated at it (never earlier, see issue_time) even when
        # that second has not come yet: the new cutoff passes it too, or a second "everywhere" within
        # the same second would leave that token good.
        return Revocations(max(self.not_before + 1, cutoff_after(now)))

    def session(self, sid: str, expires_at: int, now: float) -> "Revocations":
        """End one session; sessions whose tokens no verifier accepts any more are forgotten."""
        live = tuple(s for s in self.sessions if s["exp"] + LEEWAY_SECONDS > now and s["sid"] != sid)
        return Revocations(self.not_before, (*live, {"sid": sid, "exp": int(expires_at)}))


def reason_of_change(changed: list[str], active: bool) -> str | None:
    """Why a change of the account ends its sessions, or ``None`` when the tokens stay good."""
    if "active" in changed and not active:
        return DEACTIVATED
    if "role" in changed:
        return ROLE_CHANGED
    if "org_unit" in changed:
        return ORG_UNIT_CHANGED
    return None


def _stamp(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def access_revoked(user_id: str, version: int, reason: str, state: Revocations, now: float,
                   session_id: str | None = None) -> dict:
    """The AccessRevoked payload: the account's whole revocation state after the change."""
    data = {
        "user_id": user_id, "version": version, "reason": reason, "not_before": _stamp(state.not_before),
        "revoked_sessions": [{"session_id": s["sid"], "expires_at": _stamp(s["exp"])} for s in state.sessions],
        "revoked_at": _stamp(now),
    }
    if session_id is not None:
        data["session_id"] = session_id
    return data
