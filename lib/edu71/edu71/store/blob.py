"""The one blob codec: a value the store need not look inside, stored as one BSON binary field.

The store converts every field of a document on each write and read, so what is
only ever read and written whole (a change's state and events, a view, a school's
values) is handed to it as one field; pymongo's C extension does the encoding.
A blob is never filtered on. A field written before it was a blob (a plain
document or value) is read as it is.

A large blob is stored compressed (zlib, fastest level): the store spends far
more time per byte of a field than zlib does. On FerretDB (SQLite) a 1 MB view
took 315 ms to replace and 142 ms to read as it was, 52 ms and 38 ms as the
157 KB it compresses to (22 ms to compress, 11 ms to expand, on a machine at
load 27); a 120 KB one 28 ms to replace, 2 ms compressed. A compressed blob
starts with four zero bytes, which no BSON document does (they would be its
length), so blobs stored either way read alike.
"""
from __future__ import annotations

import zlib
from datetime import timezone
from typing import Any, Mapping

import bson
from bson.binary import Binary, UuidRepresentation
from bson.codec_options import CodecOptions

_NAIVE = CodecOptions(uuid_representation=UuidRepresentation.STANDARD)
_AWARE = CodecOptions(uuid_representation=UuidRepresentation.STANDARD, tz_aware=True, tzinfo=timezone.utc)

#: Blobs of at least this many bytes are stored compressed. Below it the store's time to write one hardly
#: depends on the size (a submission's change, a few KB, stays as it is); a small blob read over and over, an
#: outbox hint's events, is compressed all the same (:func:`compressed`).
COMPRESS_FROM = 16 * 1024
#: What a compressed blob starts with: a BSON document's length is never 0.
COMPRESSED = b"\x00\x00\x00\x00"


def encode(mapping: Mapping[str, Any], *, check_keys: bool = False) -> Binary:
    """A mapping as one blob (compressed when it is large); ``check_keys``: refuse, as
    :class:`bson.errors.InvalidDocument`, a key starting with ``$`` or holding ``.`` at any depth."""
    raw = bson.encode(mapping, check_keys=check_keys, codec_options=_NAIVE)
    return compressed(raw) if len(raw) >= COMPRESS_FROM else Binary(raw)


def compressed(stored: bytes) -> Binary:
    """A blob compressed whatever its size (one already compressed as it is), for a small one the store reads
    many times over: an outbox hint's events are decoded by every read of the queue while they wait."""
    if stored[:4] == COMPRESSED:
        return Binary(stored)
    return Binary(COMPRESSED + zlib.compress(stored, 1))


def decode(stored: bytes | Mapping[str, Any], *, aware: bool = True) -> dict[str, Any]:
    """The mapping :func:`encode` stored (datetimes in UTC, tz-aware unless ``aware`` is false)."""
    if isinstance(stored, bytes):
        if stored[:4] == COMPRESSED:
            stored = zlib.decompress(memoryview(stored)[4:])
        return bson.decode(stored, codec_options=_AWARE if aware else _NAIVE)
    return dict(stored)


def pack(value: Any, *, check_keys: bool = False) -> Binary:
    """Any value (a list, a mapping…) as one blob (``check_keys`` as in :func:`encode`)."""
    return encode({"v": value}, check_keys=check_keys)


def unpack(stored: Any, *, aware: bool = True) -> Any:
    """The value :func:`pack` stored."""
    if isinstance(stored, bytes):
        return decode(stored, aware=aware)["v"]
    return stored
