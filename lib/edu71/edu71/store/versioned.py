"""The versioned-aggregate store: insert-only changes, a head, history and the events each change causes.

Every change of an aggregate (a plan, a round, a submission…) is stored as one
new, immutable *change* document, ``<collection>_changes/<id>:<version>``,
carrying the aggregate's new state **and** the events the change causes. One
insert is atomic on every MongoDB-compatible store, whatever it does with
updates; the unique ``_id`` is also the optimistic-concurrency check: two
writers of the same version cannot both succeed (:class:`StaleDocument`).

After the insert the writer refreshes the aggregate's *head* (the current state,
read by queries), then puts an entry in the outbox queue (``outbox_hints``, a
:class:`~edu71.store.queue.WorkQueue` holding a compressed copy of the change's
events). In that order, an event the relay publishes is never ahead of what a
reader is shown: a writer cut off between its insert and its head (the store
went away, the process died) leaves a change nobody has been told about, not an
event about a version the service does not show. The head is a cache of the
changes: two writers racing on it can leave it a version behind, and a writer
cut off leaves it behind too. Nothing is lost: a writer that meets a lagging head
(its insert finds the version taken) repairs it, and the relay's sweep (every few
minutes, and as soon as the store is back after an outage) re-queues unpublished
changes and repairs heads that lag. (Looking for a later change after every head
write would close the race at once, for a fifth more time per write; the ingest
path is the platform's hottest.)

Nothing ever updates a versioned document in place: a change that is not a new
change document (with its events) does not exist. The hot paths read and write
by ``_id`` only; a change's state and events are stored as one blob each
(:mod:`edu71.store.blob`).
"""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone

from bson import SON, ObjectId
from bson.errors import InvalidDocument
from mongoengine import BooleanField, DateTimeField, Document, IntField, NotUniqueError, StringField
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from edu71.contracts import Event
from edu71.store import blob
from edu71.store.queue import WorkQueue

#: The outbox queue: one entry per change that carries events, until the relay published them.
HINTS = "outbox_hints"
#: One marker per published change, inserted by the relay.
PUBLISHED = "outbox_published"


class StaleDocument(Exception):
    """The aggregate changed since it was read (optimistic concurrency)."""


class UnstorableDocument(ValueError):
    """The state holds what the store refuses (a key with ``.``, a leading ``$`` or NUL); nothing was written."""


def check_storable(value, path: str = "") -> None:
    """Refuse, before anything is written, a state the store would refuse when it writes the head.

    A head written after its change was stored and refused there would leave a
    change no head can show; every key is checked as MongoDB does. A write runs it
    once the encoder has refused a key (:func:`_packed_state`), to name where; it
    walks without recursion (a state may be deep) and names the path of a container only.
    """
    containers = (dict, list, tuple)
    stack = [(value, path)]
    while stack:
        current, where = stack.pop()
        if isinstance(current, dict):
            for key, item in current.items():
                if not isinstance(key, str) or key.startswith("$") or "." in key or "\x00" in key:
                    raise UnstorableDocument(f"key {key!r} at {where or 'the top'} cannot be stored")
                if isinstance(item, containers):
                    stack.append((item, f"{where}.{key}" if where else key))
        elif isinstance(current, (list, tuple)):
            stack.extend((item, f"{where}.{index}") for index, item in enumerate(current)
                         if isinstance(item, containers))


class VersionedDocument(Document):
    """Base of every aggregate whose changes are versioned and may publish events.

    The mongoengine collection holds the *head* (current state, for queries);
    ``<collection>_changes`` holds every version with its events.
    """

    # A request never builds an index: mongoengine's default creates the declared ones on a process's first use of
    # the collection, so after a deploy the first request to a store without them built them over every head
    # (12.6 s for two indexes over 100,000 notifications). The worker makes them when it starts instead.
    meta = {"abstract": True, "auto_create_index": False}

    doc_version = IntField(db_field="_v", default=0)

    #: Fields the head stores as one blob each (:mod:`edu71.store.blob`): nested mappings and lists no query
    #: looks inside. FerretDB converts a document key by key on every write, so a submission's head (its values
    #: and audit record, 9 KB of nested BSON) cost it 3–3.9 ms of CPU to insert as it was and 0.9–1.1 ms with
    #: those fields as blobs. Each such field must read a blob back as its value (``to_python``); the changes'
    #: states keep them as they are.
    head_blobs: tuple[str, ...] = ()

    @classmethod
    def changes(cls) -> Collection:
        return cls._get_db()[f"{cls._get_collection_name()}_changes"]

    def stored(self) -> SON:
        """The document as the store keeps it (its version included), once validated: what ``validate`` then
        ``to_mongo`` give, key for key and in the same order.

        mongoengine asks every field to check and convert its value through several calls each (a new
        submission: ``validate`` 25 µs, ``to_mongo`` 29 µs). Where every field is one whose conversion of a
        value of its own type gives that value back (:func:`_storage_plan`), each value's type, presence and
        choices are checked here in one pass; anything else (a missing required value, a value of another
        type, one outside its choices) goes the whole way through mongoengine, which refuses or converts it as
        it always did.
        """
        plan = _storage_plan(type(self))
        if plan is not None:
            state = _stored_by_plan(self._data, plan)
            if state is not None:
                return state
        self.validate()
        return self.to_mongo()

    @classmethod
    def ensure_store_indexes(cls) -> None:
        """Make the indexes the document declares (its ``meta``), called by the worker when it starts: no read
        needs them (every hot path reads by ``_id``), but a unique one guards a field and MongoDB's other queries
        use them."""
        cls.ensure_indexes()


#: How :meth:`VersionedDocument.stored` keeps a value of each kind of field: the type a value must have to be
#: stored as it is (mongoengine's conversion of such a value returns it unchanged, and its check passes).
_KEPT_TYPES = {StringField: str, IntField: int, BooleanField: bool, DateTimeField: datetime}
_PLANS: dict[type, tuple | None] = {}


def _storage_plan(cls: type[VersionedDocument]) -> tuple | None:
    """Per field, in mongoengine's order: ``(name, db_field, kept type or None for "as it is", exact type?,
    required, null, choices)``; ``None`` when a field, or the class, needs mongoengine's own path.

    A field is stored as it is when its class says so (``stored_as_is``: no conversion, no check), or when it
    is a plain string, integer, boolean or datetime field without bounds, pattern or validation function.
    """
    if cls in _PLANS:
        return _PLANS[cls]
    plan = []
    plain = (cls.clean is Document.clean and not cls._dynamic and not cls._meta.get("allow_inheritance"))
    for name in cls._fields_ordered if plain else ():
        field = cls._fields[name]
        kept = None if getattr(field, "stored_as_is", False) else _KEPT_TYPES.get(type(field), False)
        if kept is False or field.validation is not None or getattr(field, "_auto_gen", False) \
                or any(getattr(field, bound, None) is not None
                       for bound in ("max_length", "min_length", "regex", "min_value", "max_value")):
            plain = False
            break
        choices = None
        if field.choices:
            choices = tuple(c[0] if isinstance(c, (list, tuple)) else c for c in field.choices)
        # An int or bool field converts a value of a subclass (True in an IntField becomes 1): only the exact type
        # is kept; a string or datetime field keeps a subclass's value as it is.
        plan.append((name, field.db_field, kept, kept in (int, bool), field.required, field.null, choices))
    _PLANS[cls] = tuple(plan) if plain else None
    return _PLANS[cls]


def _stored_by_plan(data: dict, plan: tuple) -> SON | None:
    """The stored form of ``data`` by ``plan``, or ``None`` when a value needs mongoengine's own check or
    conversion."""
    state = SON()
    state["_id"] = None  # first, as mongoengine puts it
    for name, db_field, kept, exact, required, null, choices in plan:
        value = data.get(name)
        if value is None:
            if required:
                return None
            if null:
                state[db_field] = None
            continue
        if kept is not None and not (type(value) is kept if exact else isinstance(value, kept)):
            return None
        if choices is not None and value not in choices:
            return None
        state[db_field] = value
    return None if state["_id"] is None else state


def change_id(pk, version: int) -> str:
    return f"{pk}:{version:010d}"


def outbox_queue(database) -> WorkQueue:
    """The outbox queue of a service's database (``database``: a callable returning it)."""
    return WorkQueue(HINTS, database)


def hinted(events) -> bytes:
    """A change's events (its ``events`` blob) as its outbox hint carries them: compressed.

    Every read of the queue makes the store decode every waiting hint whole (the relay's read and its delete
    each pass, the relay monitor's count every second), 0.2 ms of FerretDB's CPU for a submission's 4 KB of
    events, against 0.07 ms for the 1.2 KB they compress to (60 µs to compress, 13 µs to expand). The change
    keeps them as they are: it is written once and read by ``_id``.
    """
    return blob.compressed(events)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _unpack(stored):
    # States and events come back as they were written (naive UTC datetimes), as callers always had them.
    return blob.unpack(stored, aware=False)


def entry(event: Event) -> dict:
    """An event as a change and an outbox entry carry it."""
    return {"id": event.id, "name": event.name, "key": event.key, "envelope": event.to_json()}


@dataclass(frozen=True)
class StoredEvent:
    """An event as a change and an outbox entry carry it, sent as it was written.

    Its envelope is the very text :func:`entry` wrote (``Event.to_json``): the relay sends it without parsing and
    encoding it again (a third of its CPU per event went to that round trip), and a producer takes it like an
    :class:`~edu71.contracts.Event` (``id``, ``name``, ``key``, ``to_json()``).
    """

    id: str
    name: str
    key: str
    envelope: str

    def to_json(self) -> str:
        return self.envelope


def stored_event(stored: dict) -> StoredEvent:
    return StoredEvent(stored["id"], stored["name"], stored["key"], stored["envelope"])


def event_of(stored: dict) -> Event:
    env = json.loads(stored["envelope"])
    return Event(id=env["id"], type=env["type"], source=env["source"], subject=env["subject"], time=env["time"],
                 data=env["data"], dataschema=env["dataschema"], partitionkey=env.get("partitionkey"))


def _write_head(cls: type[VersionedDocument], state: dict, version: int) -> None:
    """Make the head show ``version`` unless it already shows a later one.

    A read then a write by ``_id``, which is all a conditional update would be on
    a store without atomic updates. Two writers racing here can leave the head a
    version behind; :func:`repair_head` and the relay's sweep fix that.
    """
    coll = cls._get_collection()
    head = {**state, "_v": version}
    for name in cls.head_blobs:
        if head.get(name) is not None:
            head[name] = blob.pack(head[name])
    # A first version almost never finds a head: try the insert before paying for a read.
    current = None if version == 1 else coll.find_one({"_id": state["_id"]}, {"_v": 1})
    if current is None:
        try:
            coll.insert_one(head)
            return
        except DuplicateKeyError:
            current = coll.find_one({"_id": state["_id"]}, {"_v": 1})
    if current is not None and current.get("_v", 0) < version:
        coll.replace_one({"_id": state["_id"]}, head)


def repair_head(cls: type[VersionedDocument], pk) -> int:
    """Bring the head up to the latest change (after a writer died or lost a race); return that version."""
    head = cls._get_collection().find_one({"_id": pk}, {"_v": 1})
    version = head.get("_v", 0) if head else 0
    latest = None
    while (following := cls.changes().find_one({"_id": change_id(pk, version + 1)})) is not None:
        latest, version = following, version + 1
    if latest is not None:
        _write_head(cls, _unpack(latest["state"]), version)
    return version


def _packed_state(state: dict):
    """The state as the change's blob, refused (:class:`UnstorableDocument`) if the store would refuse it.

    The encoder checks every key as it goes, in C (keys that are not text, hold NUL or ``.``, start with
    ``$``): walking the state in Python first (:func:`check_storable`) cost 0.1–0.2 ms of a submission's
    CPU. The walk runs only when the encoder refuses something, to name what.
    """
    try:
        return blob.pack(state, check_keys=True)
    except InvalidDocument:
        check_storable(state)
        # Nothing check_storable refuses (a value the encoder cannot take): encoded as before, which says so.
        return blob.pack(state)


def _state_of(doc: VersionedDocument) -> dict:
    """The document's state as stored, without its version.

    mongoengine's SON, a ``dict``, goes to the encoder as it is: copying it into plain dicts level by level
    (``SON.to_dict``) cost 3 % of a submission's CPU, and nothing changes a state once built.
    """
    state = doc.to_mongo()
    state.pop("_v", None)
    return state


def save_with_events(doc: VersionedDocument, *events: Event, expected_version: int | None = None,
                     head: bool = True):
    """Store the new state of ``doc`` and its ``events`` in one insert.

    A new aggregate (never saved) becomes version 1, and :class:`NotUniqueError`
    means it already exists. An existing one becomes ``expected_version + 1``
    (default: the version it was loaded at); :class:`StaleDocument` means
    another change got there first, and nothing was written.

    ``head=False`` leaves the head behind, for a writer that keeps the aggregate
    itself and changes it many times a second (the peer index): it refreshes the
    head now and then (:func:`write_head`), and its readers use :func:`latest`,
    which sees through a lagging head. The change, the only record, is written all
    the same, so nothing is lost.
    """
    cls = type(doc)
    new = doc._created
    if doc.pk is None:
        doc.pk = ObjectId()
    state = doc.stored()
    state.pop("_v", None)
    base = 0 if new else (doc.doc_version if expected_version is None else expected_version)
    version = base + 1
    packed = _packed_state(state)
    now = _now()
    entries = [entry(e) for e in events]
    change = {"_id": change_id(doc.pk, version), "agg": doc.pk, "v": version, "at": now,
              "state": packed, "events": blob.pack(entries)}
    try:
        cls.changes().insert_one(change)
    except DuplicateKeyError:
        # so that the caller's retry reads the version that won, also when its writer died before the head (a new
        # aggregate's first change without a head: a reader that loads nothing would create it again and again)
        repair_head(cls, doc.pk)
        if new:
            raise NotUniqueError(f"{cls.__name__} {doc.pk} already exists") from None
        raise StaleDocument(f"{cls.__name__} {doc.pk} is no longer at version {base}") from None
    # Both writes below are repaired by the relay's sweep if this process is cut off first; the head goes first
    # so that no event is published before the head shows its change.
    if head:
        _write_head(cls, state, version)
    if entries:
        outbox_queue(cls._get_db).put(change["_id"], at=now, n=len(entries), events=hinted(change["events"]))
    doc.doc_version = version
    doc._created = False
    # mongoengine's change tracking only serves its own updates, which no versioned document makes; its
    # _clear_changed_fields walks every nested value to find what to clear (4 % of a submission's CPU).
    doc._changed_fields = []
    return doc


def write_head(doc: VersionedDocument) -> None:
    """Make the head show ``doc`` (saved with ``head=False``) unless it already shows a later version."""
    _write_head(type(doc), _state_of(doc), doc.doc_version)


def _as_document(cls: type[VersionedDocument], son: dict):
    doc = cls._from_son(son)
    doc._created = False
    return doc


def load(cls: type[VersionedDocument], pk):
    """The current state of an aggregate (its head), or ``None``."""
    head = cls._get_collection().find_one({"_id": pk})
    return None if head is None else _as_document(cls, head)


def latest(cls: type[VersionedDocument], pk):
    """The aggregate at its latest version even when its head lags (then repaired), or ``None``.

    For aggregates whose writer leaves the head behind (``save_with_events(head=False)``):
    the head, then the changes after it read by ``_id``, one more read than :func:`load`.
    """
    head = cls._get_collection().find_one({"_id": pk})
    version = head.get("_v", 0) if head else 0
    last = None
    while (following := cls.changes().find_one({"_id": change_id(pk, version + 1)}, {"state": 1})) is not None:
        last, version = following, version + 1
    if last is None:
        return None if head is None else _as_document(cls, head)
    state = _unpack(last["state"])
    _write_head(cls, state, version)
    return _as_document(cls, {**state, "_v": version})


#: Reads of a page's aggregates overlap their round trips (each is one lookup by ``_id``).
_READERS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="load-many")


def load_many(cls: type[VersionedDocument], pks: list) -> list[VersionedDocument]:
    """The current states of these aggregates, in the order asked, without those that do not exist.

    One lookup by ``_id`` each, several at a time: the store answers ``$in`` by decoding the whole collection.
    """
    if len(pks) <= 1:
        found = [load(cls, pk) for pk in pks]
    else:
        found = list(_READERS.map(lambda pk: load(cls, pk), pks))
    return [doc for doc in found if doc is not None]


def state_at(cls: type[VersionedDocument], pk, version: int) -> dict | None:
    """The aggregate's state as of ``version``, or ``None`` when there is no such version."""
    change = cls.changes().find_one({"_id": change_id(pk, version)}, {"state": 1})
    return _unpack(change["state"]) if change else None


def history(cls: type[VersionedDocument], pk) -> list[dict]:
    """Every change of an aggregate, oldest first: ``{"version", "at", "state", "events"}``."""
    out, version = [], 1
    while (change := cls.changes().find_one({"_id": change_id(pk, version)})) is not None:
        out.append({"version": version, "at": change["at"], "state": _unpack(change["state"]),
                    "events": [event_of(e) for e in _unpack(change["events"])]})
        version += 1
    return out


def recorded_events(cls: type[VersionedDocument], pk) -> list[Event]:
    """All events the aggregate's changes carried, in order (published or not)."""
    return [event for change in history(cls, pk) for event in change["events"]]


def pending_events(cls: type[VersionedDocument], pk) -> list[Event]:
    """Events of the aggregate's changes that the relay has not published yet."""
    published = cls._get_db()[PUBLISHED]
    out, version = [], 1
    while (change := cls.changes().find_one({"_id": change_id(pk, version)})) is not None:
        events = _unpack(change["events"])
        if events and published.find_one({"_id": change["_id"]}) is None:
            out.extend(event_of(e) for e in events)
        version += 1
    return out
