"""Connection to the service's own database (MongoDB wire protocol: FerretDB or MongoDB).

Each service registers its mongoengine connection under its own alias and its
documents declare ``meta = {"db_alias": <service>}``, so services never share
a database, and several can live in one test process.
"""
from __future__ import annotations

from typing import Any, Iterable

import mongoengine
from mongoengine.connection import get_db
from pymongo import DeleteOne
from pymongo.collection import Collection
from pymongo.errors import PyMongoError

from edu71.config import PlatformSettings

#: alias → (uri, database) of the connections this process registered.
_registered: dict[str, tuple[str, str]] = {}


def connect(settings: PlatformSettings) -> None:
    """Register the service's connection; a second call with the same settings keeps the first."""
    wanted = (settings.mongodb_uri, settings.mongodb_db)
    if _registered.get(settings.service) == wanted:
        return
    mongoengine.disconnect(alias=settings.service)
    _registered[settings.service] = wanted
    mongoengine.connect(
        db=settings.mongodb_db,
        alias=settings.service,
        host=settings.mongodb_uri,
        uuidRepresentation="standard",
        tz_aware=True,
        serverSelectionTimeoutMS=3000,
        connectTimeoutMS=3000,
        # Writes that cause events carry them in the same document, so the write
        # must be durable before we answer: majority where a replica set exists.
        w="majority",
    )


def ping(alias: str) -> None:
    """Raise if the database cannot be reached."""
    get_db(alias).command("ping")


def is_reachable(alias: str) -> bool:
    try:
        ping(alias)
    except PyMongoError:
        return False
    return True


def disconnect_all() -> None:
    mongoengine.disconnect_all()
    _registered.clear()


def delete_ids(collection: Collection, ids: Iterable[Any]) -> None:
    """Delete the documents with these ``_id`` values, in one round trip.

    One statement per ``_id`` rather than ``{_id: {$in: [...]}}``: FerretDB answers
    an ``$in`` by decoding every document of the collection, but each ``_id``-only
    statement by its ``_id`` index.
    """
    statements = [DeleteOne({"_id": i}) for i in ids]
    if statements:
        collection.bulk_write(statements, ordered=False)
