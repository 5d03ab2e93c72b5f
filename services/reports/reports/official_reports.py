"""Official reports: drafts the author edits, issue with a number of the unit's own yearly sequence, the files.

Who may do what (the level above is where a report is sent, :attr:`reports.domain.official.Unit.parent`):

- a school drafts and issues its own report; a commune/ward (UBND) its commune's; the city (Sở GD&ĐT) the
  city's. Nobody drafts or issues for another unit, administrators included (they read everything);
- a draft is seen only by its unit; an issued report by its unit and the level above it;
- issuing twice, issuing for another unit, a round that does not exist (or of another province), or a
  report whose written sections or signer are missing is refused (a domain error) and stores nothing.

The figures come from a :class:`FigureSource` — the live views, or the views as they stood at a past moment
(:mod:`reports.asof`); an issued report keeps the figures it was built from, with its DOCX and its SHA-256
(:class:`reports.adapters.official_reports.OfficialReportStore`). Refusals are :mod:`edu71.errors`.
"""
from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timezone
from typing import Callable, Protocol

from edu71.auth import Principal, Role
from edu71.bus.outbox import StaleDocument
from edu71.contracts import Contracts
from edu71.errors import Conflict, FieldError, Forbidden, Invalid, NotFound
from edu71.orgs import commune as official_commune
from edu71.orgs import province_name
from edu71.vn import to_vietnam
from reports.adapters.docx import render
from reports.adapters.official_reports import OfficialReport, OfficialReportStore, ReportExists
from reports.dashboards import Views
from reports.domain import official
from reports.domain.official import COMMUNE, PROVINCE, SCHOOL, Unit
from reports.domain.sentences import indicator_sentence
from reports.domain.versions import ms
from reports.domain.views import plans_view_id, round_view_id

log = logging.getLogger(__name__)

SOURCE = "/edu71/reports"
#: How many earlier rounds a report compares each figure with.
EARLIER_ROUNDS = 3
NO_REPORT = "Không tìm thấy báo cáo."
EDITED, STALE = "Báo cáo vừa được người khác sửa; hãy tải lại trang rồi sửa tiếp.", "Phiên bản đã cũ."
KIND_NAMES = {SCHOOL: "nhà trường", COMMUNE: "xã/phường", PROVINCE: "tỉnh/thành phố"}


class FigureSource(Protocol):
    """The views a report's figures are read from (live: :class:`reports.dashboards.Views`, or as of a moment)."""

    def view(self, province: str, view_id: str) -> dict | None: ...

    def schools(self, province: str, view_id: str) -> list[dict]: ...

    def rounds_of(self, province: str) -> list[dict]: ...


def _round_in(source: FigureSource, province: str, round_id: str) -> dict | None:
    return next((r for r in source.rounds_of(province) if r["round_id"] == round_id), None)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def own_unit(principal: Principal) -> tuple[str, str] | None:
    """The unit a user drafts and issues for (None for administrators and operators)."""
    match principal.role:
        case Role.SCHOOL:
            return SCHOOL, principal.org_unit
        case Role.COMMUNE:
            return COMMUNE, principal.commune_code or principal.org_unit
        case Role.CITY:
            return PROVINCE, principal.province_code or principal.org_unit
    return None


class OfficialReports:
    def __init__(self, views: Views, store: OfficialReportStore, contracts: Contracts,
                 to_pdf: Callable[[bytes], bytes | None],
                 now: Callable[[], datetime] = lambda: datetime.now(timezone.utc), asof=None):
        #: The live views, and the rounds and schools they are read with.
        self.views = views
        self.store = store
        #: :class:`reports.asof.AsOf`: an issued report's figures are read as of a settled moment from it.
        self.asof = asof
        self.contracts = contracts
        self.now = now
        self.to_pdf = to_pdf

    # -- units and access -------------------------------------------------------------------------
    def unit(self, kind: str, code: str) -> Unit:
        """The unit named by ``kind``/``code`` (NotFound when there is no such school, commune or province)."""
        try:
            if kind == SCHOOL:
                school = self.views.school(code)
                if school is None:
                    raise NotFound("Không tìm thấy trường.")
                place = official_commune(school["commune_code"])
                return official.unit_of(SCHOOL, code, province_code=school["province_code"],
                                        province_name=province_name(school["province_code"]),
                                        commune_code=school["commune_code"], commune_name=place.name,
                                        school_name=school["name"])
            if kind == COMMUNE:
                place = official_commune(code)
                return official.unit_of(COMMUNE, code, province_code=place.province_code,
                                        province_name=province_name(place.province_code), commune_code=code,
                                        commune_name=place.name)
            return official.unit_of(PROVINCE, code, province_code=code, province_name=province_name(code))
        except (ValueError, KeyError):
            raise NotFound(f"Không tìm thấy {KIND_NAMES.get(kind, 'đơn vị')} với mã này.") from None

    def _province(self, unit: Unit) -> str:
        if unit.kind == PROVINCE:
            return unit.code
        if unit.kind == COMMUNE:
            return unit.parent[1]
        return self.views.school(unit.code)["province_code"]

    def _own(self, principal: Principal, kind: str, code: str) -> Unit:
        """The caller's own unit, which it may draft and issue for (Forbidden otherwise)."""
        if own_unit(principal) != (kind, code):
            raise Forbidden("Chỉ đơn vị của mình mới soạn và ban hành được báo cáo này.")
        return self.unit(kind, code)

    def _round(self, round_id: str, province: str) -> dict:
        rnd = self.views.round(round_id)
        if rnd is None or rnd["province_code"] != province:
            raise NotFound("Không tìm thấy đợt báo cáo.", errors=[FieldError("round_id", "Không có đợt báo cáo này.")])
        return rnd

    def _readable(self, principal: Principal, head: OfficialReport | None, kind: str, code: str) -> bool:
        if principal.role is Role.ADMIN:
            return head is not None
        if own_unit(principal) == (kind, code):
            return True
        return head is not None and head.status == "issued" and \
            own_unit(principal) == (head.recipient_kind, head.recipient_code)

    # -- figures ------------------------------------------------------------------------------------
    def figures(self, unit: Unit, rnd: dict, as_of: datetime, source: FigureSource) -> dict:
        """The figures of ``unit``'s report for ``rnd``, read from ``source`` (see :func:`official.figures_of`)."""
        province = self._province(unit)
        # The round as the source knew it (renamed or re-dated later, an issued report keeps its words).
        rnd = _round_in(source, province, rnd["round_id"]) or rnd
        due = _utc(rnd["due_at"])
        earlier = [r for r in source.rounds_of(province) if r["round_id"] != rnd["round_id"]
                   and _utc(r["due_at"]) < due]
        earlier = sorted(earlier, key=lambda r: (_utc(r["due_at"]), r["round_id"]))[-EARLIER_ROUNDS:]
        if unit.kind == SCHOOL:
            commune_code = unit.parent[1]

            def entry(round_id: str) -> dict | None:
                rows = source.schools(province, round_view_id(round_id, "commune", commune_code))
                return next((s for s in rows if s["school_code"] == unit.code), None)

            view = entry(rnd["round_id"]) or {}
            return official.figures_of(unit, rnd, view, [(r, entry(r["round_id"])) for r in earlier],
                                       {"status": view.get("plan_status")}, as_of)
        scope = "province" if unit.kind == PROVINCE else "commune"
        view = source.view(province, round_view_id(rnd["round_id"], scope, unit.code)) or {}
        plans = source.view(province, plans_view_id(scope, unit.code)) or {}
        return official.figures_of(unit, rnd, view,
                                   [(r, source.view(province, round_view_id(r["round_id"], scope, unit.code)))
                                    for r in earlier], plans, as_of)

    # -- reading ------------------------------------------------------------------------------------
    def get(self, principal: Principal, round_id: str, kind: str, code: str) -> dict:
        report_id = OfficialReport.key(round_id, kind, code)
        head = self.store.get(report_id)
        if not self._readable(principal, head, kind, code):
            raise NotFound(NO_REPORT)
        unit = self.unit(kind, code)
        rnd = self._round(round_id, self._province(unit))
        if head is not None and head.status == "issued":
            figures = self.store.figures(f"{report_id}|{head.sha256}") or {}
        else:
            figures = self.figures(unit, rnd, self.now(), self.views)
        return self._describe(unit, rnd, head, figures)

    def _describe(self, unit: Unit, rnd: dict, head: OfficialReport | None, figures: dict) -> dict:
        issued = head is not None and head.status == "issued"
        return {
            "report_id": OfficialReport.key(rnd["round_id"], unit.kind, unit.code), "round_id": rnd["round_id"],
            "round_name": rnd.get("name"), "unit": {"kind": unit.kind, "code": unit.code, "name": unit.name},
            "recipient": {"kind": unit.parent[0], "code": unit.parent[1], "name": self._parent_name(unit)},
            "status": head.status if head else "draft", "version": head.doc_version if head else 0,
            "written": {k: (head.written or {}).get(k, "") if head else "" for k in official.WRITTEN},
            "signer_name": head.signer_name if head else "",
            "number_symbol": head.number_symbol if issued else None,
            "subject": official.subject_of(rnd),
            "issued_at": head.issued_at if issued else None,
            "issued_by": (head.issued_by or {}).get("name") if issued else None,
            "sha256": head.sha256 if issued else None,
            "as_of": figures.get("as_of"),
            "pdf_available": bool(issued and self.store.file(OfficialReport.key(rnd["round_id"], unit.kind, unit.code)
                                                             + f"|{head.sha256}", "pdf")),
            "sentences": [indicator_sentence(row) for row in figures.get("indicators") or ()],
            "figures": figures,
        }

    def _parent_name(self, unit: Unit) -> str:
        kind, code = unit.parent
        if kind == COMMUNE:
            return f"UBND {official_commune(code).name}"
        if kind == PROVINCE:
            return f"Sở Giáo dục và Đào tạo {province_name(code)[:1].lower()}{province_name(code)[1:]}"
        return "Bộ Giáo dục và Đào tạo"

    def draft_docx(self, principal: Principal, round_id: str, kind: str, code: str) -> tuple[bytes, str]:
        """The draft as it would be issued now, without a number or a date."""
        unit = self._own(principal, kind, code)
        rnd = self._round(round_id, self._province(unit))
        head = self.store.get(OfficialReport.key(round_id, kind, code))
        figures = self.figures(unit, rnd, self.now(), self.views)
        doc = official.compose(unit, figures, (head.written or {}) if head else {},
                               signer_name=head.signer_name if head else "")
        return render(doc), f"du-thao-bao-cao-{round_id}-{kind}-{code}.docx"

    def issued_file(self, principal: Principal, round_id: str, kind: str, code: str, what: str) -> tuple[bytes, str]:
        report_id = OfficialReport.key(round_id, kind, code)
        head = self.store.get(report_id)
        if head is None or head.status != "issued" or not self._readable(principal, head, kind, code):
            raise NotFound(NO_REPORT)
        stored = self.store.file(f"{report_id}|{head.sha256}", "docx")
        name = f"bao-cao-{head.number:02d}-{head.year}-{kind}-{code}"
        if what == "docx":
            return stored, f"{name}.docx"
        kept = self.store.file(f"{report_id}|{head.sha256}", "pdf")
        if kept is None:
            body = self.to_pdf(stored)
            if body is None:
                raise NotFound("Bản PDF của báo cáo chưa sẵn sàng (máy chủ chưa chuyển được sang PDF); "
                               "hãy tải bản Word (DOCX).")
            self.store.keep_file(f"{report_id}|{head.sha256}", "pdf", body)
            return body, f"{name}.pdf"
        return kept, f"{name}.pdf"

    def listing(self, principal: Principal, received: bool) -> dict:
        """The caller's unit's issued reports, or those sent to it; everything for administrators."""
        mine = own_unit(principal)
        if principal.role is Role.ADMIN:
            rows = self.store.issued()
        elif mine is None:
            raise Forbidden("Vai trò của bạn không xem được báo cáo.")
        elif received:
            rows = self.store.issued(recipient=mine)
        else:
            rows = self.store.issued(unit=mine)
        return {"items": [{"report_id": r["_id"], "round_id": r["round_id"], "round_name": r.get("round_name"),
                           "unit": {"kind": r["unit_kind"], "code": r["unit_code"], "name": r["unit_name"]},
                           "recipient": {"kind": r["recipient_kind"], "code": r["recipient_code"],
                                         "name": r.get("recipient_name")},
                           "number_symbol": r["number_symbol"], "subject": r.get("subject"),
                           "issued_at": r["issued_at"], "issued_by": (r.get("issued_by") or {}).get("name"),
                           "sha256": r["sha256"]} for r in rows]}

    # -- writing ------------------------------------------------------------------------------------
    def save_draft(self, principal: Principal, round_id: str, kind: str, code: str, body: dict) -> dict:
        unit = self._own(principal, kind, code)
        rnd = self._round(round_id, self._province(unit))
        report_id = OfficialReport.key(round_id, kind, code)
        head = self.store.get(report_id)
        if head is not None and head.status == "issued":
            raise Conflict(f"Báo cáo đã được ban hành (Số: {head.number_symbol}), không sửa được nữa.")
        expected = body.get("version", head.doc_version if head else 0)
        if (head.doc_version if head else 0) != expected:
            raise Conflict(EDITED, errors=[FieldError("version", STALE)])
        if head is None:
            head = self._new(unit, rnd)
        head.written = {k: (body.get("written") or {}).get(k, (head.written or {}).get(k, "")) or ""
                        for k in official.WRITTEN}
        if "signer_name" in body:
            head.signer_name = (body.get("signer_name") or "").strip()
        head.updated_at = self.now()
        head.updated_by = _actor(principal)
        try:
            self.store.save(head, expected_version=expected if expected else None)
        except (StaleDocument, ReportExists):
            raise Conflict(EDITED, errors=[FieldError("version", STALE)]) from None
        return self.get(principal, round_id, kind, code)

    def _new(self, unit: Unit, rnd: dict) -> OfficialReport:
        return OfficialReport(id=OfficialReport.key(rnd["round_id"], unit.kind, unit.code), round_id=rnd["round_id"],
                              unit_kind=unit.kind, unit_code=unit.code, unit_name=unit.name,
                              province_code=self._province(unit), recipient_kind=unit.parent[0],
                              recipient_code=unit.parent[1], recipient_name=self._parent_name(unit),
                              status="draft", written={}, signer_name="")

    def issue(self, principal: Principal, round_id: str, kind: str, code: str) -> dict:
        """Issue the draft: number it, render and keep it with its figures, publish ReportIssued.

        The figures are those of the history as of the issue moment, read once every row recorded up to it is
        stored (:data:`reports.adapters.history.SETTLE`), so the report can be regenerated from that moment,
        identical, at any later time (:meth:`regenerate`)."""
        unit = self._own(principal, kind, code)
        rnd = self._round(round_id, self._province(unit))
        report_id = OfficialReport.key(round_id, kind, code)
        head = self.store.get(report_id)
        if head is not None and head.status == "issued":
            raise Conflict(f"Báo cáo này đã được ban hành (Số: {head.number_symbol}).")
        errors = official.missing_written((head.written or {}) if head else {}, head.signer_name if head else "")
        if errors:
            raise Invalid("Chưa đủ nội dung để ban hành báo cáo.", errors=FieldError.all_of(errors))
        now = ms(self.now())
        moment, source = self._settled(now)
        figures = self.figures(unit, rnd, moment, source)  # before anything is claimed: it may refuse
        if not self.store.claim_issue(report_id):
            raise Conflict("Báo cáo này đang được ban hành hoặc đã được ban hành.")
        try:
            body, sha = self._number_and_keep(principal, unit, rnd, head, figures, now, moment)
        except BaseException:
            # Let a later attempt issue it (a number claimed meanwhile stays used: a gap, never a duplicate).
            self.store.release_issue(report_id)
            raise
        self.store.queue_pdf(f"{report_id}|{sha}", due=now)  # the worker makes it (OfficialReportStore.make_pdfs)
        return self.get(principal, round_id, kind, code)

    def _number_and_keep(self, principal: Principal, unit: Unit, rnd: dict, head: OfficialReport, figures: dict,
                         now: datetime, moment: datetime) -> tuple[bytes, str]:
        """Claim the number, render, keep the DOCX and figures, store the issued state with ReportIssued."""
        report_id = head.id
        year = to_vietnam(now).year
        number = self.store.claim_number(unit.key(), year, report_id)
        for _ in range(3):  # a draft saved meanwhile: issue what it says now, under the same number
            doc = official.compose(unit, figures, head.written or {}, signer_name=head.signer_name, number=number,
                                   issued_on=to_vietnam(now))
            body = render(doc)
            sha = hashlib.sha256(body).hexdigest()
            self.store.keep_file(f"{report_id}|{sha}", "docx", body)
            self.store.keep_figures(f"{report_id}|{sha}", figures)
            head.status, head.number, head.year = "issued", number, year
            head.number_symbol, head.subject = doc.number.removeprefix("Số: "), doc.subject
            head.round_name, head.as_of, head.issued_at = rnd.get("name"), moment, now
            head.issued_by, head.sha256 = _actor(principal), sha
            event = self.contracts.new_event("ReportIssued", self._event(unit, head, rnd), subject=head.province_code,
                                             source=SOURCE)
            try:
                self.store.save(head, event)
                return body, sha
            except StaleDocument:
                head = self.store.get(report_id)
        raise Conflict("Báo cáo đang được sửa liên tục; hãy thử ban hành lại.")

    def _settled(self, now: datetime) -> tuple[datetime, FigureSource]:
        """The figures as of the issue moment, once it is settled (the history waits
        :data:`reports.adapters.history.SETTLE` seconds for rows recorded up to it)."""
        if self.asof is None:
            return now, self.views
        return now, self.asof.source(now)

    def regenerate(self, principal: Principal, round_id: str, kind: str, code: str) -> dict:
        """An issued report's figures computed again from the history as of its moment, beside those it was
        issued with: ``identical`` says whether every figure is the same."""
        report_id = OfficialReport.key(round_id, kind, code)
        head = self.store.get(report_id)
        if head is None or head.status != "issued" or not self._readable(principal, head, kind, code) \
                or self.asof is None:
            raise NotFound(NO_REPORT)
        kept = self.store.figures(f"{report_id}|{head.sha256}") or {}
        moment = datetime.fromisoformat(kept["as_of"])
        unit = self.unit(kind, code)
        again = self.figures(unit, self._round(round_id, self._province(unit)), moment, self.asof.source(moment))
        return {"report_id": report_id, "number_symbol": head.number_symbol, "as_of": kept["as_of"],
                "identical": again == kept, "issued": kept, "regenerated": again}

    def _event(self, unit: Unit, head: OfficialReport, rnd: dict) -> dict:
        data = {"report_id": head.id, "round_id": head.round_id, "round_name": rnd.get("name") or head.round_id,
                "province_code": head.province_code,
                "issuer": {"kind": unit.kind, "code": unit.code, "name": unit.name},
                "recipient": {"kind": unit.parent[0], "code": unit.parent[1], "name": head.recipient_name},
                "number": head.number, "number_symbol": head.number_symbol, "year": head.year,
                "subject": head.subject, "as_of": _rfc3339(head.as_of), "issued_at": _rfc3339(head.issued_at),
                "issued_by": head.issued_by, "sha256": head.sha256}
        if unit.kind == SCHOOL:
            school = self.views.school(unit.code)
            data["school"] = {"code": unit.code, "name": school["name"], "commune_code": school["commune_code"],
                              "province_code": school["province_code"], "level": school["level"]}
        return data


def _rfc3339(moment: datetime) -> str:
    return _utc(moment).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _actor(principal: Principal) -> dict:
    return {"user_id": principal.user_id, "name": principal.name or principal.user_id, "role": principal.role.value,
            "org_unit": principal.org_unit}
