"""Where the views are stored: one small collection of summaries per province, and the per-school lists apart.

FerretDB's SQLite backend finds even a document by ``_id`` by reading the
whole table (it extracts ``_id`` from every stored document), so the cost of a
look-up grows with the bytes of the collection. Hence a collection per
province (``views_<province>``: a round's city view, its commune views, the
plans views), and the heavy part — each commune's schools with their values —
in ``schools_<province>``, read only by the lists and exports that need it.
"""
from __future__ import annotations

from pymongo.database import Database

VIEWS_PREFIX, SCHOOLS_PREFIX = "views_", "schools_"


def views_collection(province: str) -> str:
    return f"{VIEWS_PREFIX}{province}"


def schools_collection(province: str) -> str:
    return f"{SCHOOLS_PREFIX}{province}"


def split(doc: dict) -> tuple[dict, dict | None]:
    """(summary, schools document or None) of a stored view."""
    if "schools" not in doc:
        return doc, None
    summary = {k: v for k, v in doc.items() if k != "schools"}
    return summary, {"_id": doc["_id"], "digest": doc.get("digest"), "schools": doc["schools"]}


def digests(db: Database) -> dict[str, str]:
    """Fingerprint of every stored view (summaries carry the digest of the whole view)."""
    out = {}
    for name in db.list_collection_names():
        if name.startswith(VIEWS_PREFIX):
            out.update({d["_id"]: d.get("digest") for d in db[name].find({}, {"digest": 1})})
    return out


def get(db: Database, province: str, view_id: str) -> dict | None:
    return db[views_collection(province)].find_one({"_id": view_id})


def schools(db: Database, province: str, view_id: str) -> list[dict]:
    doc = db[schools_collection(province)].find_one({"_id": view_id})
    return list(doc["schools"]) if doc else []
