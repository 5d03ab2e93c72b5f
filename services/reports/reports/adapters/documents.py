"""The reports service's projections, built only from events (never written by the API).

Both are stored as *versions* (see :mod:`reports.adapters.projection`): a
document per (entity, version), inserted once and never changed; readers take
the highest version of each entity.
"""
from __future__ import annotations

from mongoengine import (
    BinaryField,
    BooleanField,
    DateTimeField,
    Document,
    IntField,
    ListField,
    StringField,
)

from edu71.bus.outbox import VersionedDocument
from edu71.orgs import SchoolLevel
from edu71.store import blob
from reports.adapters.projection import unpack

ALIAS = "reports"


class SchoolRoundValues(Document):
    """The indicator values one school reported in one round, as of one revision.

    ``_id`` is ``<round_id>|<school_code>|<revision>`` (a school code never holds
    '|'); (round_id, school_code, revision) is unique, so a revision is stored once.
    """

    meta = {
        "collection": "school_round_values",
        "db_alias": ALIAS,
        "indexes": [
            {"fields": ["round_id", "school_code", "revision"], "unique": True},
            ["round_id", "province_code", "commune_code"],
        ],
    }

    id = StringField(primary_key=True)
    round_id = StringField(required=True)
    school_code = StringField(required=True)
    revision = IntField(required=True, min_value=1)
    school_name = StringField(required=True)
    school_level = StringField(required=True, choices=[lv.value for lv in SchoolLevel])
    commune_code = StringField(required=True)
    province_code = StringField(required=True)
    submission_id = StringField(required=True)
    #: indicator code → the ``IndicatorValue`` of the contracts, as received, BSON-encoded
    #: (:data:`reports.adapters.projection.PACKED`).
    values = BinaryField(required=True)
    submitted_at = DateTimeField(required=True)
    late = BooleanField(default=False)
    #: The event this revision came from.
    event_id = StringField(required=True)
    event_type = StringField(required=True)
    recorded_at = DateTimeField()

    @staticmethod
    def key(round_id: str, school_code: str, revision: int) -> str:
        return f"{round_id}|{school_code}|{revision}"

    def value_map(self) -> dict:
        """The values decoded: indicator code → ``IndicatorValue``."""
        return unpack(self._get_collection_name(), {"values": self.values})["values"]


class ReportingRound(Document):
    """A reporting round (đợt báo cáo) as opened or reopened by the city, one document per opening event.

    Versioned by the envelope time of the ReportingRoundOpened event, so a late
    re-delivery of the first opening never undoes a reopening.
    """

    meta = {
        "collection": "rounds",
        "db_alias": ALIAS,
        "indexes": [{"fields": ["round_id", "event_time"], "unique": True}, "province_code"],
    }

    id = StringField(primary_key=True)  # <round_id>|<event time>
    round_id = StringField(required=True)
    event_time = DateTimeField(required=True)
    name = StringField(required=True)
    province_code = StringField(required=True)
    school_year = StringField(required=True)
    school_levels = ListField(StringField())
    indicator_codes = ListField(StringField())
    opens_at = DateTimeField(required=True)
    due_at = DateTimeField(required=True)
    closes_at = DateTimeField(required=True)
    reopened = BooleanField(default=False)
    catalogue_version = IntField()
    event_id = StringField(required=True)
    recorded_at = DateTimeField()

    @classmethod
    def current(cls, round_id: str) -> "ReportingRound | None":
        """The round as of its latest opening event, or None if none was received (yet)."""
        return cls.objects(round_id=round_id).order_by("-event_time").first()


class CityFigures(VersionedDocument):
    """The city-level figures of one round (roll-ups per school level and indicator, schools expected), and the
    version of each of the round's dashboards (the province's, each commune's) announced so far.

    Versioned through the outbox: each change is stored with the RollupUpdated and
    DashboardUpdated events it causes in one insert, so a figure or a dashboard's
    version changes if and only if its event will be published.
    """

    meta = {"collection": "city_figures", "db_alias": ALIAS}

    id = StringField(primary_key=True)  # <round_id>|<province_code>
    round_id = StringField(required=True)
    province_code = StringField(required=True)
    #: school level (or "all") → indicator code → roll-up with ``schools_expected``, one blob
    #: (:mod:`edu71.store.blob`): it is written whole with every change (twice: the change and the head)
    #: and never queried.
    figures = BinaryField()
    #: "<scope kind>:<code>" → the version (the view's digest) last announced by DashboardUpdated, one blob.
    dashboards = BinaryField()

    def figure_map(self) -> dict:
        return blob.decode(self.figures) if self.figures is not None else {}

    def set_figures(self, figures: dict) -> None:
        self.figures = blob.encode(figures)

    def dashboard_versions(self) -> dict[str, str]:
        return blob.decode(self.dashboards) if self.dashboards is not None else {}

    def set_dashboard_versions(self, versions: dict[str, str]) -> None:
        self.dashboards = blob.encode(versions)

    @staticmethod
    def key(round_id: str, province_code: str) -> str:
        return f"{round_id}|{province_code}"
