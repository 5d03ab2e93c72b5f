"""Generations of the projections: a rebuild fills a fresh database and then makes it the active one.

Generation 0 is the service's own database (``REPORTS_MONGODB_DB``);
generation N > 0 lives in ``<that database>_g<N>``. Which one is active is
recorded in the service's own database by *inserting* one document per
activated generation (inserts are atomic on FerretDB, updates are not): the
highest id wins. The API re-reads it every second or so and switches without
stopping; a worker notices the change and exits, to be restarted by its
supervisor on the new generation and its consumer group.
"""
from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Callable

from pymongo import MongoClient
from pymongo.database import Database

GENERATIONS = "generations"


def db_name(base: str, generation: int) -> str:
    return base if generation == 0 else f"{base}_g{generation}"


def consumer_group(base_group: str, generation: int) -> str:
    return base_group if generation == 0 else f"{base_group}-g{generation}"


def active(client: MongoClient, base: str) -> int:
    ids = [doc["_id"] for doc in client[base][GENERATIONS].find({}, {"_id": 1})]
    return max(ids, default=0)


def next_generation(client: MongoClient, base: str) -> int:
    """A generation number never used before (a rebuild that died leaves its number used)."""
    taken = {doc["_id"] for doc in client[base][GENERATIONS].find({}, {"_id": 1})}
    existing = set(client.list_database_names())
    n = max(taken, default=0) + 1
    while db_name(base, n) in existing:
        n += 1
    return n


def activate(client: MongoClient, base: str, generation: int, **details) -> None:
    client[base][GENERATIONS].insert_one({"_id": generation, "db": db_name(base, generation),
                                          "at": datetime.now(timezone.utc), **details})


class ActiveDatabase:
    """The database of the active generation, looked up at most every ``ttl`` seconds.

    ``client`` is called on each use: the connection behind the service's alias can be replaced.
    """

    def __init__(self, client: Callable[[], MongoClient], base: str, ttl: float = 1.0):
        self._client, self.base, self.ttl = client, base, ttl
        self._at, self._generation = 0.0, 0

    @property
    def client(self) -> MongoClient:
        return self._client()

    @property
    def generation(self) -> int:
        now = time.monotonic()
        if now - self._at > self.ttl:
            self._generation, self._at = active(self.client, self.base), now
        return self._generation

    def db(self) -> Database:
        return self.client[db_name(self.base, self.generation)]
