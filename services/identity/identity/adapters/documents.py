"""Accounts and schools as stored; each change is stored as a version carrying its events (edu71.bus.outbox)."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from mongoengine import BooleanField, DateTimeField, DictField, IntField, ListField, StringField

from edu71.auth import Role
from edu71.bus.outbox import VersionedDocument
from edu71.orgs import SchoolLevel
from identity.domain.accounts import OrgUnit, search_key
from identity.domain.sessions import Revocations


def _now() -> datetime:
    return datetime.now(timezone.utc)


def new_user_id() -> str:
    return f"u-{uuid.uuid4().hex}"


class User(VersionedDocument):
    meta = {"collection": "users", "db_alias": "identity"}

    id = StringField(primary_key=True, default=new_user_id)
    name = StringField(required=True, max_length=200)
    email = StringField(required=True, max_length=254)
    role = StringField(required=True, choices=[r.value for r in Role])
    org_kind = StringField(required=True)
    org_unit = StringField(required=True)
    org_unit_name = StringField(required=True)
    commune_code = StringField(null=True)
    province_code = StringField(null=True)
    school_level = StringField(null=True)
    active = BooleanField(default=True)
    #: Argon2id hash; never leaves the service (not in responses, not in events).
    password_hash = StringField(required=True)
    #: Name and e-mail for searching (see :func:`identity.domain.accounts.search_key`).
    search = StringField(default="")
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)
    #: Tokens issued (``iat``) before this second are refused; ``revoked_sessions`` ended since then.
    not_before = IntField(default=0)
    revoked_sessions = ListField(DictField())

    def clean(self) -> None:
        self.search = search_key(self.name, self.email)

    @property
    def revocations(self) -> Revocations:
        return Revocations(self.not_before or 0, tuple(self.revoked_sessions or ()))

    @revocations.setter
    def revocations(self, state: Revocations) -> None:
        self.not_before, self.revoked_sessions = state.not_before, list(state.sessions)

    @property
    def org(self) -> OrgUnit:
        return OrgUnit(kind=self.org_kind, code=self.org_unit, name=self.org_unit_name,
                       commune_code=self.commune_code, province_code=self.province_code,
                       school_level=self.school_level)

    def set_org(self, org: OrgUnit) -> None:
        self.org_kind, self.org_unit, self.org_unit_name = org.kind, org.code, org.name
        self.commune_code, self.province_code, self.school_level = org.commune_code, org.province_code, org.school_level

    def as_contract(self, version: int) -> dict:
        """The account as UserRegistered/UserChanged carry it."""
        return {"user_id": self.id, "version": version, "name": self.name, "email": self.email, "role": self.role,
                "org_unit": self.org.as_contract(), "active": self.active}


class School(VersionedDocument):
    meta = {"collection": "schools", "db_alias": "identity"}

    code = StringField(primary_key=True, regex=r"^[A-Za-z0-9_.-]{1,64}$")
    name = StringField(required=True, max_length=300)
    commune_code = StringField(required=True)
    province_code = StringField(required=True)
    level = StringField(required=True, choices=[lv.value for lv in SchoolLevel])
    active = BooleanField(default=True)
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)

    def as_contract(self) -> dict:
        """The ``School`` object of the event contracts."""
        return {"code": self.code, "name": self.name, "commune_code": self.commune_code,
                "province_code": self.province_code, "level": self.level}
