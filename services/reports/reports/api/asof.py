"""The ``as_of`` query parameter the figure endpoints and the exports take (see :mod:`reports.asof`)."""
from __future__ import annotations

from flask import current_app
from marshmallow import fields

from reports.api.schemas import RollupQuerySchema, RoundQuerySchema, SchoolsQuerySchema, figures_field
from reports.dashboards import Dashboards


def as_of_field():
    return fields.String(validate=lambda v: 0 < len(v) <= 64, metadata={
        "description": "Xem số liệu như tại một thời điểm trong quá khứ (RFC 3339, có múi giờ), ví dụ "
                       "2026-12-15T17:00:00+07:00; bỏ trống: số liệu hiện tại.",
        "example": "2026-12-15T17:00:00+07:00"})


class AsOfRoundQuerySchema(RoundQuerySchema):
    as_of = as_of_field()
    figures = figures_field()


class AsOfRollupQuerySchema(RollupQuerySchema):
    as_of = as_of_field()
    figures = figures_field()


class AsOfSchoolsQuerySchema(SchoolsQuerySchema):
    as_of = as_of_field()
    figures = figures_field()


def dashboards_at(query: dict) -> Dashboards:
    """The dashboards' use cases on the live views, or on the views as of ``query["as_of"]`` (422 when unusable)."""
    live: Dashboards = current_app.extensions["reports.dashboards"]
    if not query.get("as_of"):
        return live
    asof = current_app.extensions["reports.asof"]
    return asof.dashboards(live, asof.parse(query["as_of"]))
