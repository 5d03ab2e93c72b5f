"""The one blob codec (:mod:`edu71.store.blob`): what goes in comes out, and a value stored before blobs reads as is."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

import bson

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


def test_a_large_mapping_is_stored_compressed_and_reads_back_the_same():
    at = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
    view = {"communes": [{"commune_code": f"{11000 + i}", "commune_name": f"Phường {i}", "at": at,
                          "values": {f"CHI_SO_{k}": {"value": i * k / 7, "schools_reporting": 3} for k in range(25)}}
                         for i in range(60)]}
    stored = blob.encode(view)
    plain = bson.encode(view)
    assert len(plain) >= blob.COMPRESS_FROM
    assert stored.startswith(blob.COMPRESSED) and len(stored) < len(plain) / 3
    assert blob.decode(stored) == view
    assert blob.unpack(blob.pack(view["communes"])) == view["communes"]


def test_a_small_mapping_is_stored_as_plain_bson_and_both_kinds_read_alike():
    small = {"a": 1, "b": "Hải Phòng"}
    assert bytes(blob.encode(small)) == bson.encode(small)
    large = {"rows": ["x" * 100] * 500}
    assert blob.decode(bson.encode(large)) == blob.decode(blob.encode(large)) == large


def test_a_small_blob_compressed_on_demand_reads_back_the_same_and_is_compressed_once():
    events = [{"id": f"e{i}", "envelope": '{"type": "vn.edu71.IndicatorSubmitted.v1", "school": "Trường THCS Lê Lợi"}'}
              for i in range(20)]
    plain = blob.pack(events)
    assert len(plain) < blob.COMPRESS_FROM and not plain.startswith(blob.COMPRESSED)
    squeezed = blob.compressed(plain)
    assert squeezed.startswith(blob.COMPRESSED) and len(squeezed) < len(plain) / 3
    assert blob.unpack(squeezed) == events
    assert blob.compressed(squeezed) == squeezed
