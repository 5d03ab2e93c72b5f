"""Where and how the views are stored: a collection of summaries per province, the per-school lists apart,
each view one BSON blob.

A collection per province (``views_<province>``: a round's city view, its commune views, the plans
views) keeps each collection small, and the heavy part — each commune's schools with their values —
lives in ``schools_<province>``, read only by the lists and exports that need it.

A view is stored as ``{_id, digest, computed_at, body}`` where ``body`` is the view as one blob
(:mod:`edu71.store.blob`): a view is read and written only whole, by ``_id``, so the store is handed
one field instead of thousands. The digest is the SHA-256 of those bytes, so deciding that a view
changed costs no extra serialisation. A document written before blobs (no ``body``) is read as it is.
"""
from __future__ import annotations

import hashlib
from datetime import datetime

from pymongo.database import Database

from edu71.store import blob

VIEWS_PREFIX, SCHOOLS_PREFIX = "views_", "schools_"


def views_collection(province: str) -> str:
    return f"{VIEWS_PREFIX}{province}"


def schools_collection(province: str) -> str:
    return f"{SCHOOLS_PREFIX}{province}"


def encode(view_id: str, view: dict, computed_at: datetime) -> tuple[str, dict, dict | None]:
    """(digest, summary document, schools document or None) of a view, as stored."""
    summary = {k: v for k, v in view.items() if k != "schools"}
    body = blob.encode(summary)
    schools = blob.encode({"schools": view["schools"]}) if "schools" in view else None
    digest = hashlib.sha256(body + (schools or b"")).hexdigest()
    doc = {"_id": view_id, "digest": digest, "computed_at": computed_at, "body": body}
    if schools is None:
        return digest, doc, None
    return digest, doc, {"_id": view_id, "digest": digest, "body": schools}


def decode(doc: dict | None) -> dict | None:
    if doc is None or "body" not in doc:
        return doc
    body = blob.decode(doc["body"])
    return {**body, **{k: v for k, v in doc.items() if k != "body"}}


def digests(db: Database) -> dict[str, str]:
    """Fingerprint of every stored view (summaries carry the digest of the whole view)."""
    out = {}
    for name in db.list_collection_names():
        if name.startswith(VIEWS_PREFIX):
            out.update({d["_id"]: d.get("digest") for d in db[name].find({}, {"digest": 1})})
    return out


def get(db: Database, province: str, view_id: str) -> dict | None:
    return decode(db[views_collection(province)].find_one({"_id": view_id}))


def schools(db: Database, province: str, view_id: str) -> list[dict]:
    doc = decode(db[schools_collection(province)].find_one({"_id": view_id}))
    return list(doc["schools"]) if doc else []
