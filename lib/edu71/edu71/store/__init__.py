"""What the platform's store can and cannot do, handled once.

The services run on a MongoDB-compatible store whose updates are not atomic:
two concurrent ``$inc`` or compare-and-set updates of one document lose writes.
What *is* atomic everywhere is an insert against a unique ``_id``, and reads,
replacements and deletes by ``_id`` are index lookups (any other filter may
decode the whole collection). So every write that correctness depends on is an
insert, and every hot path goes by ``_id``:

- :mod:`edu71.store.versioned` — aggregates: insert-only changes with their events, a head, history;
- :mod:`edu71.store.queue` — work queues: hint, claim, retry with a due time, delete;
- :mod:`edu71.store.projection` — projections of other services' records: the highest revision wins;
- :mod:`edu71.store.listing` — the lists a person opens (a school's plans, an inbox…), scope by scope, read by ``_id``;
- :mod:`edu71.store.lease` — one leader per service for a job;
- :mod:`edu71.store.blob` — values read and written only whole, stored as one field;
- :mod:`edu71.store.recent` — hot reads by ``_id`` kept per process until their writer rings.
"""
