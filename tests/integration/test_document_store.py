"""The document store the services run on answers lookups by ``_id`` from its index.

Every hot path of the platform (outbox heads, submissions, the reports
projector, the views the APIs read) relies on reads, replacements and deletes
by ``_id`` costing a B-tree lookup, not a scan of the collection. FerretDB 1.24
as released scans on its SQLite backend; ``deploy/ferretdb/patches/`` fixes
that. The query plan, not a timing, is what proves it.
"""
from __future__ import annotations

import pymongo
import pytest

pytestmark = pytest.mark.integration


@pytest.fixture
def collection(stack):
    client = pymongo.MongoClient(stack.mongodb_uri)
    coll = client["edu71_store_check"]["lookups"]
    coll.drop()
    coll.insert_many([{"_id": f"round-1|{i:05d}", "n": i} for i in range(200)])
    yield coll
    coll.drop()
    client.close()


def plan_of(coll, command: dict) -> str:
    answer = coll.database.command("explain", command)
    if "ferretdbVersion" not in answer.get("serverInfo", {}):
        pytest.skip("the store is a MongoDB server; its _id lookups use the _id index by construction")
    return " ".join(answer["queryPlanner"]["Plan"])


def test_a_lookup_by_id_searches_the_index(collection):
    # FerretDB explains only the filter of a find; its updates and deletes by
    # _id use the same SQL expression, so this plan stands for them too.
    plan = plan_of(collection, {"find": "lookups", "filter": {"_id": "round-1|00042"}})
    assert "USING INDEX" in plan and "__id_" in plan, plan


def test_a_read_by_id_still_finds_the_document_and_a_replacement_lands(collection):
    assert collection.find_one({"_id": "round-1|00042"})["n"] == 42
    collection.replace_one({"_id": "round-1|00042"}, {"n": -42})
    assert collection.find_one({"_id": "round-1|00042"})["n"] == -42
    assert collection.delete_one({"_id": "round-1|00042"}).deleted_count == 1
    assert collection.find_one({"_id": "round-1|00042"}) is None
    assert collection.count_documents({}) == 199
