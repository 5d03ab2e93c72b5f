"""The original uploaded plan files, kept in GridFS in the plans database with their checksum."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import gridfs
from bson import ObjectId
from mongoengine.connection import get_db

BUCKET = "plan_originals"
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "text": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class StoredOriginal:
    file_id: str
    sha256: str
    filename: str
    kind: str


def _bucket() -> gridfs.GridFSBucket:
    return gridfs.GridFSBucket(get_db("plans"), bucket_name=BUCKET)


def keep(data: bytes, filename: str, kind: str, school_code: str) -> StoredOriginal:
    digest = hashlib.sha256(data).hexdigest()
    file_id = _bucket().upload_from_stream(
        filename, data, metadata={"sha256": digest, "kind": kind, "school_code": school_code,
                                  "content_type": CONTENT_TYPES[kind]})
    return StoredOriginal(str(file_id), digest, filename, kind)


def read(file_id: str) -> bytes:
    return _bucket().open_download_stream(ObjectId(file_id)).read()
