"""Where official reports are kept: the service's own database, never a projection generation.

Unlike the views, a report is primary data (an author's words, an issued document), so it lives in the
base database (:mod:`reports.adapters.basedb`): a rebuild into a new generation
(:mod:`reports.adapters.generations`) neither copies nor drops it.

Everything is insert-only, each write checked by a unique ``_id`` (FerretDB loses concurrent updates):

- :class:`OfficialReport` — the report's state (draft → issued) through the outbox
  (:func:`edu71.bus.outbox.save_with_events`): each change one inserted version, the issue stored with its
  ReportIssued event in the same insert;
- ``official_numbers`` — the unit's yearly sequence: number *n* of unit *u* in year *y* is the document
  ``<u>:<y>:<n>``, claimed by inserting it (never ``$inc``: concurrent increments lose writes); a document
  ``issuing:<report id>`` claimed first lets only one request issue a report;
- ``official_files`` — the issued DOCX (and its PDF), ``<report id>|docx`` / ``|pdf``, inserted once;
- ``official_figures`` — the exact figures an issued report was built from, ``<report id>``, inserted once;
- ``official_pdf_queue`` — issued files whose PDF the worker is still to make (:data:`PDF_QUEUE`).
"""
from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timedelta, timezone

from bson.binary import Binary
from mongoengine import DateTimeField, DictField, IntField, StringField
from mongoengine.connection import get_db
from pymongo.errors import DuplicateKeyError

from edu71.bus.outbox import VersionedDocument
from reports.adapters.basedb import BASE_ALIAS
from edu71.store import blob
from edu71.store.queue import WorkQueue, attempt_of, key_of

log = logging.getLogger(__name__)

NUMBERS, FILES, FIGURES = "official_numbers", "official_files", "official_figures"


class OfficialReport(VersionedDocument):
    """One unit's official report for one round (``_id`` ``<round id>|<unit kind>|<unit code>``)."""

    meta = {"collection": "official_reports", "db_alias": BASE_ALIAS}

    id = StringField(primary_key=True)
    round_id = StringField(required=True)
    unit_kind = StringField(required=True, choices=("school", "commune", "province"))
    unit_code = StringField(required=True)
    unit_name = StringField(required=True)
    province_code = StringField(required=True)
    #: The level above, which an issued report is sent to.
    recipient_kind = StringField(required=True)
    recipient_code = StringField(required=True)
    recipient_name = StringField()
    status = StringField(required=True, choices=("draft", "issued"), default="draft")
    #: The sections the author writes (see :data:`reports.domain.official.WRITTEN`).
    written = DictField()
    signer_name = StringField(default="")
    updated_at = DateTimeField()
    updated_by = DictField()
    # Set when issued.
    number = IntField()
    year = IntField()
    number_symbol = StringField()
    subject = StringField()
    round_name = StringField()
    as_of = DateTimeField()
    issued_at = DateTimeField()
    issued_by = DictField()
    sha256 = StringField()

    @staticmethod
    def key(round_id: str, kind: str, code: str) -> str:
        return f"{round_id}|{kind}|{code}"


def _db():
    return get_db(BASE_ALIAS)


def claim_issue(report_id: str) -> bool:
    """Only one request may issue a report: True for the one whose insert got there first."""
    try:
        _db()[NUMBERS].insert_one({"_id": f"issuing:{report_id}", "at": datetime.now(timezone.utc)})
    except DuplicateKeyError:
        return False
    return True


def release_issue(report_id: str) -> None:
    """Give the claim back after an issue that failed before it was stored (only its holder calls this)."""
    _db()[NUMBERS].delete_one({"_id": f"issuing:{report_id}"})


def claim_number(unit_key: str, year: int, report_id: str) -> int:
    """The next number of ``unit_key``'s sequence in ``year``, claimed for ``report_id``.

    The next free number is found by reading ``_id`` s upward (a unit issues a few dozen reports a year),
    then claimed by inserting it; a concurrent claim of the same number makes the insert fail and the next
    one is tried.
    """
    coll = _db()[NUMBERS]
    n = 1
    while coll.find_one({"_id": f"{unit_key}:{year}:{n}"}, {"_id": 1}) is not None:
        n += 1
    while True:
        try:
            coll.insert_one({"_id": f"{unit_key}:{year}:{n}", "report_id": report_id,
                             "at": datetime.now(timezone.utc)})
            return n
        except DuplicateKeyError:
            n += 1


def keep_file(report_id: str, kind: str, body: bytes) -> str:
    """Store an issued file once; its SHA-256. A second call for the same file keeps the first."""
    digest = hashlib.sha256(body).hexdigest()
    try:
        _db()[FILES].insert_one({"_id": f"{report_id}|{kind}", "sha256": digest, "size": len(body),
                                 "body": Binary(body), "at": datetime.now(timezone.utc)})
    except DuplicateKeyError:
        pass
    return digest


def file_of(report_id: str, kind: str) -> dict | None:
    return _db()[FILES].find_one({"_id": f"{report_id}|{kind}"})


#: Issued files (``<report id>|<sha256>``) whose PDF is still to be made, each put with its due time.
#: LibreOffice takes seconds (tens on a busy machine, from cold), longer than a person should wait for
#: "Ban hành": the worker makes them (:func:`make_pdfs`), and a download makes a missing one itself.
PDF_QUEUE = WorkQueue("official_pdf_queue", _db)
#: A conversion that failed is tried again this many times, the wait doubling from a minute.
PDF_ATTEMPTS = 5


def make_pdfs(to_pdf, limit: int = 10, claim_timeout: float = 600.0, now: datetime | None = None) -> int:
    """Make the PDFs due by ``now`` (each claimed, so that several workers never convert one twice); how many."""
    now = now or datetime.now(timezone.utc)
    made = 0
    for entry in PDF_QUEUE.ready(limit, now=now):
        issued = key_of(entry)
        if not PDF_QUEUE.claim(entry["_id"], now, claim_timeout):
            continue
        if file_of(issued, "pdf") is None:
            docx = file_of(issued, "docx")
            converted = to_pdf(bytes(docx["body"])) if docx is not None else None
            if docx is not None and converted is None:
                if attempt_of(entry) + 1 < PDF_ATTEMPTS:
                    PDF_QUEUE.retry(entry, now + timedelta(minutes=2 ** attempt_of(entry)))
                else:
                    log.error("no PDF for the issued report %s after %d attempts", issued, PDF_ATTEMPTS)
                    PDF_QUEUE.done([entry["_id"]])
                continue
            if converted is not None:
                keep_file(issued, "pdf", converted)
                made += 1
        PDF_QUEUE.done([entry["_id"]])
    return made


def keep_figures(report_id: str, figures: dict) -> None:
    try:
        _db()[FIGURES].insert_one({"_id": report_id, "figures": blob.encode(figures), "at": datetime.now(timezone.utc)})
    except DuplicateKeyError:
        pass


def figures_of(report_id: str) -> dict | None:
    doc = _db()[FIGURES].find_one({"_id": report_id})
    return blob.decode(doc["figures"]) if doc else None


def issued(unit_filter: dict) -> list[dict]:
    """Heads of issued reports matching ``unit_filter`` (a unit's own, or those sent to it), newest first.

    A filter on fields other than ``_id``: the heads are small (no files, no figures) and a province has a few
    thousand reports a round, so reading them whole is what a listing costs.
    """
    rows = OfficialReport._get_collection().find({**unit_filter, "status": "issued"})
    return sorted(rows, key=lambda r: r["issued_at"], reverse=True)
