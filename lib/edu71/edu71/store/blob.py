"""The one blob codec: a value the store need not look inside, stored as one BSON binary field.

The store converts every field of a document on each write and read, so what is
only ever read and written whole (a change's state and events, a view, a school's
values) is handed to it as one field; pymongo's C extension does the encoding.
A blob is never filtered on. A field written before it was a blob (a plain
document or value) is read as it is.
"""
from __future__ import annotations

from datetime import timezone
from typing import Any, Mapping

import bson
from bson.binary import Binary, UuidRepresentation
from bson.codec_options import CodecOptions

_NAIVE = CodecOptions(uuid_representation=UuidRepresentation.STANDARD)
_AWARE = CodecOptions(uuid_representation=UuidRepresentation.STANDARD, tz_aware=True, tzinfo=timezone.utc)


def encode(mapping: Mapping[str, Any]) -> Binary:
    """A mapping as one blob."""
    return Binary(bson.encode(mapping, codec_options=_NAIVE))


def decode(stored: bytes | Mapping[str, Any], *, aware: bool = True) -> dict[str, Any]:
    """The mapping :func:`encode` stored (datetimes in UTC, tz-aware unless ``aware`` is false)."""
    if isinstance(stored, bytes):
        return bson.decode(stored, codec_options=_AWARE if aware else _NAIVE)
    return dict(stored)


def pack(value: Any) -> Binary:
    """Any value (a list, a mapping…) as one blob."""
    return encode({"v": value})


def unpack(stored: Any, *, aware: bool = True) -> Any:
    """The value :func:`pack` stored."""
    if isinstance(stored, bytes):
        return decode(stored, aware=aware)["v"]
    return stored
