"""Plan documents as stored; each change is stored as a version carrying its events (edu71.bus.outbox)."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from mongoengine import (
    Document,
    ValidationError,
    BooleanField,
    DateField,
    DateTimeField,
    DictField,
    EmbeddedDocument,
    EmbeddedDocumentField,
    EmbeddedDocumentListField,
    FloatField,
    IntField,
    ListField,
    StringField,
)

from edu71.bus.outbox import VersionedDocument
from edu71.orgs import SchoolLevel
from plans.domain.owners import OrgUnit, UnitKind
from plans.domain.workflow import PlanStatus


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Target(EmbeddedDocument):
    """A quantitative target (mục tiêu) of the plan."""

    indicator_code = StringField(null=True)
    #: The school chose "không gắn chỉ tiêu": the target measures no indicator of the catalogue, on purpose.
    unlinked = BooleanField(default=False)
    #: The indicator's Vietnamese name as the catalogue named it when the target was saved.
    indicator_name = StringField(null=True)
    #: False while ``indicator_code`` is only the importer's proposal, not yet confirmed by the school.
    indicator_confirmed = BooleanField(default=True)
    #: What the importer proposed for this target (kept after the school chose otherwise).
    proposed_indicator_code = StringField(null=True)
    proposal_confidence = FloatField(null=True)
    text = StringField(required=True)
    comparator = StringField(required=True, choices=[">=", ">", "<=", "<", "="])
    value = FloatField(required=True)
    unit = StringField(default="")
    horizon = DateField(required=True)
    source_sentence = StringField(default="")
    #: Why the province's latest catalogue no longer fits the linked indicator (dropped, or its unit or range
    #: changed), in Vietnamese; None when it fits. Set when a new catalogue arrives (plans.catalogues) and
    #: recomputed on every save; the plan cannot be submitted while one is set.
    catalogue_issue = StringField(null=True)

    def as_contract(self) -> dict:
        data = {
            "indicator_code": self.indicator_code,
            "text": self.text,
            "comparator": self.comparator,
            "value": self.value,
            "unit": self.unit,
            "horizon": self.horizon.isoformat(),
            "source_sentence": self.source_sentence,
            "unlinked": bool(self.unlinked),
        }
        if self.indicator_name:
            data["indicator_name"] = self.indicator_name
        if self.catalogue_issue:
            data["catalogue_issue"] = self.catalogue_issue
        return data


class ReviewComment(EmbeddedDocument):
    anchor_kind = StringField(required=True, choices=["plan", "section", "target"])
    anchor = StringField(default="")
    text = StringField(required=True)


class Original(EmbeddedDocument):
    """The uploaded file a plan was imported from (kept in GridFS)."""

    file_id = StringField(required=True)
    filename = StringField(required=True)
    kind = StringField(required=True, choices=["docx", "pdf", "text"])
    sha256 = StringField(required=True)


class Plan(VersionedDocument):
    meta = {
        "collection": "plans",
        "db_alias": "plans",
        "indexes": ["school_code", "commune_code", "province_code", "status", "year", "owner_kind"],
    }

    id = StringField(primary_key=True, default=lambda: str(uuid.uuid4()))
    #: Kind of the issuing unit (plans.domain.owners.UnitKind): a school's plan, a commune/ward's own plan
    #: or the city's own plan. Plans stored before it existed are schools' (the default).
    owner_kind = StringField(default=UnitKind.SCHOOL.value, choices=[k.value for k in UnitKind])
    #: The school's fields, for a school's plan only.
    school_code = StringField(null=True)
    school_name = StringField(null=True)
    school_level = StringField(null=True, choices=[lv.value for lv in SchoolLevel])
    #: The issuing body of a commune's or the city's plan, e.g. "UBND Phường Nguyễn Đại Năng".
    issuer_name = StringField(null=True)
    #: The commune of the school or of the commune's plan; None for the city's plan.
    commune_code = StringField(null=True)
    province_code = StringField(required=True)
    number_symbol = StringField(default="")
    title = StringField(required=True)
    year = IntField(required=True)
    place = StringField(default="")
    issued_on = DateField(null=True)
    legal_bases = ListField(StringField())
    sections = DictField()
    signer = StringField(default="")
    #: Nơi nhận: who receives the plan.
    recipients = ListField(StringField())
    targets = EmbeddedDocumentListField(Target)
    status = StringField(required=True, default=PlanStatus.DRAFT.value, choices=[s.value for s in PlanStatus])
    #: Number of the last submitted version (0 while never submitted).
    version = IntField(default=0)
    #: Who submitted the last version (a city plan is reviewed by another user: plans.domain.owners).
    submitted_by = StringField(null=True)
    review_comments = EmbeddedDocumentListField(ReviewComment)
    original = EmbeddedDocumentField(Original, null=True)
    #: Set when the school deletes a draft it never submitted; the versions stay in the history.
    deleted_at = DateTimeField(null=True)
    created_by = StringField(required=True)
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)

    def clean(self):
        if (self.owner_kind or UnitKind.SCHOOL.value) == UnitKind.SCHOOL.value:
            missing = [f for f in ("school_code", "school_name", "school_level", "commune_code") if not self[f]]
            if missing:
                raise ValidationError(f"a school's plan needs {', '.join(missing)}")
        elif self.owner_kind == UnitKind.COMMUNE.value and not self.commune_code:
            raise ValidationError("a commune's plan needs commune_code")

    @property
    def owner(self) -> OrgUnit:
        kind = UnitKind(self.owner_kind or UnitKind.SCHOOL.value)
        if kind is UnitKind.SCHOOL:
            return OrgUnit(kind, self.school_code, self.school_name, self.province_code, self.commune_code,
                           self.school_level)
        code = self.commune_code if kind is UnitKind.COMMUNE else self.province_code
        return OrgUnit(kind, code, self.issuer_name or code, self.province_code, self.commune_code)

    def school_contract(self) -> dict:
        return {
            "code": self.school_code,
            "name": self.school_name,
            "commune_code": self.commune_code,
            "province_code": self.province_code,
            "level": self.school_level,
        }


class KnownCatalogue(Document):
    """The latest indicator catalogue of a province as CataloguePublished carried it (one document per province).

    Written only by the plans worker (events of one province share a key, so one consumer of the group
    writes it), replaced by ``_id`` when a higher version arrives; read by ``_id`` only.
    """

    meta = {"collection": "province_catalogues", "db_alias": "plans"}

    id = StringField(primary_key=True)  # province code
    version = IntField(required=True)
    published_at = StringField(default="")
    indicators = ListField(DictField())
