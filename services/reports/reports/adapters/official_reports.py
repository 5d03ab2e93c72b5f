"""Where official reports are kept: the service's own database, never a projection generation.

Unlike the views, a report is primary data (an author's words, an issued document), so it lives in the
base database (:mod:`reports.adapters.basedb`): a rebuild into a new generation
(:mod:`reports.adapters.generations`) neither copies nor drops it.

Everything is insert-only, each write checked by a unique ``_id`` (an insert is the store's one atomic
write: :mod:`edu71.store`):

- :class:`OfficialReport` — the report's state (draft → issued) as a versioned aggregate
  (:func:`edu71.bus.outbox.save_with_events`): each change one inserted version, the issue stored with its
  ReportIssued event in the same insert;
- ``official_numbers`` — the unit's yearly sequence: number *n* of unit *u* in year *y* is the document
  ``<u>:<y>:<n>``, claimed by inserting it (no counter is incremented); a document ``issuing:<report id>``
  claimed first lets only one request issue a report;
- ``official_files`` — the issued DOCX (and its PDF), ``<report id>|docx`` / ``|pdf``, inserted once;
- ``official_figures`` — the exact figures an issued report was built from, ``<report id>``, inserted once;
- ``official_pdf_queue`` — issued files whose PDF the worker is still to make (a :class:`WorkQueue`).

:class:`OfficialReportStore` is the repository over all of these; :class:`InMemoryOfficialReportStore` is its
twin for use-case tests, and both pass the contract suite (tests/integration/test_repositories.py).
"""
from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timedelta, timezone

import copy
from typing import Any, Callable

from bson.binary import Binary
from mongoengine import DateTimeField, DictField, IntField, NotUniqueError, StringField
from mongoengine.connection import get_db
from pymongo.errors import DuplicateKeyError

from edu71.bus.outbox import VersionedDocument, load, save_with_events
from edu71.contracts import Event
from edu71.store import blob
from edu71.store.memory import InMemoryVersioned
from edu71.store.queue import WorkQueue, attempt_of, key_of
from reports.adapters.basedb import BASE_ALIAS

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


class ReportExists(Exception):
    """A first draft of a report that another request created first."""


#: LibreOffice takes seconds (tens on a busy machine, from cold), longer than a person should wait for
#: "Ban hành": the worker makes the PDFs (:meth:`OfficialReportStore.make_pdfs`), and a download makes a missing
#: one itself. A conversion that failed is tried again this many times, the wait doubling from a minute.
PDF_ATTEMPTS = 5


def _unit_filter(unit: tuple[str, str] | None, recipient: tuple[str, str] | None) -> dict:
    if unit is not None:
        return {"unit_kind": unit[0], "unit_code": unit[1]}
    if recipient is not None:
        return {"recipient_kind": recipient[0], "recipient_code": recipient[1]}
    return {}


def _newest_first(rows) -> list[dict]:
    return sorted(rows, key=lambda r: r["issued_at"], reverse=True)


class OfficialReportStore:
    """The official reports in the base database (see the module)."""

    def __init__(self, database: Callable[[], Any] = lambda: get_db(BASE_ALIAS)):
        self.database = database
        self.pdf_queue = WorkQueue("official_pdf_queue", database)

    # -- the report ------------------------------------------------------------------------------------
    def get(self, report_id: str) -> OfficialReport | None:
        return load(OfficialReport, report_id)

    def save(self, head: OfficialReport, *events: Event, expected_version: int | None = None) -> OfficialReport:
        """Store the report's new state with its events; :class:`ReportExists` or
        :class:`edu71.bus.outbox.StaleDocument` if another change got there first."""
        try:
            return save_with_events(head, *events, expected_version=expected_version)
        except NotUniqueError:
            raise ReportExists(head.id) from None

    def issued(self, *, unit: tuple[str, str] | None = None, recipient: tuple[str, str] | None = None) -> list[dict]:
        """Heads of issued reports of ``unit`` (kind, code), or sent to ``recipient``, or every one; newest first.

        A filter on fields other than ``_id``: the heads are small (no files, no figures) and a province has a few
        thousand reports a round, so reading them whole is what a listing costs.
        """
        rows = OfficialReport._get_collection().find({**_unit_filter(unit, recipient), "status": "issued"})
        return _newest_first(rows)

    # -- issuing ---------------------------------------------------------------------------------------
    def claim_issue(self, report_id: str) -> bool:
        """Only one request may issue a report: True for the one whose insert got there first."""
        try:
            self.database()[NUMBERS].insert_one({"_id": f"issuing:{report_id}", "at": datetime.now(timezone.utc)})
        except DuplicateKeyError:
            return False
        return True

    def release_issue(self, report_id: str) -> None:
        """Give the claim back after an issue that failed before it was stored (only its holder calls this)."""
        self.database()[NUMBERS].delete_one({"_id": f"issuing:{report_id}"})

    def claim_number(self, unit_key: str, year: int, report_id: str) -> int:
        """The next number of ``unit_key``'s sequence in ``year``, claimed for ``report_id``.

        The next free number is found by reading ``_id`` s upward (a unit issues a few dozen reports a year),
        then claimed by inserting it; a concurrent claim of the same number makes the insert fail and the next
        one is tried.
        """
        coll = self.database()[NUMBERS]
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

    # -- what an issued report is kept with --------------------------------------------------------------
    def keep_file(self, report_id: str, kind: str, body: bytes) -> str:
        """Store an issued file once; its SHA-256. A second call for the same file keeps the first."""
        digest = hashlib.sha256(body).hexdigest()
        try:
            self.database()[FILES].insert_one({"_id": f"{report_id}|{kind}", "sha256": digest, "size": len(body),
                                               "body": Binary(body), "at": datetime.now(timezone.utc)})
        except DuplicateKeyError:
            pass
        return digest

    def file(self, report_id: str, kind: str) -> bytes | None:
        doc = self.database()[FILES].find_one({"_id": f"{report_id}|{kind}"})
        return None if doc is None else bytes(doc["body"])

    def keep_figures(self, report_id: str, figures: dict) -> None:
        try:
            self.database()[FIGURES].insert_one({"_id": report_id, "figures": blob.encode(figures),
                                                 "at": datetime.now(timezone.utc)})
        except DuplicateKeyError:
            pass

    def figures(self, report_id: str) -> dict | None:
        doc = self.database()[FIGURES].find_one({"_id": report_id})
        return blob.decode(doc["figures"]) if doc else None

    # -- the PDFs ----------------------------------------------------------------------------------------
    def queue_pdf(self, issued: str, due: datetime) -> None:
        """Have the worker make the PDF of ``issued`` (``<report id>|<sha256>``) from ``due`` on."""
        self.pdf_queue.put(issued, due=due)

    def make_pdfs(self, to_pdf: Callable[[bytes], bytes | None], limit: int = 10, claim_timeout: float = 600.0,
                  now: datetime | None = None) -> int:
        """Make the PDFs due by ``now`` (each claimed, so that several workers never convert one twice); how many."""
        now = now or datetime.now(timezone.utc)
        made = 0
        for entry in self.pdf_queue.ready(limit, now=now):
            issued = key_of(entry)
            if not self.pdf_queue.claim(entry["_id"], now, claim_timeout):
                continue
            if self.file(issued, "pdf") is None:
                docx = self.file(issued, "docx")
                converted = to_pdf(docx) if docx is not None else None
                if docx is not None and converted is None:
                    if attempt_of(entry) + 1 < PDF_ATTEMPTS:
                        self.pdf_queue.retry(entry, now + timedelta(minutes=2 ** attempt_of(entry)))
                    else:
                        log.error("no PDF for the issued report %s after %d attempts", issued, PDF_ATTEMPTS)
                        self.pdf_queue.done([entry["_id"]])
                    continue
                if converted is not None:
                    self.keep_file(issued, "pdf", converted)
                    made += 1
            self.pdf_queue.done([entry["_id"]])
        return made


class InMemoryOfficialReportStore(InMemoryVersioned[OfficialReport]):
    """:class:`OfficialReportStore` in dicts; a PDF whose conversion failed stays due (no back-off)."""

    def __init__(self):
        super().__init__(ReportExists)
        self.claims: set[str] = set()
        self.numbers: dict[str, str] = {}
        self.files: dict[str, bytes] = {}
        self.kept_figures: dict[str, dict] = {}
        self.pdfs_due: dict[str, datetime] = {}

    def issued(self, *, unit: tuple[str, str] | None = None, recipient: tuple[str, str] | None = None) -> list[dict]:
        wanted = {**_unit_filter(unit, recipient), "status": "issued"}
        rows = (doc.to_mongo().to_dict() for doc in self.docs.values())
        return copy.deepcopy(_newest_first(r for r in rows if all(r.get(k) == v for k, v in wanted.items())))

    def claim_issue(self, report_id: str) -> bool:
        if report_id in self.claims:
            return False
        self.claims.add(report_id)
        return True

    def release_issue(self, report_id: str) -> None:
        self.claims.discard(report_id)

    def claim_number(self, unit_key: str, year: int, report_id: str) -> int:
        n = 1
        while f"{unit_key}:{year}:{n}" in self.numbers:
            n += 1
        self.numbers[f"{unit_key}:{year}:{n}"] = report_id
        return n

    def keep_file(self, report_id: str, kind: str, body: bytes) -> str:
        self.files.setdefault(f"{report_id}|{kind}", bytes(body))
        return hashlib.sha256(body).hexdigest()

    def file(self, report_id: str, kind: str) -> bytes | None:
        return self.files.get(f"{report_id}|{kind}")

    def keep_figures(self, report_id: str, figures: dict) -> None:
        self.kept_figures.setdefault(report_id, copy.deepcopy(figures))

    def figures(self, report_id: str) -> dict | None:
        found = self.kept_figures.get(report_id)
        return None if found is None else copy.deepcopy(found)

    def queue_pdf(self, issued: str, due: datetime) -> None:
        self.pdfs_due.setdefault(issued, due)

    def make_pdfs(self, to_pdf: Callable[[bytes], bytes | None], limit: int = 10, claim_timeout: float = 600.0,
                  now: datetime | None = None) -> int:
        now = now or datetime.now(timezone.utc)
        made = 0
        for issued in [k for k, due in self.pdfs_due.items() if due <= now][:limit]:
            if self.file(issued, "pdf") is None and (docx := self.file(issued, "docx")) is not None:
                converted = to_pdf(docx)
                if converted is None:
                    continue
                self.keep_file(issued, "pdf", converted)
                made += 1
            del self.pdfs_due[issued]
        return made
