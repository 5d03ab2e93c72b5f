"""Generations of the projections: a rebuild fills a fresh database and then makes it the active one.

Generation 0 is the service's own database (``REPORTS_MONGODB_DB``);
generation N > 0 lives in ``<that database>_g<N>``. Which one is active is
recorded in the service's own database by *inserting* one document per
activation (an insert, the store's one atomic write: :mod:`edu71.store`): the activation
of the highest number wins, so going back to the previous generation (a
rollback) is one more activation. After a switch the rebuild drops the
generations older than the previous one (:func:`prune`). The API re-reads it every second or so and switches without
stopping; a worker notices the change and exits, to be restarted by its
supervisor on the new generation and its consumer group.
"""
from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Callable

from pymongo import MongoClient
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

GENERATIONS = "generations"


def db_name(base: str, generation: int) -> str:
    return base if generation == 0 else f"{base}_g{generation}"


def consumer_group(base_group: str, generation: int) -> str:
    return base_group if generation == 0 else f"{base_group}-g{generation}"


def _activations(client: MongoClient, base: str) -> list[dict]:
    """Every activation, oldest first. Each is one inserted document: ``_id`` the activation's number and
    ``generation`` the generation it made active (records written before rollbacks existed have only
    ``_id``, which was the generation)."""
    docs = client[base][GENERATIONS].find({}, {"_id": 1, "generation": 1})
    return sorted(({"_id": d["_id"], "generation": d.get("generation", d["_id"])} for d in docs),
                  key=lambda d: d["_id"])


def active(client: MongoClient, base: str) -> int:
    activations = _activations(client, base)
    return activations[-1]["generation"] if activations else 0


def previous(client: MongoClient, base: str) -> int | None:
    """The generation that was active before the active one (what a rollback returns to), if any."""
    activations = _activations(client, base)
    current = activations[-1]["generation"] if activations else 0
    earlier = [a["generation"] for a in activations[:-1] if a["generation"] != current]
    if earlier:
        return earlier[-1]
    return 0 if current != 0 else None


def next_generation(client: MongoClient, base: str) -> int:
    """A generation number never used before (a rebuild that died leaves its number used)."""
    taken = {a["generation"] for a in _activations(client, base)}
    existing = set(client.list_database_names())
    n = max(taken, default=0) + 1
    while db_name(base, n) in existing:
        n += 1
    return n


def activate(client: MongoClient, base: str, generation: int, **details) -> None:
    """Make ``generation`` the active one by inserting the next activation (a race is retried)."""
    while True:
        number = max((a["_id"] for a in _activations(client, base)), default=0) + 1
        try:
            client[base][GENERATIONS].insert_one({"_id": number, "generation": generation,
                                                  "db": db_name(base, generation),
                                                  "at": datetime.now(timezone.utc), **details})
            return
        except DuplicateKeyError:
            continue


def generations_stored(client: MongoClient, base: str) -> set[int]:
    """The generations whose projections are still stored (generation 0 is the base database's collections)."""
    names = set(client.list_database_names())
    out = {0} if set(client[base].list_collection_names()) - {GENERATIONS} else set()
    prefix = f"{base}_g"
    return out | {int(n[len(prefix):]) for n in names if n.startswith(prefix) and n[len(prefix):].isdigit()}


def prune(client: MongoClient, base: str, keep: set[int]) -> list[int]:
    """Drop every stored generation older than the newest in ``keep`` except those in ``keep``; return them.

    Newer ones are left alone: a rebuild may be filling one. Generation 0 lives in the base database,
    which also holds this registry: its other collections are dropped, the registry stays.
    """
    dropped = []
    for generation in sorted(generations_stored(client, base)):
        if generation in keep or generation > max(keep):
            continue
        if generation == 0:
            for name in client[base].list_collection_names():
                if name != GENERATIONS:
                    client[base].drop_collection(name)
        else:
            client.drop_database(db_name(base, generation))
        dropped.append(generation)
    return dropped


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
