"""Reporting rounds (đợt báo cáo): opening, rescheduling and reading the rounds a province asks its schools to
report in; each change is one insert carrying its event."""
from __future__ import annotations

import time
from datetime import datetime
from typing import Any, Callable

from edu71.auth import Principal
from edu71.bus.outbox import StaleDocument
from edu71.contracts import Contracts
from edu71.errors import Conflict, FieldError, Forbidden, Invalid, NotFound, StaleVersion
from edu71.vn import iso_vn
from indicators.adapters.documents import Round, RoundView, round_id_for
from indicators.adapters.rounds import RoundExists, Rounds
from indicators.catalogues import SOURCE, CatalogueService
from indicators.domain.catalogue import Catalogue
from indicators.domain.clock import utc_now
from indicators.domain.rounds import (
    Phase,
    may_open_round,
    may_see_round,
    phase,
    round_errors,
    round_scope,
    schedule_errors,
)

#: How many earlier rounds are searched for a school's previous values.
PREVIOUS_ROUNDS_SEARCHED = 10
#: How long a process reuses the list of rounds that came before a round (seconds).
EARLIER_ROUNDS_TTL = 30.0


class RoundService:
    def __init__(self, contracts: Contracts, catalogues: CatalogueService,
                 clock: Callable[[], datetime] = utc_now, *, store: Rounds | None = None):
        self.contracts = contracts
        self.catalogues = catalogues
        self.clock = clock
        self.store = store or Rounds()
        # Every submission looks for the rounds before its own, a query on other fields than _id,
        # which may decode the whole rounds collection (see edu71.store); the answer only changes when a round is opened
        # with an earlier start, so it is kept for a short while.
        self._earlier: dict[str, tuple[float, list[tuple[str, str]]]] = {}

    def round_catalogue(self, rnd: Round | RoundView) -> Catalogue:
        """The catalogue version the round was opened with: its values are checked against it, always."""
        catalogue = self.catalogues.version(rnd.province_code, rnd.catalogue_version)
        if catalogue is None:
            raise RuntimeError(f"round {rnd.id} pins catalogue version {rnd.catalogue_version}, which is missing")
        return catalogue

    def open_round(self, principal: Principal, data: dict[str, Any]) -> Round:
        data = dict(data)
        province = data.pop("province_code", None) or principal.province_code
        if province is None:
            raise Invalid("Cần chọn tỉnh/thành phố của đợt báo cáo.",
                          errors=[FieldError("province_code", "Trường này là bắt buộc.")])
        if not may_open_round(principal, province):
            raise Forbidden("Sở GD&ĐT chỉ được mở đợt báo cáo cho tỉnh/thành phố của mình.")
        # People set a round's dates to the second; dropping finer parts keeps the stored
        # instant, the API's answer and the event's text identical.
        for name in ("opens_at", "due_at", "closes_at"):
            data[name] = data[name].replace(microsecond=0)
        now = self.clock()
        catalogue = self.catalogues.current(province)
        errors = round_errors(data, now, catalogue)
        if errors:
            raise Invalid("Đợt báo cáo có thông tin không hợp lệ, xem chi tiết từng mục.",
                          errors=FieldError.all_of(errors))
        rnd = Round(
            id=round_id_for(province, data["school_year"], data["name"]),
            name=data["name"].strip(),
            province_code=province,
            school_year=data["school_year"],
            school_levels=list(data["school_levels"]),
            indicator_codes=list(data["indicator_codes"]),
            catalogue_version=catalogue.version,
            opens_at=data["opens_at"],
            due_at=data["due_at"],
            closes_at=data["closes_at"],
            opened_by=principal.as_actor(),
            created_at=now,
            updated_at=now,
        )
        event = self._opened_event(rnd, principal, reopened=False)
        try:
            return self.store.save(rnd, event)
        except RoundExists:
            raise Conflict(f"Đã có đợt báo cáo “{rnd.name}” trong năm học {rnd.school_year}.") from None

    def reschedule_round(self, principal: Principal, round_id: str, due_at: datetime, closes_at: datetime,
                         expected_version: int | None) -> Round:
        """Extend a round's due date and closing time, or reopen a closed round (Sở GD&ĐT only)."""
        rnd = self.get_round(principal, round_id)
        if not may_open_round(principal, rnd.province_code):
            raise Forbidden("Chỉ Sở GD&ĐT của tỉnh/thành phố này được gia hạn hoặc mở lại đợt báo cáo.")
        now = self.clock()
        due_at, closes_at = due_at.replace(microsecond=0), closes_at.replace(microsecond=0)
        errors = schedule_errors(rnd.opens_at, due_at, closes_at, now)
        if errors:
            raise Invalid("Thời hạn mới không hợp lệ, xem chi tiết từng mục.", errors=FieldError.all_of(errors))
        reopened = phase(rnd.opens_at, rnd.due_at, rnd.closes_at, now) is Phase.CLOSED
        rnd.due_at, rnd.closes_at, rnd.updated_at = due_at, closes_at, now
        event = self._opened_event(rnd, principal, reopened=reopened)
        try:
            return self.store.save(rnd, event, expected_version=expected_version)
        except StaleDocument:
            raise (StaleVersion if expected_version is not None else Conflict)(
                "Đợt báo cáo vừa được thay đổi. Vui lòng tải lại rồi thao tác lại.") from None

    def _opened_event(self, rnd: Round, principal: Principal, *, reopened: bool):
        return self.contracts.new_event(
            "ReportingRoundOpened",
            {
                "round_id": rnd.id,
                "name": rnd.name,
                "province_code": rnd.province_code,
                "school_year": rnd.school_year,
                "school_levels": rnd.school_levels,
                "indicator_codes": rnd.indicator_codes,
                "opens_at": iso_vn(rnd.opens_at),
                "due_at": iso_vn(rnd.due_at),
                "closes_at": iso_vn(rnd.closes_at),
                "opened_by": principal.as_actor(),
                "reopened": reopened,
                "catalogue_version": rnd.catalogue_version,
            },
            # Province-wide event: keyed by the province so a province's rounds stay in order.
            subject=rnd.province_code,
            source=SOURCE,
        )

    def list_rounds(self, principal: Principal, filters: dict[str, Any], page: int, page_size: int):
        scope = round_scope(principal)
        if scope is None:
            raise Forbidden("Vai trò của bạn không được xem các đợt báo cáo.")
        # Filters are ANDed with the scope, so asking for another province finds nothing.
        wanted = {k: v for k, v in filters.items() if v is not None}
        if any(key in wanted and wanted[key] != value for key, value in scope.items()):
            return 0, []
        return self.store.page({**wanted, **scope}, page, page_size)

    def get_round(self, principal: Principal, round_id: str, *, recent: bool = False) -> Round | RoundView:
        """The round, if the caller may see it. With ``recent``, its view as this process read it lately
        (:meth:`~indicators.adapters.rounds.Rounds.recent`): for the submissions, which read it on every request
        and never change it; a change of the round is seen at once on this host, within a second elsewhere."""
        rnd = (self.store.recent if recent else self.store.get)(round_id)
        # A round outside the caller's scope is reported as missing, not forbidden.
        if rnd is None or not may_see_round(principal, rnd.province_code, rnd.school_levels):
            raise NotFound("Không tìm thấy đợt báo cáo.")
        return rnd

    def earlier(self, rnd: Round | RoundView) -> list[tuple[str, str]]:
        """The ids and names of the province's latest rounds opened before ``rnd``, latest first."""
        cached = self._earlier.get(rnd.id)
        if cached is None or time.monotonic() - cached[0] > EARLIER_ROUNDS_TTL:
            cached = (time.monotonic(), self.store.earlier(rnd.province_code, rnd.opens_at, PREVIOUS_ROUNDS_SEARCHED))
            self._earlier[rnd.id] = cached
        return cached[1]
