"""Base for every request and response schema: Vietnamese messages, unknown fields refused."""
from __future__ import annotations

from datetime import timezone

from marshmallow import RAISE, fields, validate
from marshmallow import Schema as _Schema

from edu71 import vi  # noqa: F401  (installs Vietnamese messages before any field exists)


class Schema(_Schema):
    class Meta:
        # An unexpected key is refused rather than silently dropped: it is usually
        # a typo or an attempt to set something the caller may not set.
        unknown = RAISE
        ordered = True


class Integer(fields.Integer):
    """An integer that is one: ``2026`` or ``2026.0`` (JSON Schema's integer), ``"2026"`` in a query.

    marshmallow's own field truncates ``2026.5`` to 2026 and takes ``true`` for 1; both are
    refused here, as the event contracts refuse them.
    """

    def _validated(self, value):
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise self.make_error("invalid")
        return super()._validated(value)


class DateTime(fields.DateTime):
    """An instant, always written in ISO 8601 with its offset (as the event contracts write them).

    The store keeps UTC; a value read back without its zone (the states kept in an outbox
    change are decoded so) is UTC, and is written as such rather than as a local time.
    """

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return super()._serialize(value, attr, obj, **kwargs)


class PageQuery(Schema):
    """Query arguments of every paginated list (1-based pages)."""

    page = Integer(load_default=1, validate=validate.Range(min=1, max=100_000),
                          metadata={"description": "Trang (bắt đầu từ 1)"})
    page_size = Integer(load_default=20, validate=validate.Range(min=1, max=200),
                               metadata={"description": "Số mục mỗi trang"})


def paged(query: dict, fetch) -> dict:
    """Answer a paginated list: ``fetch(filters, page, page_size)`` returns ``(total, items)``.

    ``query`` is what :class:`PageQuery` (and a subclass's filters) loaded; the
    answer has the shape of :class:`Page`.
    """
    filters = dict(query)
    page, size = filters.pop("page"), filters.pop("page_size")
    total, items = fetch(filters, page, size)
    return {"total": total, "page": page, "page_size": size, "items": items}


class Page(Schema):
    """Envelope of every paginated answer; subclasses add ``items``."""

    total = Integer(metadata={"description": "Tổng số mục khớp điều kiện"})
    page = Integer()
    page_size = Integer()
