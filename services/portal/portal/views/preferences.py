"""The user's own notification preferences (the page e-mails link to): e-mail per kind, or a kind muted."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from portal import backends
from portal.session import login_required

bp = Blueprint("preferences", __name__)


@bp.get("/preferences")
@login_required()
def index():
    return render_template("preferences.html", prefs=backends.notifications().preferences())


@bp.post("/preferences")
@login_required()
def save():
    client = backends.notifications()
    kinds = client.preferences()["kinds"]
    # A box left unticked is simply absent from the form, so every kind is stated explicitly.
    body = {"channels": {kind: {"email": request.form.get(f"email-{kind}") == "1"} for kind in kinds},
            "muted": [kind for kind in kinds if request.form.get(f"muted-{kind}") == "1"]}
    client.change_preferences(body)
    flash("Đã lưu cài đặt nhận thông báo.", "success")
    return redirect(url_for("preferences.index"))
