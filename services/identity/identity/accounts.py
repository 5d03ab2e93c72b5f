"""Accounts: registering, changing and reading them, and keeping a school's accounts in line with the directory.

Each use case turns a caller's request into a state change and the events it causes. Signing in and out
(which also write an account, its revocations) are in :mod:`identity.sessions`.
"""
from __future__ import annotations

import time
from datetime import datetime, timezone

from edu71.auth import Principal, Role
from edu71.auth.principal import narrow
from edu71.bus.outbox import StaleDocument
from edu71.contracts import Contracts, Event
from edu71.errors import Conflict, Forbidden, NotFound, StaleVersion
from identity.adapters.documents import User, new_user_id
from identity.adapters.emails import EmailClaims
from identity.adapters.users import Users
from identity.directory import SOURCE, Directory, invalid, require_version
from identity.domain import sessions
from identity.domain.accounts import (
    CONTRACT_FIELDS,
    SELF_SERVICE_FIELDS,
    changed_fields,
    list_scope,
    may_manage,
    may_view,
    normalise_email,
)
from identity.domain.passwords import Passwords, policy_problems

STALE = "Tài khoản vừa được người khác thay đổi. Vui lòng tải lại rồi thao tác lại."
EMAIL_TAKEN = "Địa chỉ e-mail này đã được dùng cho một tài khoản khác."
NO_ACCOUNT = "Không tìm thấy tài khoản."
#: A change made on the account's behalf (a sign-out, following the directory) retries this often when the
#: account changes under it: it must not fail for that.
ATTEMPTS = 5


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Accounts:
    def __init__(self, contracts: Contracts, directory: Directory, passwords: Passwords, *, users: Users,
                 emails: EmailClaims):
        self.contracts = contracts
        self.directory = directory
        self.passwords = passwords
        self.users = users
        self.emails = emails

    def access_revoked(self, user: User, version: int, reason: str, now: float,
                       session_id: str | None = None) -> Event:
        """The AccessRevoked that ends sessions of ``user`` with its change ``version``."""
        data = sessions.access_revoked(user.id, version, reason, user.revocations, now, session_id)
        return self.contracts.new_event("AccessRevoked", data, subject=user.id, source=SOURCE)

    def follow_school(self, code: str) -> int:
        """Bring the accounts of school ``code`` in line with the directory; return how many changed.

        A token carries its school's commune, province and level, and what a
        school user sees and files follows them: when the school moves or
        changes level its accounts take the new place and their sessions end;
        when it closes they are deactivated (an administrator reactivates them
        if it reopens). A renamed school's accounts take the name and keep their
        sessions. Run by the worker for each SchoolChanged, so it is idempotent:
        accounts already in line are left alone.
        """
        org = self.directory.school_org(code)
        changed = 0
        for user_id in self.users.of_school(code):
            for _ in range(ATTEMPTS):
                user = self.users.get(user_id)
                version = user.doc_version
                before = user.as_contract(version)
                if org is None:
                    user.active = False
                else:
                    user.set_org(org)
                after = user.as_contract(version + 1)
                fields = changed_fields(before, after, CONTRACT_FIELDS)
                if not fields:
                    break
                user.updated_at = _now()
                events = [self.contracts.new_event("UserChanged", {**after, "changed": fields}, subject=user.id,
                                                   source=SOURCE)]
                moved = {k: v for k, v in before["org_unit"].items() if k != "name"} != {
                    k: v for k, v in after["org_unit"].items() if k != "name"}
                reason = sessions.reason_of_change(fields, user.active) if org is None else (
                    sessions.ORG_UNIT_CHANGED if moved else None)
                if reason:
                    now = time.time()
                    user.revocations = user.revocations.everything(now)
                    events.append(self.access_revoked(user, version + 1, reason, now))
                try:
                    self.users.save(user, *events, expected_version=version)
                except StaleDocument:
                    continue
                changed += 1
                break
        return changed

    def by_email(self, email: str) -> User | None:
        user_id = self.emails.owner(normalise_email(email))
        return self.users.get(user_id) if user_id else None

    # -- reading ---------------------------------------------------------------
    def get_visible(self, principal: Principal, user_id: str) -> User:
        user = self.users.get(user_id)
        if user is None or not may_view(principal, user.id, user.province_code):
            raise NotFound(NO_ACCOUNT)
        return user

    def list_visible(self, principal: Principal, filters: dict, page: int, page_size: int):
        """One page of the accounts the caller may list, alphabetically, and how many match.

        A list naming a unit, a commune or a province (a city's list always does) is read from that scope's
        list (:mod:`identity.adapters.lists`) and filtered, searched and ordered here; only the page's
        accounts are then read whole, each by ``_id``.
        """
        scope = list_scope(principal)
        if scope is None:
            raise Forbidden("Chỉ quản trị viên hoặc Sở GD&ĐT mới được xem danh sách tài khoản.")
        text = (filters.pop("q", None) or "").strip()
        narrowed = narrow(scope, filters)
        if narrowed is None:
            return 0, []
        return self.users.page(narrowed, text, page, page_size)

    # -- writing ---------------------------------------------------------------
    def register(self, principal: Principal, data: dict) -> User:
        if principal.role not in (Role.ADMIN, Role.CITY):
            raise Forbidden("Chỉ quản trị viên hoặc Sở GD&ĐT mới được tạo tài khoản.")
        role = Role(data["role"])
        org = self.directory.org_unit(role, data["org_unit"])
        if not may_manage(principal, role, org.province_code):
            raise Forbidden("Sở GD&ĐT chỉ được tạo tài khoản xã/phường và nhà trường thuộc tỉnh/thành phố của mình.")
        if problems := policy_problems(data["password"]):
            raise invalid("password", *problems)
        key = normalise_email(data["email"])
        # Answer a repeated creation before hashing; the claim below stays the authoritative check.
        if (owner := self.emails.owner(key)) is not None and self._exists(owner):
            raise Conflict(EMAIL_TAKEN)
        user = User(id=new_user_id(), name=data["name"].strip(), email=data["email"].strip(), role=role.value,
                    password_hash=self.passwords.hash(data["password"]), active=data.get("active", True))
        user.set_org(org)
        event = self.contracts.new_event("UserRegistered", user.as_contract(1), subject=user.id, source=SOURCE)
        if not self.emails.claim(key, user.id, self._exists):
            raise Conflict(EMAIL_TAKEN)
        try:
            return self.users.save(user, event)
        except BaseException:
            self.emails.release(key, user.id)
            raise

    def _exists(self, user_id: str) -> bool:
        return self.users.get(user_id) is not None

    def change(self, principal: Principal, user_id: str, data: dict, expected_version: int) -> User:
        user = self.get_visible(principal, user_id)
        require_version(user.doc_version, expected_version, STALE)
        is_self = principal.user_id == user.id
        manages = may_manage(principal, Role(user.role), user.province_code)
        current_password = data.pop("current_password", None)
        if not manages and not is_self:
            raise Forbidden("Bạn không được sửa tài khoản này.")
        if not manages and not set(data) <= SELF_SERVICE_FIELDS:
            raise Forbidden("Bạn chỉ được đổi họ tên và mật khẩu của tài khoản mình.")
        before = {**user.as_contract(expected_version), "password": user.password_hash}
        if "password" in data:
            if is_self and not self.passwords.verify(user.password_hash, current_password or ""):
                raise invalid("current_password", "Mật khẩu hiện tại không đúng.")
            if problems := policy_problems(data["password"]):
                raise invalid("password", *problems)
            user.password_hash = self.passwords.hash(data.pop("password"))
        if "role" in data or "org_unit" in data:
            role = Role(data.pop("role", user.role))
            org = self.directory.org_unit(role, data.pop("org_unit", user.org_unit))
            if not may_manage(principal, role, org.province_code):
                raise Forbidden("Bạn không được chuyển tài khoản sang vai trò hoặc đơn vị này.")
            user.role = role.value
            user.set_org(org)
        if is_self and data.get("active") is False:
            raise Conflict("Không thể tự vô hiệu hoá tài khoản của chính mình.")
        for key, value in data.items():
            setattr(user, key, value.strip() if isinstance(value, str) else value)
        after = {**user.as_contract(expected_version + 1), "password": user.password_hash}
        changed = changed_fields(before, after, (*CONTRACT_FIELDS, "password"))
        if not changed:
            return user
        user.updated_at = _now()
        events = [self.contracts.new_event("UserChanged", {**user.as_contract(expected_version + 1), "changed": changed},
                                           subject=user.id, source=SOURCE)]
        # Tokens carry the role and org unit, and a disabled account keeps none: end every session with the change.
        # A password set by a manager is a reset (a lost or leaked password): whoever held the old one is out too.
        reason = sessions.reason_of_change(changed, user.active)
        if reason is None and "password" in changed and not is_self:
            reason = sessions.SIGNED_OUT_EVERYWHERE
        if reason:
            now = time.time()
            user.revocations = user.revocations.everything(now)
            events.append(self.access_revoked(user, expected_version + 1, reason, now))
        old_key, new_key = normalise_email(before["email"]), normalise_email(user.email)
        if new_key != old_key and not self.emails.claim(new_key, user.id, self._exists):
            raise Conflict(EMAIL_TAKEN)
        try:
            saved = self.users.save(user, *events, expected_version=expected_version)
        except StaleDocument:
            if new_key != old_key:
                self.emails.release(new_key, user.id)
            raise StaleVersion(STALE) from None
        if new_key != old_key:
            self.emails.release(old_key, user.id)
        return saved
