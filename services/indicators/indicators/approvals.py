"""Approval use cases: a school marks its report complete, the commune and the city confirm, return, accept,
reopen and flag values for follow-up; each change is one insert carrying its event (edu71.bus.outbox)."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Callable

from edu71.auth import Principal, Role
from edu71.bus.outbox import StaleDocument
from edu71.errors import Conflict, DomainError, FieldError, Forbidden, Invalid, NotFound, StaleVersion
from edu71.orgs import COMMUNE_REVIEWED, SchoolLevel
from indicators.adapters.documents import Round, Submission
from indicators.adapters.schools import Schools
from indicators.catalogues import SOURCE
from indicators.domain import approval
from indicators.domain.approval import Action, ApprovalRefused, Report, Stage, changed_since, clean_comment
from indicators.domain.submissions import explained_warnings
from edu71.vn import iso_vn
from indicators.rounds import RoundService
from indicators.submissions import SubmissionService

#: The event each action causes.
EVENTS = {
    Action.COMPLETE: "SubmissionCompleted",
    Action.CONFIRM: "SubmissionConfirmed",
    Action.RETURN: "SubmissionReturned",
    Action.ACCEPT: "SubmissionAccepted",
    Action.REOPEN: "SubmissionReopened",
}
MAX_BULK = 500


#: What the domain's refusals are, by the status they name.
REFUSALS = {403: Forbidden, 404: NotFound, 409: Conflict, 422: Invalid}
CHANGED = "Báo cáo vừa được thay đổi sau khi bạn mở xem. Vui lòng tải lại rồi thao tác lại."


def _refused(exc: ApprovalRefused) -> DomainError:
    return REFUSALS[exc.status](exc.message, errors=FieldError.all_of(exc.errors))


class CommuneProgress:
    """How many of a commune's schools the commune reviews have a confirmed (or accepted) report in a round.

    ``expected`` counts the active schools the directory knows at those levels
    (of the round's levels) in the commune; the city is told when every one of
    them is confirmed (notifications).
    """

    def __init__(self, expected: int, confirmed: set[str]):
        self.expected = expected
        self.confirmed = confirmed

    @classmethod
    def of(cls, rounds: RoundService, submissions: SubmissionService, schools: Schools, round_id: str,
           commune_code: str) -> "CommuneProgress":
        rnd = rounds.store.get(round_id)
        wanted = [lv.value for lv in COMMUNE_REVIEWED if rnd is None or lv.value in rnd.school_levels]
        expected = schools.count_active(commune_code, wanted)
        confirmed = {s.school_code for s in submissions.store.in_commune(round_id, commune_code, wanted)
                     if s.stage in (Stage.CONFIRMED.value, Stage.ACCEPTED.value)}
        return cls(expected, confirmed)

    def with_school(self, school_code: str) -> dict[str, int] | None:
        """The counts once ``school_code`` is confirmed; none while the directory knows no school there."""
        if not self.expected:
            return None
        done = len(self.confirmed | {school_code})
        return {"confirmed": done, "expected": max(self.expected, done)}


def report_of(sub: Submission) -> Report:
    return Report(school_code=sub.school_code, level=SchoolLevel(sub.school_level), commune_code=sub.commune_code,
                  province_code=sub.province_code, stage=Stage(sub.stage or Stage.DRAFT.value))


class ApprovalService:
    def __init__(self, rounds: RoundService, submissions: SubmissionService,
                 clock: Callable[[], datetime] | None = None, *, schools: Schools | None = None):
        self.rounds = rounds
        self.submissions = submissions
        self.contracts = submissions.contracts
        self.clock = clock or submissions.clock
        self.schools = schools or Schools()

    def _save(self, sub: Submission, *events, expected_version: int | None = None) -> Submission:
        try:
            return self.submissions.store.save(sub, *events, expected_version=expected_version)
        except StaleDocument:
            raise (StaleVersion if expected_version is not None else Conflict)(CHANGED) from None

    # -- reading -------------------------------------------------------------------
    def _report(self, principal: Principal, round_id: str, school_code: str,
                expected_version: int | None = None) -> tuple[Round, Submission]:
        """The round and the report, refused as stale (412) if it changed since the caller read ``expected_version``.

        Staleness is told first: what the reviewer saw is no longer what they would approve, whatever the stage.
        """
        sub = self.submissions.get_submission(principal, round_id, school_code)
        if expected_version is not None and expected_version != sub.doc_version:
            raise StaleVersion(CHANGED)
        return self.rounds.get_round(principal, round_id), sub

    def audit(self, principal: Principal, round_id: str, school_code: str) -> list[dict[str, Any]]:
        """Who changed which value when (old → new, with explanations), and every approval and flag, in time order."""
        _, sub = self._report(principal, round_id, school_code)
        trail = self.submissions.trail(sub)
        entries: list[dict[str, Any]] = []
        for rev in trail.revisions:
            entries.append({"at": iso_vn(rev["submitted_at"], "milliseconds"), "kind": "revision",
                            "by": rev["submitted_by"], "revision": rev["revision"], "changes": rev["changes"],
                            "explanations": rev["explanations"], "warnings": rev["warnings"]})
        for code, e in (sub.explanations or {}).items():
            entries.append({"at": e["at"], "kind": "explanation", "by": dict(e["by"]), "revision": e["revision"],
                            "indicator_code": code, "text": e["text"]})
        for a in trail.approvals:
            entries.append({"kind": "approval", **a})
        for f in sub.flags or []:
            entries.append({"at": f["at"], "kind": "flag", "by": f["by"], "flag_id": f["id"],
                            "indicator_code": f["indicator_code"], "text": f["note"]})
            for answer in f.get("answers") or []:
                entries.append({"at": answer["at"], "kind": "flag_answer", "by": answer["by"], "flag_id": f["id"],
                                "indicator_code": f["indicator_code"], "text": answer["text"]})
            if f.get("closed_at"):
                entries.append({"at": f["closed_at"], "kind": "flag_closed", "by": f["closed_by"],
                                "flag_id": f["id"], "indicator_code": f["indicator_code"],
                                "text": f.get("closing_note")})
        # Every instant is in Vietnam time with the same offset, so the text orders like the time.
        return sorted(entries, key=lambda e: e["at"])

    def commune_reports(self, principal: Principal, round_id: str, commune_code: str) -> list[dict[str, Any]]:
        """A commune's reports in a round, for bulk confirmation: stage, what changed since the last
        confirmation, which warnings the school explained and which not, open flags."""
        rnd = self.rounds.get_round(principal, round_id)
        self._may_see_commune(principal, rnd, commune_code)
        out = []
        for sub in self.submissions.store.in_commune(rnd.id, commune_code):
            warnings = explained_warnings(sub.open_warnings, sub.explanations)
            out.append({
                "school": sub.school_contract(),
                "stage": sub.stage or Stage.DRAFT.value,
                "version": sub.doc_version,
                "revision": sub.revision,
                "reviewable": approval.commune_step(sub.school_level) or principal.role is not Role.COMMUNE,
                "changed_since_confirmation": changed_since(sub.confirmed_values, sub.value_dicts()),
                "explained_warnings": [w for w in warnings if w.get("explanation")],
                "unexplained_warnings": [w for w in warnings if not w.get("explanation")],
                "open_flags": [dict(f) for f in sub.flags or [] if f.get("status") != "closed"],
            })
        return out

    def _may_see_commune(self, principal: Principal, rnd: Round, commune_code: str) -> None:
        if principal.role is Role.ADMIN:
            return
        if principal.role is Role.CITY and principal.province_code == rnd.province_code:
            return
        if principal.role is Role.COMMUNE and principal.commune_code == commune_code:
            return
        raise Forbidden("Xã/phường này không thuộc phạm vi của đơn vị bạn.")

    # -- actions -------------------------------------------------------------------
    def complete(self, principal: Principal, round_id: str, school_code: str,
                 expected_version: int | None) -> Submission:
        rnd, sub = self._report(principal, round_id, school_code, expected_version)
        catalogue = self.rounds.round_catalogue(rnd)
        have = sub.indicator_codes()
        missing = [i.name for i in catalogue if i.code in rnd.indicator_codes and i.applies_to(sub.school_level)
                   and i.code not in have]
        try:
            stage = approval.complete(principal, report_of(sub), missing)
        except ApprovalRefused as exc:
            raise _refused(exc) from None
        return self._act(sub, principal, Action.COMPLETE, stage, expected_version)

    def confirm(self, principal: Principal, round_id: str, school_code: str, expected_version: int | None,
                *, progress: "CommuneProgress | None" = None) -> Submission:
        _, sub = self._report(principal, round_id, school_code, expected_version)
        try:
            stage = approval.confirm(principal, report_of(sub))
        except ApprovalRefused as exc:
            raise _refused(exc) from None
        progress = progress or CommuneProgress.of(self.rounds, self.submissions, self.schools, sub.round_id,
                                                  sub.commune_code)
        return self._act(sub, principal, Action.CONFIRM if stage is Stage.CONFIRMED else Action.ACCEPT, stage,
                         expected_version, progress=progress)

    def accept(self, principal: Principal, round_id: str, school_code: str, expected_version: int | None
               ) -> Submission:
        _, sub = self._report(principal, round_id, school_code, expected_version)
        try:
            stage = approval.accept(principal, report_of(sub))
        except ApprovalRefused as exc:
            raise _refused(exc) from None
        return self._act(sub, principal, Action.ACCEPT, stage, expected_version)

    def return_report(self, principal: Principal, round_id: str, school_code: str, comment: Any,
                      value_comments: Any, expected_version: int | None) -> Submission:
        rnd, sub = self._report(principal, round_id, school_code, expected_version)
        try:
            stage, text, per_value = approval.return_report(principal, report_of(sub), comment, value_comments,
                                                            self.rounds.round_catalogue(rnd),
                                                            [v["indicator_code"] for v in sub.values])
        except ApprovalRefused as exc:
            raise _refused(exc) from None
        catalogue = self.rounds.round_catalogue(rnd)
        names = {code: catalogue.get(code).name for code in per_value}
        return self._act(sub, principal, Action.RETURN, stage, expected_version,
                         extra={"comment": text, "value_comments": per_value, "indicator_names": names})

    def reopen(self, principal: Principal, round_id: str, school_code: str, reason: Any,
               expected_version: int | None) -> Submission:
        _, sub = self._report(principal, round_id, school_code, expected_version)
        try:
            stage, text = approval.reopen(principal, report_of(sub), reason)
        except ApprovalRefused as exc:
            raise _refused(exc) from None
        return self._act(sub, principal, Action.REOPEN, stage, expected_version, extra={"reason": text})

    def confirm_commune(self, principal: Principal, round_id: str, commune_code: str,
                        items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Confirm several reports of a commune, each at the version the reviewer saw; each answers on its own."""
        rnd = self.rounds.get_round(principal, round_id)
        self._may_see_commune(principal, rnd, commune_code)
        if not items or len(items) > MAX_BULK:
            raise Invalid(f"Cần chọn từ 1 đến {MAX_BULK} báo cáo để xác nhận.",
                          errors=[FieldError("reports", f"Chọn từ 1 đến {MAX_BULK} báo cáo.")])
        results = []
        # Counted once for the whole list, then kept up to date as each report is confirmed.
        progress = CommuneProgress.of(self.rounds, self.submissions, self.schools, rnd.id, commune_code)
        for item in items:
            try:
                sub = self.confirm(principal, rnd.id, item["school_code"], item["version"], progress=progress)
                results.append({"school_code": item["school_code"], "status": 200, "stage": sub.stage,
                                "version": sub.doc_version})
            except DomainError as exc:
                results.append({"school_code": item["school_code"], "status": exc.status, "message": exc.message})
        return results

    def _act(self, sub: Submission, principal: Principal, action: Action, stage: Stage,
             expected_version: int | None, *, extra: dict[str, Any] | None = None,
             progress: "CommuneProgress | None" = None) -> Submission:
        now = self.clock()
        previous = Stage(sub.stage or Stage.DRAFT.value)
        values = sub.value_dicts()
        entry: dict[str, Any] = {
            "seq": sub.approval_count() + 1, "action": action.value, "stage": stage.value,
            "previous_stage": previous.value, "by": principal.as_actor(), "at": iso_vn(now, "milliseconds"),
            "revision": sub.revision,
        }
        entry.update({k: v for k, v in (extra or {}).items() if v})
        if action in (Action.CONFIRM, Action.ACCEPT):
            entry["changes"] = changed_since(sub.approved_values, values)
            sub.approved_values = values
            if action is Action.CONFIRM:
                sub.confirmed_values = values
        sub.last_approval = entry
        sub.stage = stage.value
        data = {"submission_id": sub.id, "round_id": sub.round_id, "school": sub.school_contract(),
                "revision": sub.revision, "approval": entry["seq"], "stage": stage.value,
                "previous_stage": previous.value, "by": entry["by"], "at": entry["at"]}
        for key in ("comment", "value_comments", "indicator_names", "reason"):
            if entry.get(key):
                data[key] = entry[key]
        counts = progress.with_school(sub.school_code) if action is Action.CONFIRM and progress else None
        if counts:
            data["commune_progress"] = counts
        event = self.contracts.new_event(EVENTS[action], data, subject=sub.school_code, source=SOURCE)
        saved = self._save(sub, event, expected_version=expected_version)
        if action is Action.CONFIRM and progress is not None:
            progress.confirmed.add(sub.school_code)
        return saved

    # -- follow-up flags -------------------------------------------------------------
    def flag(self, principal: Principal, round_id: str, school_code: str, indicator_code: Any, note: Any
             ) -> Submission:
        rnd, sub = self._report(principal, round_id, school_code)
        try:
            approval.may_flag(principal, report_of(sub))
        except ApprovalRefused as exc:
            raise _refused(exc) from None
        catalogue = self.rounds.round_catalogue(rnd)
        errors: list[dict[str, str]] = []
        indicator = catalogue.get(indicator_code)
        if indicator is None or indicator_code not in sub.indicator_codes():
            errors.append({"field": "indicator_code", "message": "Chỉ tiêu này không có trong báo cáo."})
        text = clean_comment(note if note is not None else "", "note", errors, "ghi chú theo dõi")
        if errors or not text:
            raise Invalid("Đánh dấu theo dõi cần chỉ tiêu và ghi chú, xem chi tiết từng mục.",
                          errors=FieldError.all_of(errors) or [FieldError("note", "Cần nhập ghi chú theo dõi.")])
        now = self.clock()
        flag = {"id": str(uuid.uuid4()), "indicator_code": indicator_code, "note": text, "by": principal.as_actor(),
                "at": iso_vn(now, "milliseconds"), "status": "open", "answers": [], "revision": sub.revision}
        sub.flags = [*(sub.flags or []), flag]
        event = self.contracts.new_event("ValueFlagged", {
            "submission_id": sub.id, "round_id": sub.round_id, "school": sub.school_contract(),
            "flag_id": flag["id"], "indicator_code": indicator_code, "indicator_name": indicator.name,
            "note": text, "by": flag["by"], "at": flag["at"]}, subject=sub.school_code, source=SOURCE)
        return self._save(sub, event)

    def _flag(self, sub: Submission, flag_id: str) -> dict[str, Any]:
        flag = next((f for f in sub.flags or [] if f.get("id") == flag_id), None)
        if flag is None:
            raise NotFound("Không tìm thấy đánh dấu theo dõi này.")
        if flag.get("status") == "closed":
            raise Conflict("Đánh dấu theo dõi này đã đóng.")
        return flag

    def answer_flag(self, principal: Principal, round_id: str, school_code: str, flag_id: str, text: Any
                    ) -> Submission:
        """The school answers a flag (and may correct the value by submitting it again)."""
        _, sub = self._report(principal, round_id, school_code)
        if principal.role is not Role.SCHOOL or principal.org_unit != sub.school_code:
            raise Forbidden("Chỉ nhà trường mới trả lời đánh dấu theo dõi số liệu của trường.")
        flag = self._flag(sub, flag_id)
        errors: list[dict[str, str]] = []
        cleaned = clean_comment(text if text is not None else "", "text", errors, "nội dung trả lời")
        if errors or not cleaned:
            raise Invalid("Cần nhập nội dung trả lời.",
                          errors=FieldError.all_of(errors) or [FieldError("text", "Cần nhập nội dung trả lời.")])
        answer = {"text": cleaned, "by": principal.as_actor(), "at": iso_vn(self.clock(), "milliseconds"),
                  "revision": sub.revision}
        sub.flags = [{**f, "status": "answered", "answers": [*f.get("answers", []), answer]}
                     if f["id"] == flag["id"] else f for f in sub.flags]
        return self._save(sub)

    def close_flag(self, principal: Principal, round_id: str, school_code: str, flag_id: str, note: Any
                   ) -> Submission:
        """Whoever may review the report closes a flag once satisfied."""
        _, sub = self._report(principal, round_id, school_code)
        try:
            approval.may_flag(principal, report_of(sub))
        except ApprovalRefused as exc:
            raise _refused(exc) from None
        flag = self._flag(sub, flag_id)
        errors: list[dict[str, str]] = []
        cleaned = clean_comment(note, "note", errors, "ghi chú khi đóng")
        if errors:
            raise Invalid("Ghi chú khi đóng không hợp lệ.", errors=FieldError.all_of(errors))
        closed = {"status": "closed", "closed_by": principal.as_actor(),
                  "closed_at": iso_vn(self.clock(), "milliseconds"), "closing_note": cleaned}
        sub.flags = [{**f, **closed} if f["id"] == flag["id"] else f for f in sub.flags]
        return self._save(sub)
