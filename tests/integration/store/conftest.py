"""The storage layer's contract suites run against the session's store: FerretDB started by the fixtures,
or any MongoDB-compatible server named by ``EDU71_TEST_MONGODB_URI`` (see :func:`edu71_testing.running_stack`).

Each test gets a database of its own under the mongoengine alias :data:`ALIAS`.
"""
from __future__ import annotations

import uuid

import mongoengine
import pytest
from mongoengine.connection import get_db

ALIAS = "store_contract"


@pytest.fixture
def store_db(stack):
    name = f"t_store_{uuid.uuid4().hex[:8]}"
    mongoengine.connect(db=name, alias=ALIAS, host=stack.mongodb_uri, uuidRepresentation="standard", tz_aware=True,
                        serverSelectionTimeoutMS=5000)
    database = get_db(ALIAS)
    yield database
    database.client.drop_database(name)
    mongoengine.disconnect(alias=ALIAS)


def run_threads(count: int, target) -> list[BaseException]:
    """Run ``target(i)`` in ``count`` threads released together; the exceptions they raised."""
    import threading

    start, errors = threading.Barrier(count), []

    def body(i: int) -> None:
        try:
            start.wait()
            target(i)
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            errors.append(exc)

    threads = [threading.Thread(target=body, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    return errors


@pytest.fixture
def threads():
    return run_threads


@pytest.fixture
def store_alias(store_db) -> str:
    """The mongoengine alias of the test's database."""
    return ALIAS
