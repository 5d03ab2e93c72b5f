"""Unit plans (kế hoạch): the plan each unit (a school, a commune/ward, the city) issues to carry out the
resolution, written or imported from a document, submitted, reviewed and approved or returned.

Each use case turns a caller's request into a state change and the events it causes. They read and write
through the repositories ``bootstrap.py`` gives them (adapters.plans, adapters.originals) and refuse with
:mod:`edu71.errors` domain errors, which the HTTP edge turns into problem details.
"""
from __future__ import annotations

import logging
from datetime import date, datetime, timezone

from edu71.auth import Principal
from edu71.auth.principal import narrow
from edu71.bus.outbox import StaleDocument
from edu71.contracts import Contracts
from edu71.errors import Conflict, FieldError, Forbidden, Invalid, NotFound, StaleVersion, Unsupported
from edu71.inputs import safe_filename, scrub
from edu71 import orgs
from plans.adapters.documents import Original, Plan, ReviewComment, Target
from plans.catalogues import CatalogueService
from plans.domain import owners, timeline
from plans.domain.catalogue import CatalogueView, catalogue_issues, check_targets, plan_date
from plans.domain.importer import ImportRefused, ParsedPlan, extract_text, names_same_unit, parse_plan
from plans.domain.importer.indicators import propose
from plans.domain.owners import NotAnIssuer, OrgUnit, UnitKind
from plans.domain.workflow import EDITABLE, Action, PlanStatus, TransitionRefused, next_status

log = logging.getLogger(__name__)

SOURCE = "/edu71/plans"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


class PlanService:
    def __init__(self, contracts: Contracts, catalogues: CatalogueService, *, plans, originals):
        self.contracts = contracts
        self.catalogues = catalogues
        #: Plans with their changes (adapters.plans) and the files they were read from (adapters.originals).
        self.plans = plans
        self.originals = originals

    # -- reading -------------------------------------------------------------
    def get_visible(self, principal: Principal, plan_id: str) -> Plan:
        plan = self.plans.get(plan_id)
        if plan is not None and plan.deleted_at is not None:
            plan = None
        # A plan outside the caller's scope is reported as missing, not forbidden:
        # its existence is itself information the caller may not have.
        if plan is None or not owners.may_see(principal, plan.owner, plan.status == PlanStatus.APPROVED.value):
            raise NotFound("Không tìm thấy kế hoạch.")
        return plan

    def list_visible(self, principal: Principal, filters: dict, page: int, page_size: int):
        scope = owners.list_scope(principal, filters.get("owner_kind"))
        if scope is None:
            raise Forbidden("Vai trò của bạn không được xem kế hoạch của trường học.")
        narrowed = narrow(scope, filters)
        if narrowed is None:
            return 0, []
        return self.plans.page(narrowed, page, page_size)

    # -- writing -------------------------------------------------------------
    @staticmethod
    def _issuer(principal: Principal) -> OrgUnit:
        """The caller's unit, which issues the plans it creates (a school, a commune/ward, the city)."""
        try:
            return owners.issuer_of(principal, commune_name=_commune_name(principal.commune_code),
                                    province_name=_province_name(principal.province_code))
        except NotAnIssuer as exc:
            raise Forbidden(str(exc)) from None

    def create(self, principal: Principal, data: dict, checked: bool = True) -> Plan:
        unit = self._issuer(principal)
        school = unit.kind is UnitKind.SCHOOL
        plan = Plan(
            owner_kind=unit.kind.value,
            school_code=unit.code if school else None,
            school_name=unit.name if school else None,
            school_level=unit.level if school else None,
            issuer_name=None if school else unit.name,
            commune_code=unit.commune_code,
            province_code=unit.province_code,
            created_by=principal.user_id,
            targets=[Target(**t) for t in data.pop("targets", [])],
            **data,
        )
        if checked:
            self._check(plan)
        return self.plans.save(plan)

    def import_document(self, principal: Principal, data: bytes,
                        filename: str | None) -> tuple[Plan, ParsedPlan, list, list[dict]]:
        """Turn an uploaded Word/PDF/text plan into a *draft* for its unit to check; never submits it.

        Returns the draft, what was read, the proposed indicators and warnings for the unit (a document
        that names another school or commune is imported all the same: the unit may be reusing a model)."""
        self._issuer(principal)
        filename = safe_filename(filename)
        parsed, proposals, original, warnings = self._read_document(principal, data, filename)
        draft = draft_from(parsed, fallback_title=f"Kế hoạch nhập từ tệp {filename}", proposals=proposals)
        draft["original"] = original
        # An imported draft is what the file says, checked when the school saves or submits it.
        return self.create(principal, draft, checked=False), parsed, proposals, warnings

    def reimport_document(self, principal: Principal, plan_id: str, data: bytes, filename: str | None,
                          expected_version: int) -> tuple[Plan, ParsedPlan, list, list[dict]]:
        """A corrected file replaces the content of a draft or returned plan: the same plan, its next version.

        The review record stays whole: each submitted version keeps the original it was read from (the
        file is kept beside the earlier ones, never overwritten), and the reviewer's comments stay until the
        plan is submitted again. What the file does not say (no number, no title) keeps the plan's own.
        """
        plan = self.get_visible(principal, plan_id)
        if not owners.may_act_for(principal, plan.owner):
            raise Forbidden(f"Chỉ {_issuer_phrase(plan)} lập kế hoạch mới được nhập lại tệp cho kế hoạch này.")
        if PlanStatus(plan.status) not in EDITABLE:
            raise Conflict("Kế hoạch đang chờ duyệt hoặc đã được duyệt nên không thể nhập lại tệp.")
        filename = safe_filename(filename)
        parsed, proposals, original, warnings = self._read_document(principal, data, filename)
        draft = draft_from(parsed, fallback_title=plan.title, proposals=proposals)
        if not draft["number_symbol"]:
            draft["number_symbol"] = plan.number_symbol
        plan.targets = [Target(**t) for t in draft.pop("targets")]
        for key, value in draft.items():
            setattr(plan, key, value)
        plan.original = original
        plan.updated_at = _now()
        return self._save(plan, expected_version), parsed, proposals, warnings

    def _read_document(self, principal: Principal, data: bytes,
                       filename: str) -> tuple[ParsedPlan, list, Original, list[dict]]:
        """Read an uploaded plan, propose its indicators and keep the file: what an import fills in."""
        try:
            extracted = extract_text(data, filename)
        except ImportRefused as exc:
            # The importer names a file of a kind it does not read by its status (415); any other refusal is 422.
            refusal = Unsupported if exc.status == Unsupported.status else Invalid
            raise refusal(exc.message) from None
        # A page break (\f) or a stray control character must not reach a plan's fields.
        text = scrub(extracted.text)
        warnings = []
        try:
            parsed = parse_plan(text)
        except Exception:
            # the reading's own fault, not the file's: the file is still kept and the draft left for the school to fill
            # in, and the failure logged for the operators to fix the reading
            log.exception("plan importer failed on %s", filename)
            parsed = ParsedPlan(text=text)
            warnings.append({"field": "targets", "line": None, "message": (
                "Hệ thống chưa đọc được nội dung văn bản này. Tệp đã được lưu; vui lòng nhập thông tin và các chỉ tiêu "
                "của kế hoạch.")})
        catalogue = self.catalogues.current(principal.province_code)
        proposals = [propose(t.source_sentence.value or t.text, t.unit.value, catalogue, hint=t.indicator_code.value,
                             clause=t.text)
                     for t in parsed.targets]
        kept = self.originals.keep(data, filename, extracted.kind, principal.org_unit)
        original = Original(file_id=kept.file_id, filename=kept.filename, kind=kept.kind, sha256=kept.sha256)
        named, own = parsed.named_unit, principal.org_unit_name
        if named is not None and own and not names_same_unit(named.value, own):
            warnings.append({"field": "named_unit", "line": named.source.line, "message": (
                f"Văn bản ghi đơn vị ban hành là “{named.value}”, không phải “{own}”. "
                "Vui lòng kiểm tra đã tải lên đúng kế hoạch của đơn vị mình.")})
        return parsed, proposals, original, warnings

    def timeline(self, principal: Principal, plan_id: str) -> list[timeline.Entry]:
        """Submissions, returns, approvals and re-imported files of a plan, oldest first (see
        :mod:`plans.domain.timeline`); visible to whoever may see the plan."""
        self.get_visible(principal, plan_id)
        return timeline.entries({"at": c.at, "state": c.state, "events": [(e.name, e.data) for e in c.events]}
                                for c in self.plans.history(plan_id))

    def submitted_versions(self, principal: Principal, plan_id: str) -> list[dict]:
        """Every submitted version, oldest first: ``{"version", "submitted_at", "submitted_by", "plan"}``.

        Each is the plan exactly as it was submitted (its stored change), so it never changes afterwards.
        """
        self.get_visible(principal, plan_id)
        versions = []
        for change in self.plans.history(plan_id):
            submitted = next((e for e in change.events if e.name == "PlanSubmitted"), None)
            if submitted is not None:
                plan = change.plan()
                versions.append({"version": submitted.data["version"], "submitted_at": submitted.data["submitted_at"],
                                 "submitted_by": submitted.data["submitted_by"]["name"], "plan": plan})
        return versions

    def submitted_version(self, principal: Principal, plan_id: str, number: int) -> dict:
        found = next((v for v in self.submitted_versions(principal, plan_id) if v["version"] == number), None)
        if found is None:
            raise NotFound(f"Kế hoạch chưa có phiên bản gửi duyệt số {number}.")
        return found

    def original(self, principal: Principal, plan_id: str, version: int | None = None) -> tuple[Original, bytes]:
        """The file the plan (or its submitted ``version``) was read from."""
        plan = self.get_visible(principal, plan_id) if version is None else \
            self.submitted_version(principal, plan_id, version)["plan"]
        if plan.original is None:
            raise NotFound("Kế hoạch này không được nhập từ tệp nên không có bản gốc.")
        return plan.original, self.originals.read(plan.original.file_id)

    def update(self, principal: Principal, plan_id: str, data: dict, expected_version: int) -> Plan:
        plan = self.get_visible(principal, plan_id)
        if not owners.may_act_for(principal, plan.owner):
            raise Forbidden(f"Chỉ {_issuer_phrase(plan)} lập kế hoạch mới được sửa kế hoạch này.")
        if PlanStatus(plan.status) not in EDITABLE:
            raise Conflict("Kế hoạch đang chờ duyệt hoặc đã được duyệt nên không thể sửa.")
        check = bool({"targets", "issued_on", "year"} & set(data))
        if "targets" in data:
            plan.targets = [Target(**t) for t in data.pop("targets")]
        for key, value in data.items():
            setattr(plan, key, value)
        if check:
            self._check(plan)
        plan.updated_at = _now()
        return self._save(plan, expected_version)

    def delete(self, principal: Principal, plan_id: str, expected_version: int) -> None:
        """Delete a draft that was never submitted (a submitted plan is part of the review record)."""
        plan = self.get_visible(principal, plan_id)
        if not owners.may_act_for(principal, plan.owner):
            raise Forbidden(f"Chỉ {_issuer_phrase(plan)} lập kế hoạch mới được xoá bản nháp này.")
        if plan.version > 0:
            raise Conflict("Kế hoạch đã từng được gửi duyệt nên không thể xoá.")
        plan.deleted_at = plan.updated_at = _now()
        self._save(plan, expected_version)

    def submit(self, principal: Principal, plan_id: str, expected_version: int | None) -> Plan:
        plan = self.get_visible(principal, plan_id)
        if not owners.may_act_for(principal, plan.owner):
            raise Forbidden(f"Chỉ {_issuer_phrase(plan)} lập kế hoạch mới được gửi duyệt.")
        missing = [
            {"field": name, "message": "Cần điền trước khi gửi duyệt."}
            for name in ("number_symbol", "title")
            if not (getattr(plan, name) or "").strip()
        ]
        if missing:
            raise Invalid("Kế hoạch chưa đủ thông tin để gửi duyệt.", errors=FieldError.all_of(missing))
        self._check(plan, for_submission=True)
        flagged = [{"field": f"targets.{n}.indicator_code", "message": f"Mục tiêu {n + 1} – Chỉ tiêu: {t.catalogue_issue}"}
                   for n, t in enumerate(plan.targets) if t.catalogue_issue]
        if flagged:
            raise Invalid("Có mục tiêu không còn phù hợp với danh mục chỉ tiêu; hãy sửa trước khi gửi duyệt.",
                          errors=FieldError.all_of(flagged))
        self._transition(plan, Action.SUBMIT)
        plan.version += 1
        plan.submitted_by = principal.user_id
        plan.review_comments = []
        event = self.contracts.new_event(
            "PlanSubmitted",
            {
                "plan_id": plan.id,
                "version": plan.version,
                **_issued_by(plan),
                "number_symbol": plan.number_symbol,
                "title": plan.title,
                "year": plan.year,
                "submitted_by": principal.as_actor(),
                "submitted_at": _iso(plan.updated_at),
                "targets": [t.as_contract() for t in plan.targets],
            },
            subject=plan.owner.code,
            source=SOURCE,
        )
        return self._save(plan, expected_version, event)

    def approve(self, principal: Principal, plan_id: str, comment: str | None,
                expected_version: int | None) -> Plan:
        plan = self._reviewable(principal, plan_id)
        self._transition(plan, Action.APPROVE)
        data = {
            "plan_id": plan.id,
            "version": plan.version,
            **_issued_by(plan),
            "reviewer": principal.as_actor(),
            "approved_at": _iso(plan.updated_at),
            "targets": [t.as_contract() for t in plan.targets],
        }
        if comment:
            data["comment"] = comment
        event = self.contracts.new_event("PlanApproved", data, subject=plan.owner.code, source=SOURCE)
        return self._save(plan, expected_version, event)

    def return_(self, principal: Principal, plan_id: str, comments: list[dict],
                expected_version: int | None) -> Plan:
        plan = self._reviewable(principal, plan_id)
        self._transition(plan, Action.RETURN)
        plan.review_comments = [ReviewComment(**c) for c in comments]
        event = self.contracts.new_event(
            "PlanReturned",
            {
                "plan_id": plan.id,
                "version": plan.version,
                **_issued_by(plan),
                "reviewer": principal.as_actor(),
                "returned_at": _iso(plan.updated_at),
                "comments": comments,
                "targets": [t.as_contract() for t in plan.targets],
            },
            subject=plan.owner.code,
            source=SOURCE,
        )
        return self._save(plan, expected_version, event)

    # -- helpers -------------------------------------------------------------
    def _check(self, plan: Plan, for_submission: bool = False) -> CatalogueView | None:
        """Refuse (:class:`Invalid`, nothing stored) targets the province's catalogue does not allow; name the
        linked ones."""
        catalogue = self.catalogues.current(plan.province_code)
        rows = [{"indicator_code": t.indicator_code, "unlinked": t.unlinked, "value": t.value, "horizon": t.horizon,
                 "unit": t.unit, "indicator_name": t.indicator_name,
                 "indicator_confirmed": t.indicator_confirmed, "proposed_indicator_code": t.proposed_indicator_code}
                for t in plan.targets]
        errors = check_targets(rows, catalogue, plan.province_code, plan_date(plan.issued_on, plan.year),
                               for_submission=for_submission)
        if errors:
            title = ("Các mục tiêu của kế hoạch chưa sẵn sàng để gửi duyệt." if for_submission
                     else "Có mục tiêu của kế hoạch chưa hợp lệ; chưa lưu gì.")
            raise Invalid(title, errors=FieldError.all_of(errors))
        for t in plan.targets:
            t.indicator_name = catalogue.name_of(t.indicator_code) if catalogue and t.indicator_code else None
        for t, issue in zip(plan.targets, catalogue_issues(rows, catalogue)):
            t.catalogue_issue = issue
        return catalogue

    def _reviewable(self, principal: Principal, plan_id: str) -> Plan:
        plan = self.get_visible(principal, plan_id)
        unit = plan.owner
        if not owners.may_review(principal, unit, plan.submitted_by):
            if unit.kind is UnitKind.PROVINCE and principal.user_id == plan.submitted_by:
                raise Forbidden("Kế hoạch của thành phố phải do một cán bộ khác của Sở GD&ĐT phê duyệt hoặc trả "
                                "lại, không phải người đã gửi duyệt.")
            what = {UnitKind.SCHOOL: "của trường này", UnitKind.COMMUNE: "của xã/phường này",
                    UnitKind.PROVINCE: "của thành phố này"}[unit.kind]
            raise Forbidden(f"Bạn không phải cấp có thẩm quyền duyệt kế hoạch {what}.")
        return plan

    @staticmethod
    def _transition(plan: Plan, action: Action) -> None:
        try:
            plan.status = next_status(action, PlanStatus(plan.status)).value
        except TransitionRefused as exc:
            raise Conflict(str(exc)) from None
        plan.updated_at = _now()

    def _save(self, plan: Plan, expected_version: int | None, *events) -> Plan:
        try:
            return self.plans.save(plan, *events, expected_version=expected_version)
        except StaleDocument:
            # Against the caller's If-Match the version is stale; without one, someone else got there first.
            refusal = StaleVersion if expected_version is not None else Conflict
            raise refusal("Kế hoạch vừa được người khác thay đổi. Vui lòng tải lại rồi thao tác lại.") from None


def _issued_by(plan: Plan) -> dict:
    """The plan events' ``issuer`` (every plan), and ``school`` as before for a school's plan."""
    unit = plan.owner
    data = {"issuer": unit.as_contract()}
    if unit.kind is UnitKind.SCHOOL:
        data["school"] = plan.school_contract()
    return data


def _issuer_phrase(plan: Plan) -> str:
    return {UnitKind.SCHOOL: "nhà trường", UnitKind.COMMUNE: "UBND xã/phường",
            UnitKind.PROVINCE: "Sở GD&ĐT"}[plan.owner.kind]


def _commune_name(code: str | None) -> str | None:
    try:
        return orgs.commune(code).name if code else None
    except (ValueError, KeyError, LookupError):
        return None


def _province_name(code: str | None) -> str | None:
    try:
        return orgs.province_name(code) if code else None
    except (ValueError, KeyError, LookupError):
        return None


def draft_from(parsed: ParsedPlan, fallback_title: str, proposals: list | None = None) -> dict:
    """The plan fields an import fills in; targets without a horizon wait for the school to add one.

    Each target carries the importer's proposal of an indicator (:func:`propose`), unconfirmed: the school
    confirms or changes it before the plan can be submitted.
    """
    def value(field, default=None):
        return field.value if field is not None else default

    targets = []
    for i, target in enumerate(parsed.targets):
        fields = target.to_dict()
        if not fields["horizon"]:
            continue
        fields["horizon"] = date.fromisoformat(fields["horizon"])
        if proposals is not None:
            proposal = proposals[i]
            fields.update(indicator_code=proposal.code, indicator_name=proposal.name, indicator_confirmed=False,
                          proposed_indicator_code=proposal.code, proposal_confidence=round(proposal.confidence, 2))
        targets.append(fields)
    return {
        "number_symbol": value(parsed.number_symbol, ""),
        "title": value(parsed.title) or fallback_title,
        "year": parsed.year or datetime.now(timezone.utc).year,
        "place": value(parsed.place, ""),
        "issued_on": value(parsed.issued_on),
        "legal_bases": [b.value for b in parsed.legal_bases],
        "sections": {s.key: s.text for s in parsed.sections},
        "signer": value(parsed.signer, ""),
        "recipients": [r.value for r in parsed.recipients],
        "targets": targets,
    }
