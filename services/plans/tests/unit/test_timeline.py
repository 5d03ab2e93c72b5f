"""The review history model: submissions, returns, approvals and re-imported files, from stored changes."""
from datetime import datetime

from plans.domain.timeline import APPROVED, REIMPORTED, RETURNED, SUBMITTED, entries

SCHOOL_USER = {"user_id": "u-1", "name": "Nguyễn Văn An", "role": "school", "org_unit": "S1"}
REVIEWER = {"user_id": "u-2", "name": "Trần Thị Bình", "role": "commune", "org_unit": "10744"}
COMMENTS = [{"anchor_kind": "target", "anchor": "0", "text": "Đề nghị giảm xuống 0,4%."}]


def change(at, version, events=(), file_id=None, filename=""):
    state = {"version": version, "original": {"file_id": file_id, "filename": filename} if file_id else None}
    return {"at": at, "state": state, "events": list(events)}


def history():
    return [
        change(datetime(2026, 1, 2, 1), 0, file_id="f1", filename="ke-hoach.docx"),
        change(datetime(2026, 1, 2, 2), 1, [("PlanSubmitted", {"version": 1, "submitted_at": "2026-01-02T09:00:00+07:00",
                                                               "submitted_by": SCHOOL_USER})], file_id="f1"),
        change(datetime(2026, 1, 3, 2), 1, [("PlanReturned", {"version": 1, "returned_at": "2026-01-03T09:00:00+07:00",
                                                              "reviewer": REVIEWER, "comments": COMMENTS})],
               file_id="f1"),
        change(datetime(2026, 1, 4, 2), 1, [], file_id="f2", filename="ke-hoach-da-sua.docx"),
        change(datetime(2026, 1, 4, 3), 2, [("PlanSubmitted", {"version": 2, "submitted_at": "2026-01-04T10:00:00+07:00",
                                                               "submitted_by": SCHOOL_USER})], file_id="f2"),
        change(datetime(2026, 1, 5, 3), 2, [("PlanApproved", {"version": 2, "approved_at": "2026-01-05T10:00:00+07:00",
                                                              "reviewer": REVIEWER, "comment": " Đồng ý. "}),
                                            ("SomethingElse", {})], file_id="f2"),
    ]


def test_every_step_is_listed_in_order_with_who_when_and_the_comments():
    timeline = entries(history())
    assert [(e.kind, e.version) for e in timeline] == [(SUBMITTED, 1), (RETURNED, 1), (REIMPORTED, 2),
                                                        (SUBMITTED, 2), (APPROVED, 2)]
    submitted, returned, reimported, _, approved = timeline
    assert (submitted.actor_name, submitted.actor_role, submitted.at) == ("Nguyễn Văn An", "school",
                                                                          "2026-01-02T09:00:00+07:00")
    assert returned.comments == COMMENTS and returned.actor_user_id == "u-2"
    assert reimported.filename == "ke-hoach-da-sua.docx" and reimported.at == "2026-01-04T02:00:00+00:00"
    assert approved.comments == [{"anchor_kind": "plan", "anchor": "", "text": "Đồng ý."}]


def test_the_first_file_is_not_a_reimport_and_an_approval_without_comment_has_none():
    [only] = entries([change(datetime(2026, 1, 1), 0, file_id="f1"),
                      change(datetime(2026, 1, 2), 1, [("PlanApproved", {"version": 1, "approved_at": "x",
                                                                          "reviewer": REVIEWER})], file_id="f1")])
    assert only.kind == APPROVED and only.comments == []
