"""What the store refuses in a state is refused before anything is written (edu71.store.versioned.check_storable)."""
from __future__ import annotations

import pytest

from edu71.store.versioned import UnstorableDocument, check_storable


@pytest.mark.parametrize("state, where", [
    ({"a.b": 1}, "the top"),
    ({"$set": 1}, "the top"),
    ({"x": {"a\x00b": 1}}, "x"),
    ({"x": [1, {"ok": [{"c.d": 1}]}]}, "x.1.ok.0"),
    ({"x": ({"y": {5: "not a text key"}},)}, "x.0.y"),
])
def test_a_refused_key_is_named_with_where_it_is(state, where):
    with pytest.raises(UnstorableDocument) as refused:
        check_storable(state)
    assert refused.value.args[0].endswith(f"at {where} cannot be stored")


def test_what_the_store_takes_passes_however_deep():
    deep: dict = {"v": "x.y $z"}  # dots and dollars in values are fine; only keys are refused
    for _ in range(45):  # 90 levels: under the 100 the store accepts
        deep = {"n": [deep]}
    check_storable(deep)
    check_storable({"values": [{"indicator_code": "CLASSES", "value": 3}] * 50, "at": None})
