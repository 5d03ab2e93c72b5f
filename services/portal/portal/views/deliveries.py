"""The delivery log: which e-mails and webhook calls were made, wait or failed (a city's province; an administrator's
nation, or one province picked by name). Read from the notifications service's ``GET /deliveries``."""
from __future__ import annotations

from flask import Blueprint, g, render_template, request, url_for

from portal import backends
from portal.domain.paging import Pager
from portal.domain.units import chosen_province, provinces
from portal.session import login_required

bp = Blueprint("deliveries", __name__)

PAGE_SIZE = 50
STATUSES = {"pending": "Đang chờ gửi", "delivered": "Đã gửi", "failed": "Không gửi được"}
CHANNELS = {"email": "Thư điện tử", "webhook": "Tin đến hệ thống khác"}


@bp.get("/deliveries")
@login_required("admin", "city")
def index():
    args = request.args
    query = {"status": args.get("status") if args.get("status") in STATUSES else "",
             "channel": args.get("channel") if args.get("channel") in CHANNELS else "", "province": ""}
    errors: dict[str, str] = {}
    if g.user["role"] == "admin":
        query["province"], error = chosen_province(args.get("province"))
        if error:
            errors["province"] = error
    number = max(1, args.get("page", 1, type=int) or 1)
    answer = {"total": 0, "items": []}
    if not errors:
        answer = backends.notifications().deliveries(status=query["status"], channel=query["channel"],
                                                     province_code=query["province"], page=number,
                                                     page_size=PAGE_SIZE)
    pager = Pager(answer["total"], number, PAGE_SIZE, noun="lần gửi")

    def page_url(n: int) -> str:
        return url_for("deliveries.index", **{k: v for k, v in query.items() if v}, page=n)

    return render_template("deliveries.html", page=answer, pager=pager, page_url=page_url, query=query,
                           errors=errors, statuses=STATUSES, channels=CHANNELS, provinces=provinces(),
                           province_name=dict(provinces()).get(query["province"])), 422 if errors else 200
