"""Schools' submissions (số liệu): a school's values as its first submission or a new revision, checked against
its round's catalogue, with the warnings they raise; reading them and their audit trail."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from edu71.auth import Principal, Role
from edu71.bus.outbox import StaleDocument
from edu71.contracts import Contracts
from edu71.errors import Conflict, FieldError, Forbidden, Invalid, NotFound, StaleVersion
from edu71.vn import iso_vn, vn_moment
from indicators.adapters.documents import Round, RoundView, Submission
from indicators.adapters.submissions import KeyRecord, SubmissionExists, Submissions, Trail, trail_of
from indicators.catalogues import SOURCE
from indicators.domain.approval import LOCKED, Action, Stage
from indicators.domain.catalogue import Catalogue
from indicators.domain.peers import peer_outliers
from indicators.domain.plausibility import check_warnings, implausible_changes, revision_jumps
from indicators.domain.rounds import Phase
from indicators.domain.submissions import (
    IdempotencyConflict,
    changes,
    check_explanations,
    fingerprint,
    merge,
    resolve_idempotency_key,
    submission_id,
)
from indicators.domain.validation import validate_values
from indicators.peers import PeerStatisticsService
from indicators.rounds import RoundService

SUBMISSION_NOT_FOUND = "Không tìm thấy số liệu của trường trong đợt báo cáo này."


@dataclass(frozen=True)
class SubmitOutcome:
    submission: Submission
    #: The revision the answer shows (an earlier one when a request is replayed).
    revision: int
    #: True when the answer is the first submission (201 Created).
    created: bool
    #: True when the request repeated an Idempotency-Key already answered.
    replayed: bool = False
    #: The audit trail up to :attr:`revision`, when the use case knows it without reading (a first submission).
    trail: Trail | None = None


class SubmissionService:
    def __init__(self, contracts: Contracts, rounds: RoundService, peers: PeerStatisticsService,
                 clock: Callable[[], datetime] | None = None, *, store: Submissions | None = None):
        self.contracts = contracts
        self.rounds = rounds
        self.peers = peers
        self.clock = clock or rounds.clock
        self.store = store or Submissions()

    def previous_values(self, rnd: Round | RoundView, school_code: str) -> tuple[str, list[dict[str, Any]]] | None:
        """The school's values in the latest earlier round of the province it reported in, with that round's name."""
        for round_id, name in self.rounds.earlier(rnd):
            sub = self.store.get(submission_id(round_id, school_code))
            if sub is not None and sub.values:
                return name, sub.value_dicts()
        return None

    @staticmethod
    def _explanations(explained: dict[str, str], actor: dict, now: datetime, revision: int) -> dict[str, dict]:
        return {code: {"text": text, "by": actor, "at": iso_vn(now, "milliseconds"), "revision": revision}
                for code, text in explained.items()}

    def warnings_for(self, rnd: Round | RoundView, sub: Submission, incoming: list[dict[str, Any]],
                     merged: list[dict[str, Any]], earlier: list[dict[str, Any]], catalogue: Catalogue, trail: Trail
                     ) -> dict[str, list[dict[str, Any]]]:
        """The warnings of a revision (about the values it sends) and of the submission as a whole (``open``).

        Four kinds: a jump from the previous round, a jump from the school's own
        earlier revision in this round, a value far from its peers', a broken
        cross check of importance *warning*. None of them blocks.
        """
        before = self.previous_values(rnd, sub.school_code)
        peers = self.peers.of(rnd.id, sub.school_level)
        sent = {v["indicator_code"] for v in incoming}

        def against_round(values):
            return implausible_changes(before[1], values, catalogue, before[0]) if before else []

        # Every value the school gave before (each revision's, last round's): a return to one is a correction.
        references = [[c["new"] for c in h["changes"]] for h in trail.revisions] + ([before[1]] if before else [])
        own = revision_jumps(earlier, incoming, catalogue, references)
        checks = check_warnings(merged, catalogue)
        revision = (against_round(incoming) + own + peer_outliers(incoming, peers, catalogue, sub.school_level)
                    + [c for c in checks if c["indicator_code"] in sent])
        open_ = (against_round(merged) + own + peer_outliers(merged, peers, catalogue, sub.school_level) + checks)
        return {"revision": revision, "open": open_}

    def previous_for(self, principal: Principal, round_id: str, school_code: str) -> dict[str, Any]:
        """The school's values in the round before (name and values), for the entry and review forms."""
        rnd = self.rounds.get_round(principal, round_id)
        sub = self.store.get(submission_id(rnd.id, school_code))
        if sub is not None:
            visible = principal.can_see(sub.school_code, sub.commune_code, sub.province_code)
        else:
            visible = principal.role is Role.SCHOOL and principal.can_act_for_school(school_code)
        if not visible:
            raise NotFound(SUBMISSION_NOT_FOUND)
        found = self.previous_values(rnd, school_code)
        return {"round_name": found[0], "values": found[1]} if found else {"round_name": None, "values": []}

    def get_submission(self, principal: Principal, round_id: str, school_code: str) -> Submission:
        rnd = self.rounds.get_round(principal, round_id)
        sub = self.store.get(submission_id(rnd.id, school_code))
        if sub is None or not principal.can_see(sub.school_code, sub.commune_code, sub.province_code):
            raise NotFound(SUBMISSION_NOT_FOUND)
        return sub

    def _key_record(self, sub: Submission, key: str) -> KeyRecord | None:
        """What ``key`` was answered with: the head's own revision, or an earlier one noted by ``_id``."""
        current = sub.last_revision or {}
        if current.get("idempotency_key") == key and current.get("fingerprint"):
            return KeyRecord(current["fingerprint"], current["revision"])
        return self.store.key(sub.id, key)

    def trail(self, sub: Submission) -> Trail:
        """The submission's audit trail (every revision and approval), read from its changes."""
        return self.store.trail(sub)

    def submit(self, principal: Principal, round_id: str, school_code: str, raw_values: Any, *,
               header_key: str | None = None, body_key: str | None = None,
               expected_version: int | None = None, explanations: Any = None) -> SubmitOutcome:
        """Store a school's values as its first submission or a new revision.

        Checks run in an order that keeps answers truthful: who may act first,
        then a replayed key (its original answer stands even after the round
        closed), then the round's timetable, then the values themselves.
        Nothing is written unless every check passes.

        The common case, a school's first valid submission in an open round,
        is written without reading the submission first: its first version
        has a fixed ``_id``, so the insert itself tells whether one exists
        and the read is saved. Anything else takes the general path.
        """
        if principal.role is not Role.SCHOOL or not principal.can_act_for_school(school_code):
            raise Forbidden("Chỉ tài khoản của chính nhà trường mới được nộp số liệu của trường.")
        if not (principal.commune_code and principal.province_code and principal.school_level):
            raise Forbidden("Tài khoản trường học thiếu thông tin xã/phường, tỉnh/thành hoặc cấp học.")
        rnd = self.rounds.get_round(principal, round_id, recent=True)
        try:
            key = resolve_idempotency_key(header_key, body_key)
        except IdempotencyConflict as exc:
            raise Invalid(str(exc), errors=[FieldError("idempotency_key", str(exc))]) from None
        digest = fingerprint(raw_values if explanations is None else [raw_values, explanations])
        now = self.clock()
        current = rnd.phase_at(now)
        catalogue = self.rounds.round_catalogue(rnd)
        # Read once (each read of a mongoengine list goes through its dereferencing), looked up once per value.
        allowed = frozenset(rnd.indicator_codes)
        explained, explanation_errors = check_explanations(explanations, catalogue, allowed)
        result = validate_values(raw_values, catalogue=catalogue, school_level=principal.school_level,
                                 allowed_codes=allowed)

        if result.ok and not explanation_errors and current in (Phase.OPEN, Phase.LATE) \
                and expected_version is None:
            try:
                return self._record(None, principal, rnd, school_code, result.values, catalogue, key, digest, now,
                                    current, expected_version=None, explained=explained)
            except SubmissionExists:
                pass  # the school has submitted before: the general path decides what this request is

        sub = self.store.get(submission_id(rnd.id, school_code))
        if sub is not None:
            # Shared populations and cross checks see the stored values the request does not replace.
            result = validate_values(raw_values, catalogue=catalogue, school_level=principal.school_level,
                                     allowed_codes=allowed, current=sub.value_dicts())
        record = self._key_record(sub, key) if key and sub else None
        if record is not None:
            if record.fingerprint != digest:
                message = "Idempotency-Key này đã được dùng cho một lần gửi có nội dung khác."
                raise Invalid(message, errors=[FieldError("idempotency_key", message)])
            return SubmitOutcome(sub, record.revision, created=record.revision == 1, replayed=True)

        if current is Phase.UPCOMING:
            raise Conflict(f"Đợt báo cáo chưa mở; trường có thể nộp số liệu từ {vn_moment(rnd.opens_at)}.")
        if current is Phase.CLOSED:
            raise Conflict(f"Đợt báo cáo đã khoá số liệu từ {vn_moment(rnd.closes_at)}; "
                           "không thể nộp hoặc sửa số liệu.", code="locked")
        stage = Stage((sub.stage if sub is not None else None) or Stage.DRAFT.value)
        if stage in LOCKED:
            raise Conflict(f"Báo cáo đang ở trạng thái “{stage.label}”: số liệu đã khoá. Cần người đã duyệt "
                           "mở lại báo cáo (kèm lý do) trước khi sửa.", code="approved")
        if not result.ok or explanation_errors:
            raise Invalid("Số liệu gửi lên có lỗi, xem chi tiết từng mục.",
                          errors=FieldError.all_of(result.errors + explanation_errors))
        try:
            return self._record(sub, principal, rnd, school_code, result.values, catalogue, key, digest, now,
                                current, expected_version=expected_version, explained=explained)
        except SubmissionExists:
            raise Conflict("Số liệu của trường vừa được nộp từ một phiên làm việc khác. "
                           "Vui lòng tải lại rồi thao tác lại.") from None
        except StaleDocument:
            raise (StaleVersion if expected_version is not None else Conflict)(
                "Số liệu của trường vừa được người khác thay đổi. Vui lòng tải lại rồi thao tác lại.") from None

    def _record(self, sub: Submission | None, principal: Principal, rnd: Round | RoundView, school_code: str,
                values: list[dict[str, Any]], catalogue: Catalogue, key: str | None, digest: str, now: datetime,
                current: Phase, *, expected_version: int | None,
                explained: dict[str, str] | None = None) -> SubmitOutcome:
        """Write valid ``values`` as the submission's next revision (the first if ``sub`` is None), with its event.

        Raises :class:`SubmissionExists` when a first submission exists already and
        :class:`StaleDocument` when the submission changed since it was read.
        """
        created = sub is None
        if created:
            sub = Submission(
                id=submission_id(rnd.id, school_code),
                round_id=rnd.id,
                school_code=school_code,
                school_name=principal.org_unit_name or school_code,
                school_level=principal.school_level,
                commune_code=principal.commune_code,
                province_code=principal.province_code,
                first_submitted_at=now,
            )
        earlier = sub.value_dicts()
        diff = changes(earlier, values)
        actor = principal.as_actor()
        explained = {code: text for code, text in (explained or {}).items()
                     if (sub.explanations or {}).get(code, {}).get("text") != text}
        if not diff:
            if explained:
                # Explanations of warned values only: kept (who, when), no new revision, nothing to announce.
                sub.explanations = {**(sub.explanations or {}), **self._explanations(explained, actor, now,
                                                                                     sub.revision)}
                saved = self.store.save(sub, expected_version=expected_version)
                return SubmitOutcome(saved, saved.revision, created=False)
            # The same values again under a new key (or none): nothing to audit, nothing to announce.
            return SubmitOutcome(sub, sub.revision, created=False)

        late = current is Phase.LATE
        previous = sub.revision
        if sub.stage == Stage.SUBMITTED.value:
            # A change to a report awaiting review takes it back: the school marks it complete again.
            sub.last_approval = {
                "seq": sub.approval_count() + 1, "action": Action.WITHDRAW.value, "stage": Stage.DRAFT.value,
                "previous_stage": Stage.SUBMITTED.value, "by": actor, "at": iso_vn(now, "milliseconds"),
                "revision": previous + 1}
            sub.stage = Stage.DRAFT.value
        # The earlier revisions' values are references of the warnings: a first submission has none to read.
        trail = Trail() if created else self.store.trail(sub)
        merged = merge(earlier, values, catalogue)
        sub.revision = previous + 1
        sub.values = merged
        sub.late = late
        sub.submitted_at = now
        sub.submitted_by = actor
        warnings = self.warnings_for(rnd, sub, values, merged, earlier, catalogue, trail)
        sub.open_warnings = warnings["open"]
        # An explanation answers the value it was given for: a changed value needs a new one.
        kept = {code: e for code, e in (sub.explanations or {}).items() if code not in {d["indicator_code"]
                                                                                       for d in diff}}
        sub.explanations = {**kept, **self._explanations(explained, actor, now, sub.revision)}
        superseded = sub.last_revision or {}
        if superseded.get("idempotency_key") and superseded.get("fingerprint"):
            # The head answers a replay of its own revision; an earlier one's key is looked up by _id.
            self.store.remember_key(sub.id, superseded["idempotency_key"], superseded["fingerprint"],
                                          superseded["revision"], superseded["submitted_at"])
        sub.last_revision = {"revision": sub.revision, "submitted_at": now, "submitted_by": actor, "late": late,
                             "idempotency_key": key, "changes": diff, "warnings": warnings["revision"],
                             "explanations": explained}
        if key:
            sub.last_revision["fingerprint"] = digest

        data: dict[str, Any] = {
            "submission_id": sub.id,
            "round_id": rnd.id,
            "school": sub.school_contract(),
            "revision": sub.revision,
            "submitted_at": iso_vn(now, "milliseconds"),
            "submitted_by": actor,
            "late": late,
            "values": merged,
        }
        if key:
            data["idempotency_key"] = key
        if created:
            name = "IndicatorSubmitted"
        else:
            name = "IndicatorRevised"
            data["previous_revision"] = previous
            data["changes"] = diff
        event = self.contracts.new_event(name, data, subject=school_code, source=SOURCE)
        saved = self.store.save(sub, event, expected_version=None if created else expected_version)
        first = trail_of([{"last_revision": saved.last_revision}]) if created else None
        return SubmitOutcome(saved, saved.revision, created=created, trail=first)
