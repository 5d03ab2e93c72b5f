"""Where in-app notifications are kept, and the inboxes that list them: in the store, or in memory for tests.

Both pass the same contract suite (tests/integration/test_repositories.py).

Inboxes are kept per recipient (:class:`edu71.store.listing.ScopeIndex`), so that an inbox and its unread count
read only that inbox, never the collection of every unit's notifications.

A notification is addressed to an org unit in a role; its inbox is the scope ``<role>:<org unit>``. An entry
carries what the inbox filters and sorts on (kind, for muted kinds; whether it was read; when it happened), at
the notification's version, so marking it read lists the new version and a replay changes nothing.

A notification is listed right after it is stored (:meth:`Inbox.add`, :meth:`Inbox.save`). If the worker died in
between, the event is delivered again (the consumer commits only after its handler returned), the notification is
found to exist, and :meth:`Inbox.add` lists it then. Notifications stored before the inboxes existed are listed
once, by :meth:`Inbox.backfill`, which the worker runs at its first start and marks as done.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from mongoengine import NotUniqueError
from pymongo.errors import DuplicateKeyError

from edu71.bus.outbox import load, save_with_events
from edu71.contracts import Event
from edu71.store.listing import Item, ScopeIndex
from edu71.store.memory import InMemoryVersioned
from edu71.store.versioned import load_many
from notifications.adapters.documents import Notification

LISTS = ScopeIndex("inbox_lists", lambda: Notification._get_db())
#: Inserted when every notification stored before the inboxes existed has been listed.
BACKFILLED = "~backfilled"
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


class NotificationExists(Exception):
    """A notification with this id (derived from its dedupe key) is stored already."""


def scope(role: str, org_unit: str) -> str:
    return f"{role}:{org_unit}"


def _fields(doc: dict[str, Any]) -> dict[str, Any]:
    return {"kind": doc["kind"], "read": doc.get("read_at") is not None, "occurred_at": doc["occurred_at"],
            "created_at": doc.get("created_at")}


def _aware(moment: datetime | None) -> datetime:
    moment = moment or _EPOCH
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _newest_first(item: Item):
    return _aware(item.fields["occurred_at"]), _aware(item.fields.get("created_at")), item.id


def _select(items: list[Item], muted: set[str], unread_only: bool) -> tuple[list[Item], int]:
    """The items shown (newest first, without the muted kinds; only the unread ones if asked), and how many
    of the whole inbox are unread."""
    shown = [item for item in items if item.fields["kind"] not in muted]
    unread = [item for item in shown if not item.fields["read"]]
    chosen = unread if unread_only else shown
    chosen.sort(key=_newest_first, reverse=True)
    return chosen, len(unread)


class Inbox:
    def get(self, notification_id: str) -> Notification | None:
        return load(Notification, notification_id)

    def add(self, notification: Notification, *events: Event) -> Notification:
        """Store a new notification with its events, then list it; :class:`NotificationExists` if its id is
        taken (the stored one is listed again: a worker that died between storing and listing left it out)."""
        try:
            return self.save(notification, *events)
        except NotUniqueError:
            if (stored := load(Notification, notification.pk)) is not None:
                self._record(stored)
            raise NotificationExists(notification.pk) from None

    def save(self, notification: Notification, *events: Event,
             expected_version: int | None = None) -> Notification:
        """Store the notification's change with its events (:func:`edu71.bus.outbox.save_with_events`: an inserted
        change, never an update), then list its new version; :class:`StaleDocument` if another change came first."""
        saved = save_with_events(notification, *events, expected_version=expected_version)
        self._record(saved)
        return saved

    @staticmethod
    def _record(notification: Notification) -> None:
        LISTS.put(scope(notification.recipient_role, notification.recipient_org_unit), notification.pk,
                  notification.doc_version, _fields(notification.to_mongo()))

    def page(self, role: str, org_unit: str, page: int, page_size: int, *, muted: set[str],
             unread_only: bool) -> tuple[int, list[Notification], int]:
        """One page of an inbox, newest first, without the ``muted`` kinds: (how many match, the page, how many
        of the whole inbox are unread). The inbox is read once for all three."""
        chosen, unread = _select(LISTS.items(scope(role, org_unit)), muted, unread_only)
        items = load_many(Notification, [item.id for item in chosen[(page - 1) * page_size:page * page_size]])
        return len(chosen), items, unread

    def backfill(self) -> int:
        """List the notifications stored before the inboxes existed (once: a marker says it was done); how many
        entries it added. Reads the whole collection once, then each inbox by ``_id``."""
        marks = LISTS.collection
        if marks.find_one({"_id": BACKFILLED}) is not None:
            return 0
        wanted: dict[str, list] = {}
        for head in Notification._get_collection().find(
                {}, {"recipient_role": 1, "recipient_org_unit": 1, "kind": 1, "read_at": 1, "occurred_at": 1,
                     "created_at": 1, "_v": 1}):
            wanted.setdefault(scope(head["recipient_role"], head["recipient_org_unit"]), []).append(
                (head["_id"], head.get("_v", 0), _fields(head)))
        added = sum(LISTS.sync(key, rows) for key, rows in wanted.items())
        try:
            marks.insert_one({"_id": BACKFILLED, "at": datetime.now(timezone.utc), "added": added})
        except DuplicateKeyError:
            pass  # two workers started together; both listed the same notifications, which changes nothing
        return added


class InMemoryInbox(InMemoryVersioned[Notification]):
    def __init__(self):
        super().__init__(NotificationExists)

    def add(self, notification: Notification, *events: Event) -> Notification:
        return self.save(notification, *events)

    def page(self, role: str, org_unit: str, page: int, page_size: int, *, muted: set[str],
             unread_only: bool) -> tuple[int, list[Notification], int]:
        held = [Item(n.pk, n.doc_version, _fields(n.to_mongo())) for n in self.docs.values()
                if n.recipient_role == role and n.recipient_org_unit == org_unit]
        chosen, unread = _select(held, muted, unread_only)
        return len(chosen), [self.get(item.id) for item in chosen[(page - 1) * page_size:page * page_size]], unread
