"""The user's notifications."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from portal import backends
from portal.session import login_required

bp = Blueprint("inbox", __name__)


@bp.get("/inbox")
@login_required()
def index():
    page = backends.notifications().inbox(page=request.args.get("page", 1, type=int),
                                          unread=request.args.get("unread") == "1")
    return render_template("inbox.html", page=page)


@bp.post("/inbox/<notification_id>/read")
@login_required()
def mark_read(notification_id: str):
    backends.notifications().mark_read(notification_id)
    return redirect(url_for("inbox.index"))
