"""Contract of the versioned store's indexes (:class:`edu71.store.versioned.VersionedDocument`): a request never
builds one, the worker makes those a document declares when it starts.

Building an index reads every head of the collection (12.6 s for two over 100,000 notifications): done by the
first request of a process, as mongoengine does by default on a collection's first use, it was what a person
opening an inbox or a reviewer's queue after a deploy waited for (``bench/lists.py --first``).
"""
from __future__ import annotations

import pytest
from mongoengine import StringField

from edu71.store.versioned import VersionedDocument, load, load_many, save_with_events

pytestmark = pytest.mark.integration


class StoreContractNotice(VersionedDocument):
    meta = {"collection": "notices", "db_alias": "store_contract",
            "indexes": [{"fields": ["key"], "unique": True}, ["unit", "-at"]]}

    id = StringField(primary_key=True)
    key = StringField(required=True)
    unit = StringField()
    at = StringField()


def _indexes(cls) -> set[str]:
    return {index["name"] for index in cls._get_collection().list_indexes()}


def test_reading_and_writing_build_no_index_and_the_worker_makes_the_declared_ones(store_db):
    for n in range(3):
        save_with_events(StoreContractNotice(id=f"n{n}", key=f"k{n}", unit="u", at=f"2026-03-0{n + 1}"))
    StoreContractNotice._collection = None  # a new process: the collection not used yet

    assert load(StoreContractNotice, "n1").key == "k1"
    assert [doc.pk for doc in load_many(StoreContractNotice, ["n2", "n0"])] == ["n2", "n0"]
    assert _indexes(StoreContractNotice) == {"_id_"}

    StoreContractNotice.ensure_store_indexes()
    assert _indexes(StoreContractNotice) == {"_id_", "key_1", "unit_1_at_-1"}
