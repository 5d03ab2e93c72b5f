"""The reports service's one mongoengine document: the city's figures, versioned through the outbox.

The source rows the handlers store (a school's values, rounds, the directory, plans' status…) are plain
documents written by :mod:`reports.adapters.projection`, one per (entity, version), inserted once and never
changed; readers take the highest version of each entity.
"""
from __future__ import annotations

from mongoengine import BinaryField, StringField

from edu71.bus.outbox import VersionedDocument
from edu71.store import blob

ALIAS = "reports"


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
