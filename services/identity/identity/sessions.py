"""Sessions: signing in (with its throttle), signing out, and what an account's tokens are refused by.

A session's state lives on its account (the revocations an AccessRevoked announces), so ending one is a change
of the account written through :class:`identity.accounts.Accounts`' repository.
"""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from edu71.auth import Principal, Role, TokenIssuer
from edu71.auth.revocation import RevocationState, issue_time
from edu71.bus.outbox import StaleDocument
from edu71.errors import Conflict, Forbidden, NotFound, TooManyAttempts, Unauthenticated, Unavailable
from identity.accounts import ATTEMPTS, NO_ACCOUNT, STALE, Accounts
from identity.adapters.attempts import FailedSignIns, KnownClients
from identity.adapters.documents import User
from identity.domain import lockout
from identity.domain.accounts import may_manage, normalise_email, token_claims
from identity.domain.passwords import Passwords
from identity.domain.sessions import SIGNED_OUT, SIGNED_OUT_EVERYWHERE

WRONG_CREDENTIALS = "E-mail hoặc mật khẩu không đúng."
NO_SIGNING_KEY = "Dịch vụ chưa được cấu hình khoá ký mã truy cập."


@dataclass(frozen=True)
class SignedIn:
    token: str
    expires_in: int
    user: User


@dataclass(frozen=True)
class SignInPolicy:
    token_ttl: int
    throttle: lockout.Throttle


class Sessions:
    def __init__(self, accounts: Accounts, passwords: Passwords, issuer: TokenIssuer | None, policy: SignInPolicy,
                 *, failures: FailedSignIns, known_clients: KnownClients):
        self.accounts = accounts
        self.passwords = passwords
        self.issuer = issuer
        self.policy = policy
        self.failures = failures
        self.known_clients = known_clients

    # -- sign-in ---------------------------------------------------------------
    def _locked_for(self, key: str, limit: lockout.Limit, now: float) -> int | None:
        counts = self.failures.counts(key, lockout.window(now, limit), limit.max_failures)
        return lockout.retry_after(counts, now, limit)

    def sign_in(self, email: str, password: str, client: str) -> SignedIn:
        now = time.time()
        email_key, throttle = normalise_email(email), self.policy.throttle
        known = self.known_clients.known(email_key, client)
        for key, limit in throttle.counted(email_key, client, known):
            wait = self._locked_for(key, limit, now)
            if wait is not None:
                raise TooManyAttempts(
                    f"Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {lockout.minutes_text(wait)}.", retry_after=wait)
        user = self.accounts.by_email(email)
        # An unknown address costs the same hashing as a wrong password, and gets the same answer (which does not
        # say which of the two is wrong).
        if not self.passwords.verify(user.password_hash if user else None, password):
            for key in throttle.recorded(email_key, client):
                self.failures.record(key, now)
            raise Unauthenticated(WRONG_CREDENTIALS)
        if not user.active:
            raise Forbidden("Tài khoản đã bị vô hiệu hoá. Vui lòng liên hệ quản trị viên.")
        if self.passwords.needs_rehash(user.password_hash):
            self._rehash(user, password)
        if self.issuer is None:
            raise Unavailable(NO_SIGNING_KEY)
        org = user.org
        if user.role == Role.SCHOOL.value:
            # The school's current name and place, even if the directory changed since the account was written.
            org = self.accounts.directory.school_org(user.org_unit) or org
        claims = token_claims(user.id, user.name, user.email, Role(user.role), org)
        # Dated no earlier than the account's cutoff, which would refuse it at once.
        token = self.issuer.issue(ttl=self.policy.token_ttl, iat=issue_time(time.time(), user.not_before or 0),
                                  sid=uuid.uuid4().hex, **claims)
        self.known_clients.remember(email_key, client)
        return SignedIn(token, self.policy.token_ttl, user)

    def _rehash(self, user: User, password: str) -> None:
        """Replace a hash made with older parameters; losing a race to another change is harmless."""
        user.password_hash = self.passwords.hash(password)
        try:
            self.accounts.users.save(user)
        except StaleDocument:
            pass

    def forget_old_sign_ins(self, now: float) -> tuple[int, int]:
        """Forget failed sign-ins that no longer count and clients not signed in from for long; how many of each."""
        return self.failures.purge(self.policy.throttle.longest_window, now), self.known_clients.purge(now)

    # -- sessions --------------------------------------------------------------
    def revocation_state(self, user_id: str) -> RevocationState | None:
        """What the account's tokens are refused by (``None``: no such account here, e.g. an external one)."""
        user = self.accounts.users.get(user_id)
        if user is None:
            return None
        return RevocationState(user.not_before or 0, frozenset(s["sid"] for s in user.revoked_sessions or ()))

    def sign_out(self, principal: Principal) -> None:
        """End the caller's session; a token without a session id ends every session of the account."""
        if principal.session_id is None:
            self._revoke(principal.user_id, SIGNED_OUT_EVERYWHERE, lambda state, now: state.everything(now))
            return
        self._revoke(principal.user_id, SIGNED_OUT,
                     lambda state, now: state.session(principal.session_id, principal.expires_at or 0, now),
                     session_id=principal.session_id)

    def sign_out_everywhere(self, principal: Principal, user_id: str) -> None:
        """End every session of an account: its owner, an administrator, or the city department managing it."""
        user = self.accounts.get_visible(principal, user_id)
        if principal.user_id != user.id and not may_manage(principal, Role(user.role), user.province_code):
            raise Forbidden("Bạn không được đăng xuất tài khoản này.")
        self._revoke(user.id, SIGNED_OUT_EVERYWHERE, lambda state, now: state.everything(now))

    def _revoke(self, user_id: str, reason: str, change, session_id: str | None = None) -> None:
        """Store the account's new revocation state with its AccessRevoked, retrying over concurrent changes."""
        users = self.accounts.users
        for _ in range(ATTEMPTS):
            user = users.get(user_id)
            if user is None:
                raise NotFound(NO_ACCOUNT)
            now = time.time()
            user.revocations = change(user.revocations, now)
            event = self.accounts.access_revoked(user, user.doc_version + 1, reason, now, session_id)
            try:
                users.save(user, event)
                return
            except StaleDocument:
                continue
        raise Conflict(STALE)
