"""How the authorization matrix asks each operation: the request one caller sends, about school_own's objects.

A recipe returns the keyword arguments of ``World.call`` (path, query, body, headers). With ``fresh``
(the cell expects a 2xx, so the request changes what it is about) it makes a new object of school_own
first, so every cell finds its object in the same state whatever the order. Bodies are valid: the
matrix is about who may, not about what is valid (that is the fuzzing's part).
"""
from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone

from edu71_testing import wait_until

from .conftest import PASSWORD, World, _plan_text, _vn, submission_values


def _later(days: int) -> str:
    return _vn(datetime.now(timezone.utc) + timedelta(days=days))


def _round(w: World, fresh: bool, codes: list[str] | None = None) -> str:
    if not fresh:
        return w.ids["round"]
    now = datetime.now(timezone.utc)
    return w.ok("indicators", "POST", "/rounds", "city_own", 201, json={
        "name": f"Đợt kiểm thử {w.unique()}", "school_year": "2026-2027", "school_levels": ["tieu_hoc", "thcs"],
        "indicator_codes": codes or ["TEACHERS_QUALIFIED", "DROPOUT"], "opens_at": _vn(now - timedelta(hours=1)),
        "due_at": _vn(now + timedelta(days=7)), "closes_at": _vn(now + timedelta(days=30))}).json["id"]


# -- school_own's report (báo cáo) of a round, in a given approval stage ------------------------------------------
#: How each stage is reached from the one before: (caller, action, body) on the report.
_STEPS = {
    "submitted": ("school_own", "complete", None),
    "confirmed": ("commune_own", "confirm", None),
    "accepted": ("city_own", "accept", None),
}
_PATH_TO = {"draft": [], "submitted": ["submitted"], "confirmed": ["submitted", "confirmed"],
            "accepted": ["submitted", "confirmed", "accepted"]}


def _report_path(w: World, round_id: str) -> str:
    return f"/rounds/{round_id}/submissions/{w.ids['school']}"


def _report(w: World, stage: str, fresh: bool) -> str:
    """A round in which school_own's report is in ``stage`` (``flagged``: draft with an open flag): a new one
    when ``fresh``, else one made once for the refused cells, which leave it as it was."""
    key = f"report_{stage}"
    if not fresh and key in w.ids:
        return w.ids[key]
    round_id = _round(w, True, codes=[v["indicator_code"] for v in submission_values()])
    path = _report_path(w, round_id)
    w.ok("indicators", "PUT", path, "school_own", 201, json={"values": submission_values()})
    for step in _PATH_TO["draft" if stage == "flagged" else stage]:
        caller, action, body = _STEPS[step]
        w.ok("indicators", "POST", f"{path}/{action}", caller, json=body, headers=_etag(w, "indicators", path))
    if stage == "flagged":
        flagged = w.ok("indicators", "POST", f"{path}/flags", "commune_own", 201,
                       json={"indicator_code": "SMART_CLASSROOMS", "note": "Đề nghị kiểm tra lại số phòng."})
        w.ids[f"flag_{round_id}"] = flagged.json["flags"][-1]["id"]
    if not fresh:
        w.ids[key] = round_id
    return round_id


def _on_report(w: World, stage: str, fresh: bool, action: str, **kwargs) -> dict:
    """A request on school_own's report in ``stage``, at the version just read (If-Match)."""
    path = _report_path(w, _report(w, stage, fresh))
    return dict(path=f"{path}/{action}", headers=_etag(w, "indicators", path), **kwargs)


def _on_flag(w: World, fresh: bool, action: str, **kwargs) -> dict:
    round_id = _report(w, "flagged", fresh)
    return dict(path=f"{_report_path(w, round_id)}/flags/{w.ids[f'flag_{round_id}']}/{action}", **kwargs)


def _bulk(w: World, fresh: bool) -> dict:
    """commune_own's bulk confirmation of school_own's completed report, at the version it read."""
    round_id = _report(w, "submitted", fresh)
    version = int(w.etag("indicators", _report_path(w, round_id)).strip('"v'))
    return dict(path=f"/rounds/{round_id}/communes/10744/confirm",
                json={"reports": [{"school_code": w.ids["school"], "version": version}]})


def _csv() -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows([["Mã chỉ tiêu", "Số liệu", "Mẫu số"], ["TEACHERS_QUALIFIED", "45", "47"],
                                ["DROPOUT", "1", "600"]])
    return text.getvalue().encode()


def _draft(w: World, fresh: bool) -> str:
    return w.draft_plan()["id"] if fresh else w.ids["draft_plan"]


def _submitted(w: World, fresh: bool) -> str:
    # Not fresh: the versioned plan, submitted (state "submitted"), which no refused cell may change.
    return w.submitted_plan()["id"] if fresh else w.ids["versioned_plan"]


def _webhook(w: World, fresh: bool) -> str:
    if not fresh:
        return w.ids["webhook"]
    return w.ok("notifications", "POST", "/webhooks", "commune_own", 201,
                json={"url": "http://127.0.0.1:9/edu71-hook"}).json["id"]


WRITTEN = {"shortcomings": "Còn chậm.", "tasks": "Đôn đốc.", "proposals": "Hỗ trợ."}


def _official(w: World, round_id: str) -> str:
    """commune_own's report of ``round_id``, with its draft written (once the reports service knows the round)."""
    path = f"/official-reports/{round_id}/commune/10744"
    wait_until(lambda: w.call("reports", "GET", path, "commune_own").status_code == 200,
               "the reports service to know the round", 90)
    w.ok("reports", "PUT", path, "commune_own", json={"written": WRITTEN, "signer_name": "Lê Thị Hoa"})
    return path


def _issued(w: World) -> str:
    """commune_own's issued report (issued once, in a round of its own)."""
    if "official_issued" not in w.ids:
        path = _official(w, _round(w, True))
        w.ok("reports", "POST", f"{path}/issue", "commune_own", 201)
        w.ids["official_issued"] = path
    return w.ids["official_issued"]


def _admin_scope(caller: str) -> str:
    return "?scope=province&code=31" if caller == "admin" else ""


def _etag(w: World, service: str, path: str) -> dict:
    return {"If-Match": w.etag(service, path)}


# (service, "METHOD /path") → recipe(world, fresh, caller) → kwargs of World.call: path and body.
RECIPES = {
    # -- identity ----------------------------------------------------------------------------------
    ("identity", "POST /sessions"): lambda w, fresh, caller: dict(
        path="/sessions", json={"email": w.users["school_own"]["email"], "password": PASSWORD}),
    # Signing out ends the session of the token sent: each caller signs out a session of its own made for it.
    ("identity", "DELETE /sessions/current"): lambda w, fresh, caller: dict(
        path="/sessions/current", headers=w.disposable(caller)),
    # Ends every session of another account of school_own's school (never a caller's own: it would end theirs).
    ("identity", "POST /users/{user_id}/sessions/revoke"): lambda w, fresh, caller: dict(
        path=f"/users/{w.colleague() if fresh else w.ids['colleague']}/sessions/revoke"),
    ("identity", "GET /users/me"): lambda w, fresh, caller: dict(path="/users/me"),
    ("identity", "GET /users"): lambda w, fresh, caller: dict(path="/users"),
    ("identity", "POST /users"): lambda w, fresh, caller: dict(path="/users", json={
        "name": "Nguyễn Thị Hoa", "email": f"{w.unique('u')}@sec.edu71.vn", "role": "school",
        "org_unit": w.ids["school"], "password": PASSWORD}),
    ("identity", "GET /users/{user_id}"): lambda w, fresh, caller: dict(path=f"/users/{w.ids['user']}"),
    ("identity", "PATCH /users/{user_id}"): lambda w, fresh, caller: dict(
        path=f"/users/{w.ids['user']}", json={"name": w.users["school_own"]["name"]},
        headers=_etag(w, "identity", f"/users/{w.ids['user']}")),
    ("identity", "GET /schools"): lambda w, fresh, caller: dict(path="/schools"),
    ("identity", "POST /schools"): lambda w, fresh, caller: dict(path="/schools", json={
        "code": w.unique("SEC-").upper(), "name": "Trường Mầm non Kiểm Thử", "commune_code": "10744",
        "level": "mam_non"}),
    ("identity", "GET /schools/{code}"): lambda w, fresh, caller: dict(path=f"/schools/{w.ids['school']}"),
    ("identity", "PATCH /schools/{code}"): lambda w, fresh, caller: dict(
        path=f"/schools/{w.ids['school']}", json={"name": w.schools["own"].name},
        headers=_etag(w, "identity", f"/schools/{w.ids['school']}")),
    ("identity", "GET /org-units"): lambda w, fresh, caller: dict(path="/org-units?province_code=31"),
    ("identity", "GET /.well-known/jwks.json"): lambda w, fresh, caller: dict(path="/.well-known/jwks.json"),
    # -- plans -------------------------------------------------------------------------------------
    ("plans", "GET /plans"): lambda w, fresh, caller: dict(path="/plans"),
    ("plans", "POST /plans"): lambda w, fresh, caller: dict(path="/plans", json={"title": "Kế hoạch 71", "year": 2026}),
    ("plans", "POST /plans/import"): lambda w, fresh, caller: dict(
        path="/plans/import", data={"file": (io.BytesIO(_plan_text()), "ke-hoach.txt")},
        content_type="multipart/form-data"),
    ("plans", "GET /plans/{plan_id}/original"): lambda w, fresh, caller: dict(path=f"/plans/{w.ids['imported_plan']}/original"),
    ("plans", "GET /plans/{plan_id}/versions"): lambda w, fresh, caller: dict(path=f"/plans/{w.ids['versioned_plan']}/versions"),
    ("plans", "GET /plans/{plan_id}/versions/{number}"): lambda w, fresh, caller: dict(
        path=f"/plans/{w.ids['versioned_plan']}/versions/1"),
    ("plans", "GET /plans/{plan_id}/versions/{old}/diff/{new}"): lambda w, fresh, caller: dict(
        path=f"/plans/{w.ids['versioned_plan']}/versions/1/diff/2"),
    ("plans", "GET /plans/{plan_id}"): lambda w, fresh, caller: dict(path=f"/plans/{w.ids['draft_plan']}"),
    ("plans", "GET /plans/{plan_id}/versions/{number}/original"): lambda w, fresh, caller: dict(
        path=f"/plans/{w.ids['imported_submitted_plan']}/versions/1/original"),
    ("plans", "GET /plans/{plan_id}/timeline"): lambda w, fresh, caller: dict(path=f"/plans/{w.ids['versioned_plan']}/timeline"),
    ("plans", "POST /plans/{plan_id}/import"): lambda w, fresh, caller: (lambda pid: dict(
        path=f"/plans/{pid}/import", data={"file": (io.BytesIO(_plan_text()), "ke-hoach-sua.txt")},
        content_type="multipart/form-data", headers=_etag(w, "plans", f"/plans/{pid}")))(_draft(w, fresh)),
    ("plans", "PATCH /plans/{plan_id}"): lambda w, fresh, caller: (lambda pid: dict(
        path=f"/plans/{pid}", json={"title": "Kế hoạch (đã sửa)"}, headers=_etag(w, "plans", f"/plans/{pid}")))(
        _draft(w, fresh)),
    ("plans", "DELETE /plans/{plan_id}"): lambda w, fresh, caller: (lambda pid: dict(
        path=f"/plans/{pid}", headers=_etag(w, "plans", f"/plans/{pid}")))(_draft(w, fresh)),
    ("plans", "POST /plans/{plan_id}/submit"): lambda w, fresh, caller: dict(path=f"/plans/{_draft(w, fresh)}/submit"),
    ("plans", "POST /plans/{plan_id}/approve"): lambda w, fresh, caller: dict(
        path=f"/plans/{_submitted(w, fresh)}/approve", json={"comment": "Đồng ý"}),
    ("plans", "POST /plans/{plan_id}/return"): lambda w, fresh, caller: dict(
        path=f"/plans/{_submitted(w, fresh)}/return",
        json={"comments": [{"anchor_kind": "plan", "anchor": "", "text": "Bổ sung."}]}),
    # -- indicators --------------------------------------------------------------------------------
    ("indicators", "GET /catalogue"): lambda w, fresh, caller: dict(path="/catalogue?province_code=31"),
    ("indicators", "GET /catalogue/versions"): lambda w, fresh, caller: dict(path="/catalogue/versions?province_code=31"),
    ("indicators", "POST /catalogue/indicators"): lambda w, fresh, caller: dict(
        path="/catalogue/indicators?province_code=31", json={
            "code": w.unique("HP_SEC_").upper(), "name": "Chỉ tiêu kiểm thử", "value_type": "count", "unit": "lần",
            "school_levels": ["thcs"], "direction": "higher"}),
    ("indicators", "PATCH /catalogue/indicators/{code}"): lambda w, fresh, caller: dict(
        path=f"/catalogue/indicators/{w.ids['indicator']}?province_code=31", json={"name": "Tỷ lệ học sinh biết bơi"},
        headers=_etag(w, "indicators", "/catalogue?province_code=31")),
    ("indicators", "GET /rounds"): lambda w, fresh, caller: dict(path="/rounds"),
    ("indicators", "POST /rounds"): lambda w, fresh, caller: dict(path="/rounds", json={
        "name": f"Đợt {w.unique()}", "province_code": "31", "school_year": "2026-2027", "school_levels": ["thcs"],
        "indicator_codes": ["DROPOUT"], "opens_at": _later(1), "due_at": _later(8), "closes_at": _later(30)}),
    ("indicators", "GET /rounds/{round_id}"): lambda w, fresh, caller: dict(path=f"/rounds/{w.ids['round']}"),
    ("indicators", "POST /rounds/{round_id}/schedule"): lambda w, fresh, caller: dict(
        path=f"/rounds/{_round(w, fresh)}/schedule", json={"due_at": _later(10), "closes_at": _later(40)}),
    ("indicators", "GET /rounds/{round_id}/template"): lambda w, fresh, caller: dict(
        path=f"/rounds/{w.ids['round']}/template?school={w.ids['school']}"),
    ("indicators", "GET /rounds/{round_id}/submissions/{school_code}"): lambda w, fresh, caller: dict(
        path=f"/rounds/{w.ids['round']}/submissions/{w.ids['school']}"),
    ("indicators", "PUT /rounds/{round_id}/submissions/{school_code}"): lambda w, fresh, caller: dict(
        path=f"/rounds/{w.ids['round']}/submissions/{w.ids['school']}", json={"values": submission_values()}),
    ("indicators", "POST /rounds/{round_id}/submissions/upload"): lambda w, fresh, caller: dict(
        path=f"/rounds/{w.ids['round']}/submissions/upload", data={"file": (io.BytesIO(_csv()), "so-lieu.csv")},
        content_type="multipart/form-data"),
    ("indicators", "GET /schools/{school_code}/history"): lambda w, fresh, caller: dict(
        path=f"/schools/{w.ids['school']}/history?format=csv"),
    ("indicators", "GET /schools/{school_code}/history.{fmt}"): lambda w, fresh, caller: dict(
        path=f"/schools/{w.ids['school']}/history.xlsx"),
    # Approval of school_own's report: each cell on a report in the stage the action needs (fresh for a 2xx).
    ("indicators", "GET /rounds/{round_id}/submissions/{school_code}/audit"): lambda w, fresh, caller: dict(
        path=f"{_report_path(w, _report(w, 'confirmed', False))}/audit"),
    ("indicators", "GET /rounds/{round_id}/submissions/{school_code}/previous"): lambda w, fresh, caller: dict(
        path=f"{_report_path(w, _report(w, 'draft', False))}/previous"),
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/complete"): lambda w, fresh, caller: (
        _on_report(w, "draft", fresh, "complete")),
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/confirm"): lambda w, fresh, caller: (
        _on_report(w, "submitted", fresh, "confirm")),
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/return"): lambda w, fresh, caller: (
        _on_report(w, "submitted", fresh, "return", json={
            "comment": "Đề nghị rà soát.", "value_comments": {"SMART_CLASSROOMS": "Số phòng chưa khớp."}})),
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/accept"): lambda w, fresh, caller: (
        _on_report(w, "confirmed", fresh, "accept")),
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/reopen"): lambda w, fresh, caller: (
        _on_report(w, "confirmed", fresh, "reopen", json={"reason": "Trường báo nhầm số học sinh bỏ học."})),
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/flags"): lambda w, fresh, caller: dict(
        path=f"{_report_path(w, _report(w, 'draft', fresh))}/flags",
        json={"indicator_code": "SMART_CLASSROOMS", "note": "Đề nghị kiểm tra lại số phòng."}),
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/flags/{flag_id}/answer"):
        lambda w, fresh, caller: _on_flag(w, fresh, "answer", json={"text": "Đã kiểm tra: đúng 3 phòng."}),
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/flags/{flag_id}/close"):
        lambda w, fresh, caller: _on_flag(w, fresh, "close", json={"note": "Đã rõ."}),
    ("indicators", "GET /rounds/{round_id}/communes/{commune_code}/reports"): lambda w, fresh, caller: dict(
        path=f"/rounds/{_report(w, 'submitted', False)}/communes/10744/reports"),
    ("indicators", "POST /rounds/{round_id}/communes/{commune_code}/confirm"): lambda w, fresh, caller: (
        _bulk(w, fresh)),
    # -- notifications -----------------------------------------------------------------------------
    ("notifications", "GET /inbox"): lambda w, fresh, caller: dict(path="/inbox"),
    ("notifications", "GET /inbox/unread-count"): lambda w, fresh, caller: dict(path="/inbox/unread-count"),
    ("notifications", "POST /inbox/{notification_id}/read"): lambda w, fresh, caller: dict(
        path=f"/inbox/{w.ids['notification']}/read"),
    ("notifications", "GET /preferences"): lambda w, fresh, caller: dict(path="/preferences"),
    ("notifications", "PUT /preferences"): lambda w, fresh, caller: dict(path="/preferences", json={"muted": []}),
    ("notifications", "GET /webhooks"): lambda w, fresh, caller: dict(path="/webhooks"),
    # Everyone else's webhook is for their own unit; an administrator names the unit and role it is for.
    ("notifications", "POST /webhooks"): lambda w, fresh, caller: dict(
        path="/webhooks", json={"url": "http://127.0.0.1:9/edu71-hook",
                                **({"org_unit": "10744", "role": "commune"} if caller == "admin" else {})}),
    ("notifications", "DELETE /webhooks/{webhook_id}"): lambda w, fresh, caller: dict(
        path=f"/webhooks/{_webhook(w, fresh)}"),
    ("notifications", "GET /deliveries"): lambda w, fresh, caller: dict(path="/deliveries"),
    ("notifications", "POST /rounds/{round_id}/reminders"): lambda w, fresh, caller: dict(
        path=f"/rounds/{w.ids['round']}/reminders"),
    # -- reports -----------------------------------------------------------------------------------
    ("reports", "GET /rollups/{round_id}"): lambda w, fresh, caller: dict(path=f"/rollups/{w.ids['round']}"),
    ("reports", "GET /rollups/{round_id}/schools"): lambda w, fresh, caller: dict(path=f"/rollups/{w.ids['round']}/schools"),
    ("reports", "GET /rounds/{round_id}/completeness"): lambda w, fresh, caller: dict(
        path=f"/rounds/{w.ids['round']}/completeness"),
    ("reports", "GET /rounds/{round_id}/targets"): lambda w, fresh, caller: dict(path=f"/rounds/{w.ids['round']}/targets"),
    ("reports", "GET /rounds/{round_id}/progress"): lambda w, fresh, caller: dict(
        path=f"/rounds/{w.ids['round']}/progress"),
    ("reports", "GET /rounds/{round_id}/cascade"): lambda w, fresh, caller: dict(path=f"/rounds/{w.ids['round']}/cascade"),
    ("reports", "GET /rounds/{round_id}/dashboard"): lambda w, fresh, caller: dict(
        path=f"/rounds/{w.ids['round']}/dashboard"),
    ("reports", "GET /rounds/{round_id}/progress.xlsx"): lambda w, fresh, caller: dict(
        path=f"/rounds/{w.ids['round']}/progress.xlsx"),
    ("reports", "GET /rounds/{round_id}/progress.csv"): lambda w, fresh, caller: dict(
        path=f"/rounds/{w.ids['round']}/progress.csv"),
    ("reports", "GET /rounds/{round_id}/schools/{school_code}/progress"): lambda w, fresh, caller: dict(
        path=f"/rounds/{w.ids['round']}/schools/{w.ids['school']}/progress"),
    ("reports", "GET /rounds/{round_id}/ranking"): lambda w, fresh, caller: dict(
        path=f"/rounds/{w.ids['round']}/ranking?indicator=TEACHERS_QUALIFIED"),
    # Without a scope each caller gets its own unit's; an administrator (the whole nation) names one.
    ("reports", "GET /plans/status"): lambda w, fresh, caller: dict(path="/plans/status" + _admin_scope(caller)),
    ("reports", "GET /indicators/{indicator}/series"): lambda w, fresh, caller: dict(
        path="/indicators/TEACHERS_QUALIFIED/series" + _admin_scope(caller)),
    ("reports", "GET /rounds/{round_id}/export.xlsx"): lambda w, fresh, caller: dict(
        path=f"/rounds/{w.ids['round']}/export.xlsx"),
    ("reports", "GET /rounds/{round_id}/export.csv"): lambda w, fresh, caller: dict(path=f"/rounds/{w.ids['round']}/export.csv"),
    ("reports", "GET /official-reports"): lambda w, fresh, caller: dict(path="/official-reports?received=true"),
    ("reports", "GET /official-reports/{round_id}/{kind}/{code}"): lambda w, fresh, caller: dict(
        path=_official(w, w.ids["round"])),
    ("reports", "PUT /official-reports/{round_id}/{kind}/{code}"): lambda w, fresh, caller: dict(
        path=f"/official-reports/{w.ids['round']}/commune/10744", json={"written": WRITTEN}),
    ("reports", "GET /official-reports/{round_id}/{kind}/{code}/draft.docx"): lambda w, fresh, caller: dict(
        path=f"/official-reports/{w.ids['round']}/commune/10744/draft.docx"),
    # A 201 issues a report of a new round; a refusal is asked about the seeded round's (never issued).
    ("reports", "POST /official-reports/{round_id}/{kind}/{code}/issue"): lambda w, fresh, caller: dict(
        path=(_official(w, _round(w, True)) if fresh else f"/official-reports/{w.ids['round']}/commune/10744")
        + "/issue"),
    ("reports", "GET /official-reports/{round_id}/{kind}/{code}/regenerated"): lambda w, fresh, caller: dict(
        path=f"{_issued(w)}/regenerated"),
    ("reports", "GET /official-reports/{round_id}/{kind}/{code}/issued.docx"): lambda w, fresh, caller: dict(
        path=f"{_issued(w)}/issued.docx"),
    ("reports", "GET /official-reports/{round_id}/{kind}/{code}/issued.pdf"): lambda w, fresh, caller: dict(
        path=f"{_issued(w)}/issued.pdf"),
}
