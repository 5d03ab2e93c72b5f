"""The daily digest for a city department, without I/O: completeness per commune for each open round."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Iterable, Mapping

from edu71.auth import Role
from edu71 import vn
from notifications.domain.deadlines import Round
from notifications.domain.kinds import Kind
from notifications.domain.notices import Notice, Recipient


@dataclass(frozen=True)
class CommuneProgress:
    commune_code: str
    submitted: int
    expected: int

    @property
    def share(self) -> float:
        return self.submitted / self.expected if self.expected else 1.0


def progress(rnd: Round, schools: Iterable[Mapping[str, Any]], submitted: set[str]) -> list[CommuneProgress]:
    """Per commune of the round's province: schools of the round's levels that submitted, of those expected.
    Least complete first."""
    expected: dict[str, int] = defaultdict(int)
    done: dict[str, int] = defaultdict(int)
    for s in schools:
        if s["province_code"] != rnd.province_code or s["level"] not in rnd.school_levels:
            continue
        expected[s["commune_code"]] += 1
        done[s["commune_code"]] += s["code"] in submitted
    rows = [CommuneProgress(c, done[c], n) for c, n in expected.items()]
    return sorted(rows, key=lambda r: (r.share, r.commune_code))


#: How many of the least complete communes a digest names; the rest are counted, the dashboard lists them all.
WORST = 5


def digest(province_code: str, day: datetime, rounds: list[tuple[Round, list[CommuneProgress]]],
           commune_name: Callable[[str], str], dashboard_url: str | None = None) -> Notice:
    """The city's digest of ``day`` (a Vietnam-time date) over its open rounds.

    Short enough to read on a phone whatever the number of communes (Hải Phòng has 114): per round the
    total, how many communes are complete or have nothing yet, the :data:`WORST` least complete by name,
    and where to see the rest.
    """
    lines = []
    for rnd, rows in rounds:
        total = sum(r.expected for r in rows)
        done = sum(r.submitted for r in rows)
        share = vn.vn_number(100 * done / total if total else 100, 1, trim=True)
        lines.append(f"Đợt “{rnd.name}” (hạn nộp {vn.vn_moment(rnd.due_at)}): "
                     f"{done}/{total} trường đã nộp ({share} %).")
        behind = [r for r in rows if r.submitted < r.expected]
        nothing = sum(1 for r in behind if r.submitted == 0)
        lines.append(f"Đã nộp đủ: {len(rows) - len(behind)}/{len(rows)} xã/phường; "
                     f"chưa có trường nào nộp: {nothing} xã/phường.")
        if behind:
            lines.append("Nộp ít nhất:")
            for r in behind[:WORST]:
                lines.append(f"- {commune_name(r.commune_code)}: {r.submitted}/{r.expected} trường "
                             f"({vn.vn_number(100 * r.share, 1, trim=True)} %)")
            if len(behind) > WORST:
                lines.append(f"… và {len(behind) - WORST} xã/phường khác chưa nộp đủ.")
        lines.append("")
    if dashboard_url:
        lines.append(f"Xem tiến độ của từng xã/phường: {dashboard_url}")
    title = f"Tổng hợp tiến độ nộp báo cáo ngày {vn.vn_date(day)}"
    return Notice(Kind.DAILY_DIGEST, Recipient(province_code, Role.CITY), title, "\n".join(lines).strip(), None,
                  {"day": day.date().isoformat(), "round_ids": [rnd.round_id for rnd, _ in rounds]},
                  dedupe_base=f"digest:{province_code}:{day.date().isoformat()}")
