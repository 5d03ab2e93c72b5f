"""What the services' projections of other services' versioned records share.

Directory users and schools, catalogues, rounds: each event carries the whole
record and a revision (its version, or when it happened). Events may come twice,
late, or to two consumers at once across a rebalance; :func:`keep_latest`
stores a record so that the highest revision wins whatever the order
(:class:`edu71.store.projection.Latest`).
"""
from __future__ import annotations

from typing import Any

from mongoengine import BooleanField, Document, IntField, StringField

from edu71.contracts import Event
from edu71.orgs import SchoolLevel
from edu71.store.projection import Latest


def keep_latest(doc: Document, revision_field: str = "version") -> bool:
    """Store ``doc`` (a projection's head, keyed by its ``pk``) unless its class holds an equal or higher
    revision under that key; return whether it was stored. ``revision_field`` names the (stored) field
    that orders the revisions."""
    doc.validate()
    cls = type(doc)
    db_field = cls._fields[revision_field].db_field
    latest = Latest(cls._get_collection, lambda head: head.get(db_field))
    state: dict[str, Any] = doc.to_mongo().to_dict()
    return latest.write(str(doc.pk), state[db_field], state)


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
        keep_latest(cls(id=s["code"], version=d["version"], name=s["name"], commune_code=s["commune_code"],
                        province_code=s["province_code"], level=s["level"], active=d["active"]))

    def as_contract(self) -> dict[str, str]:
        """The ``School`` object of the event contracts."""
        return {"code": self.id, "name": self.name, "commune_code": self.commune_code,
                "province_code": self.province_code, "level": self.level}
