"""The original uploaded plan files: kept in GridFS in the plans database with their checksum, or in memory
for the use-case tests. Both pass the same contract suite (tests/integration/test_repositories.py)."""
from __future__ import annotations

import hashlib
import uuid
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


class Originals:
    @staticmethod
    def _bucket() -> gridfs.GridFSBucket:
        return gridfs.GridFSBucket(get_db("plans"), bucket_name=BUCKET)

    def keep(self, data: bytes, filename: str, kind: str, school_code: str) -> StoredOriginal:
        """Keep an uploaded file beside the earlier ones (never overwriting one)."""
        digest = hashlib.sha256(data).hexdigest()
        file_id = self._bucket().upload_from_stream(
            filename, data, metadata={"sha256": digest, "kind": kind, "school_code": school_code,
                                      "content_type": CONTENT_TYPES[kind]})
        return StoredOriginal(str(file_id), digest, filename, kind)

    def read(self, file_id: str) -> bytes:
        return self._bucket().open_download_stream(ObjectId(file_id)).read()


class InMemoryOriginals:
    def __init__(self):
        self.files: dict[str, bytes] = {}

    def keep(self, data: bytes, filename: str, kind: str, school_code: str) -> StoredOriginal:
        file_id = uuid.uuid4().hex[:24]
        self.files[file_id] = bytes(data)
        return StoredOriginal(file_id, hashlib.sha256(data).hexdigest(), filename, kind)

    def read(self, file_id: str) -> bytes:
        return self.files[file_id]
