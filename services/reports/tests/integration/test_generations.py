"""Generations on the real store: activations are inserts, a rollback is one more, and pruning after a
switch keeps the active and the previous generation and leaves newer ones (a rebuild in progress) alone."""
from __future__ import annotations

import pytest
from pymongo import MongoClient

pytestmark = pytest.mark.integration


@pytest.fixture
def store(reports_settings):
    client = MongoClient(reports_settings.platform.mongodb_uri)
    base = reports_settings.platform.mongodb_db
    yield client, base
    for name in client.list_database_names():
        if name == base or name.startswith(f"{base}_g"):
            client.drop_database(name)
    client.close()


def fill(client, base, generation):
    from reports.adapters.generations import db_name

    client[db_name(base, generation)]["views_31"].insert_one({"_id": f"view of generation {generation}"})


def test_prune_keeps_the_active_and_previous_generations_and_newer_ones(store):
    from reports.adapters.generations import (
        GENERATIONS,
        activate,
        active,
        generations_stored,
        next_generation,
        previous,
        prune,
    )

    client, base = store
    for generation in (0, 1, 2, 3, 4):
        fill(client, base, generation)
    # Generation 2 was built but never activated (a rebuild that died); 4 is being built right now.
    client[base][GENERATIONS].insert_one({"_id": 1, "db": f"{base}_g1"})  # written before rollbacks existed
    activate(client, base, 3)
    assert (active(client, base), previous(client, base)) == (3, 1)
    assert next_generation(client, base) == 5

    assert prune(client, base, keep={3, 1}) == [0, 2]
    assert generations_stored(client, base) == {1, 3, 4}
    assert client[base].list_collection_names() == [GENERATIONS]  # generation 0's views went, the registry stayed
    assert client[f"{base}_g1"]["views_31"].find_one({"_id": "view of generation 1"}) is not None


def test_a_rollback_is_one_more_activation_and_the_rebuild_after_it_counts_from_the_highest(store, reports_settings):
    from reports.adapters.generations import activate, active, next_generation, previous
    from reports.rebuild import rollback

    client, base = store
    fill(client, base, 1)
    fill(client, base, 2)
    activate(client, base, 1)
    activate(client, base, 2)
    assert rollback(reports_settings) == 1
    assert (active(client, base), previous(client, base)) == (1, 2)
    assert next_generation(client, base) == 3  # numbers are never reused
    client.drop_database(f"{base}_g2")
    with pytest.raises(SystemExit):
        rollback(reports_settings)  # nothing stored to go back to
