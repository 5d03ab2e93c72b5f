"""The one blob codec (:mod:`edu71.store.blob`): what goes in comes out, and a value stored before blobs reads as is."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from edu71.store import blob


def test_a_mapping_round_trips_with_times_in_utc():
    at = datetime(2026, 3, 1, 8, 0, 0, 123000, tzinfo=timezone.utc)
    value = {"name": "Trường THCS Lê Lợi", "values": {"ti_le": 0.5, "so_hs": 412}, "at": at, "id": uuid.UUID(int=7)}
    stored = blob.encode(value)
    assert isinstance(stored, bytes)
    assert blob.decode(stored) == value
    assert blob.decode(stored, aware=False)["at"] == at.replace(tzinfo=None)


def test_any_value_packs_and_unpacks():
    events = [{"id": "e1", "envelope": "{}"}, {"id": "e2", "envelope": "{}"}]
    assert blob.unpack(blob.pack(events)) == events
    assert blob.unpack(blob.pack(3)) == 3


def test_a_value_stored_before_blobs_is_read_as_it_is():
    assert blob.unpack([{"id": "e1"}]) == [{"id": "e1"}]
    assert blob.decode({"a": 1}) == {"a": 1}


def test_equal_mappings_encode_to_equal_bytes():
    assert blob.encode({"a": 1, "b": [1, 2]}) == blob.encode({"a": 1, "b": [1, 2]})
