"""The round, submission, approval and catalogue use cases against in-memory repositories: no store, no broker, no HTTP.

The in-memory repositories pass the same contract suite as the store's (tests/integration/test_repositories.py).
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from edu71.auth import Principal, Role
from edu71.config import REPO_ROOT
from edu71.contracts import Contracts
from edu71.errors import Conflict, Forbidden, Invalid, NotFound, StaleVersion

NOW = datetime(2026, 11, 2, 3, 0, tzinfo=timezone.utc)
SCHOOL = Principal(user_id="u1", name="Cán bộ", role=Role.SCHOOL, org_unit="THCS1", org_unit_name="Trường THCS 1",
                   commune_code="11311", province_code="31", school_level="thcs")
OTHER_SCHOOL = Principal(user_id="u9", name="Cán bộ", role=Role.SCHOOL, org_unit="THCS9", commune_code="11311",
                         province_code="31", school_level="thcs")
COMMUNE = Principal(user_id="u2", name="UBND", role=Role.COMMUNE, org_unit="11311", commune_code="11311",
                    province_code="31")
CITY = Principal(user_id="u4", name="Sở", role=Role.CITY, org_unit="31", province_code="31")
FIRST = [{"indicator_code": "CLASSES", "value": 20}, {"indicator_code": "MAX_CLASS_SIZE", "value": 40}]


@pytest.fixture
def world():
    from indicators.adapters.catalogues import InMemoryCatalogues
    from indicators.adapters.peers import InMemoryPeerStatistics
    from indicators.adapters.rounds import InMemoryRounds
    from indicators.adapters.schools import InMemorySchools
    from indicators.adapters.submissions import InMemorySubmissions
    from indicators.approvals import ApprovalService
    from indicators.catalogues import CatalogueService
    from indicators.peers import PeerStatisticsService
    from indicators.rounds import RoundService
    from indicators.submissions import SubmissionService

    contracts = Contracts(REPO_ROOT / "contracts")
    clock = lambda: NOW  # noqa: E731
    catalogues = CatalogueService(contracts, clock=clock, store=InMemoryCatalogues())
    rounds = RoundService(contracts, catalogues, clock, store=InMemoryRounds())
    peers = PeerStatisticsService(clock, rounds=rounds.store, store=InMemoryPeerStatistics(),
                                  figures=lambda round_id, level: [])
    submissions = SubmissionService(contracts, rounds, peers, store=InMemorySubmissions())
    approvals = ApprovalService(rounds, submissions, schools=InMemorySchools())
    rnd = rounds.open_round(CITY, {"name": "Sơ kết học kỳ I", "school_year": "2026-2027", "school_levels": ["thcs"],
                                    "indicator_codes": ["CLASSES", "MAX_CLASS_SIZE"],
                                    "opens_at": NOW - timedelta(hours=1), "due_at": NOW + timedelta(days=7),
                                    "closes_at": NOW + timedelta(days=30)})
    return rounds, submissions, approvals, rnd


def test_a_first_submission_then_a_revision_keep_the_trail_in_the_changes(world):
    rounds, submissions, _, rnd = world
    first = submissions.submit(SCHOOL, rnd.id, "THCS1", FIRST, header_key="k-1")
    assert first.created and first.revision == 1 and [r["revision"] for r in first.trail.revisions] == [1]
    second = submissions.submit(SCHOOL, rnd.id, "THCS1", [{"indicator_code": "CLASSES", "value": 21}], header_key="k-2")
    assert not second.created and second.revision == 2
    trail = submissions.trail(second.submission)
    assert [r["revision"] for r in trail.revisions] == [1, 2]
    assert trail.revisions[1]["changes"][0]["old"]["value"] == 20
    events = submissions.store.events[second.submission.id]
    assert [e.name for e in events] == ["IndicatorSubmitted", "IndicatorRevised"]


def test_replayed_keys_answer_their_own_revision_even_after_a_later_one(world):
    rounds, submissions, _, rnd = world
    submissions.submit(SCHOOL, rnd.id, "THCS1", FIRST, header_key="k-1")
    submissions.submit(SCHOOL, rnd.id, "THCS1", [{"indicator_code": "CLASSES", "value": 21}], header_key="k-2")
    old = submissions.submit(SCHOOL, rnd.id, "THCS1", FIRST, header_key="k-1")
    latest = submissions.submit(SCHOOL, rnd.id, "THCS1", [{"indicator_code": "CLASSES", "value": 21}], header_key="k-2")
    assert (old.replayed, old.revision, old.created) == (True, 1, True)
    assert (latest.replayed, latest.revision) == (True, 2)
    with pytest.raises(Invalid) as refused:
        submissions.submit(SCHOOL, rnd.id, "THCS1", [{"indicator_code": "CLASSES", "value": 5}], header_key="k-1")
    assert refused.value.message == "Idempotency-Key này đã được dùng cho một lần gửi có nội dung khác."
    assert refused.value.errors[0].field == "idempotency_key"
    assert len(submissions.store.events[old.submission.id]) == 2


def test_refusals_are_domain_errors_with_the_vietnamese_messages(world):
    rounds, submissions, _, rnd = world
    with pytest.raises(Forbidden) as exc:
        submissions.submit(OTHER_SCHOOL, rnd.id, "THCS1", FIRST)
    assert exc.value.message == "Chỉ tài khoản của chính nhà trường mới được nộp số liệu của trường."
    with pytest.raises(NotFound):
        rounds.get_round(SCHOOL, "no-such-round")
    with pytest.raises(Invalid) as exc:
        submissions.submit(SCHOOL, rnd.id, "THCS1", [{"indicator_code": "CLASSES", "value": -1}])
    assert exc.value.message == "Số liệu gửi lên có lỗi, xem chi tiết từng mục." and exc.value.errors
    assert not submissions.store.changes  # nothing was stored
    with pytest.raises(Conflict):
        rounds.open_round(CITY, {"name": "Sơ kết học kỳ I", "school_year": "2026-2027", "school_levels": ["thcs"],
                                  "indicator_codes": ["CLASSES"], "opens_at": NOW, "due_at": NOW + timedelta(days=1),
                                  "closes_at": NOW + timedelta(days=2)})


def test_approval_actions_number_on_from_the_head_and_a_stale_version_is_refused(world):
    _, submissions, approvals, rnd = world
    sub = submissions.submit(SCHOOL, rnd.id, "THCS1", FIRST).submission
    completed = approvals.complete(SCHOOL, rnd.id, "THCS1", sub.doc_version)
    with pytest.raises(StaleVersion):
        approvals.confirm(COMMUNE, rnd.id, "THCS1", sub.doc_version)
    confirmed = approvals.confirm(COMMUNE, rnd.id, "THCS1", completed.doc_version)
    assert confirmed.stage == "confirmed" and confirmed.last_approval["seq"] == 2
    audit = approvals.audit(CITY, rnd.id, "THCS1")
    assert [e["kind"] for e in audit] == ["revision", "approval", "approval"]
    assert [e.get("action") for e in audit if e["kind"] == "approval"] == ["complete", "confirm"]


def test_catalogue_changes_are_versions_and_refusals_say_why(world):
    rounds, _, _, _ = world
    catalogues = rounds.catalogues
    current = catalogues.current("31")
    spec = {"code": "HP_STEM_CLUBS", "name": "Số câu lạc bộ STEM", "value_type": "count", "unit": "câu lạc bộ",
            "school_levels": ["thcs"], "direction": "higher"}
    with pytest.raises(Forbidden) as exc:
        catalogues.add_indicator(SCHOOL, "31", spec, None)
    assert exc.value.message == "Chỉ Sở GD&ĐT của tỉnh/thành phố này được thay đổi danh mục chỉ tiêu."
    added = catalogues.add_indicator(CITY, "31", spec, current.version)
    assert added.version == current.version + 1 and added.get("HP_STEM_CLUBS") is not None
    with pytest.raises(StaleVersion) as exc:
        catalogues.add_indicator(CITY, "31", {**spec, "code": "HP_OTHER"}, current.version)
    assert exc.value.message == "Danh mục chỉ tiêu vừa được thay đổi. Vui lòng tải lại rồi thao tác lại."
    with pytest.raises(Conflict) as exc:
        catalogues.add_indicator(CITY, "31", spec, added.version)
    assert [e.field for e in exc.value.errors] == ["code"]
    with pytest.raises(NotFound):
        catalogues.change_indicator(CITY, "31", "NO_SUCH", {"name": "Tên mới"}, added.version)
    assert [v["version"] for v in catalogues.versions("31")] == [1, 2]
    assert [e.name for e in catalogues.store.events] == ["CataloguePublished", "CataloguePublished"]
