"""Connection to the service's own database (MongoDB wire protocol: FerretDB or MongoDB).

Each service registers its mongoengine connection under its own alias and its
documents declare ``meta = {"db_alias": <service>}``, so services never share
a database, and several can live in one test process.
"""
from __future__ import annotations

import mongoengine
from mongoengine.connection import get_db
from pymongo.errors import PyMongoError

from edu71.config import PlatformSettings


def connect(settings: PlatformSettings) -> None:
    mongoengine.disconnect(alias=settings.service)
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
