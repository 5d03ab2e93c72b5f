"""What the services' projections of other services' versioned records share.

Directory users and schools, catalogues: each event carries the whole record
and its version, and events of one record share a key, so they arrive in
order; a redelivered older one is recognised by its version and ignored.
"""
from __future__ import annotations

from typing import Any

from mongoengine import BooleanField, Document, IntField, StringField

from edu71.contracts import Event
from edu71.orgs import SchoolLevel


def is_newer(cls: type[Document], pk: Any, version: int) -> bool:
    """Whether ``version`` is newer than the record ``cls`` holds under ``pk`` (true when it holds none).

    A read by ``_id`` then the caller's write by ``_id``: a conditional update
    would be no more atomic on FerretDB. Two writers of one key at once happen
    only across a consumer-group rebalance, where the next event repairs it.
    """
    current = cls._get_collection().find_one({"_id": pk}, {"version": 1})
    return current is None or current.get("version", 0) < version


class DirectorySchool(Document):
    """A school as the directory (identity's SchoolRegistered/SchoolChanged) last described it.

    Each service that needs the schools subclasses it with its own collection
    and database alias, and feeds it with :meth:`keep`.
    """

    meta = {"abstract": True}

    id = StringField(primary_key=True)  # school code
    version = IntField(required=True)
    name = StringField(required=True)
    commune_code = StringField(required=True)
    province_code = StringField(required=True)
    level = StringField(required=True, choices=[lv.value for lv in SchoolLevel])
    active = BooleanField(required=True)

    @classmethod
    def keep(cls, event: Event) -> None:
        """Store the school of a SchoolRegistered or SchoolChanged event unless a newer version is held."""
        d = event.data
        s = d["school"]
        if is_newer(cls, s["code"], d["version"]):
            cls(id=s["code"], version=d["version"], name=s["name"], commune_code=s["commune_code"],
                province_code=s["province_code"], level=s["level"], active=d["active"]).save()

    def as_contract(self) -> dict[str, str]:
        """The ``School`` object of the event contracts."""
        return {"code": self.id, "name": self.name, "commune_code": self.commune_code,
                "province_code": self.province_code, "level": self.level}
