"""Plan pages for daily work (issue 15): a readable diff, the review history and the reviewer's earlier
comments, approval confirmed first, a corrected file into the same plan, drafts deleted, the current plan
marked, levels as a choice, and the commune's targets side by side."""
from __future__ import annotations

import json
import re
import time
from dataclasses import replace
from pathlib import Path

import pytest

from edu71_testing import free_port
from portal import backends, config
from portal.app import create_app
from portal.domain import plan_form

CATALOGUE = json.loads((Path(__file__).resolve().parents[3] / "plans" / "tests" / "fixtures" / "catalogue_31.json")
                       .read_text(encoding="utf-8"))
SCHOOL = {"code": "HP-TH-HIENTHANH", "name": "Trường Tiểu học Hiến Thành"}
RETURN_COMMENTS = [{"anchor_kind": "target", "anchor": "0", "text": "Đề nghị giảm xuống 0,4%."},
                   {"anchor_kind": "section", "anchor": "to_chuc_thuc_hien", "text": "Ghi rõ người phụ trách."}]
TIMELINE = [
    {"kind": "submitted", "version": 1, "at": "2026-01-02T09:00:00+07:00", "actor_name": "Cô Lan",
     "actor_role": "school", "actor_user_id": "u-1", "comments": [], "filename": ""},
    {"kind": "returned", "version": 1, "at": "2026-01-03T10:00:00+07:00", "actor_name": "Anh Minh",
     "actor_role": "commune", "actor_user_id": "u-9", "comments": RETURN_COMMENTS, "filename": ""},
    {"kind": "reimported", "version": 2, "at": "2026-01-04T01:00:00+00:00", "actor_name": "", "actor_role": "",
     "actor_user_id": "", "comments": [], "filename": "ke-hoach-sua.docx"},
    {"kind": "submitted", "version": 2, "at": "2026-01-04T09:00:00+07:00", "actor_name": "Cô Lan",
     "actor_role": "school", "actor_user_id": "u-1", "comments": [], "filename": ""},
]


def plan(**changes):
    base = {"id": "p-1", "status": "submitted", "title": "Kế hoạch 71", "school_name": SCHOOL["name"],
            "school_code": SCHOOL["code"], "owner_kind": "school", "province_code": "31",
            "number_symbol": "12/KH-THHT", "year": 2026, "issued_on": "2026-01-29", "version": 2,
            "sections": {"to_chuc_thuc_hien": "Hiệu trưởng chỉ đạo."}, "review_comments": [],
            "original": {"filename": "ke-hoach-sua.docx", "kind": "docx", "sha256": "ab"},
            "updated_at": "2026-01-04T09:00:00+07:00",
            "targets": [{"text": "Bỏ học dưới 0,4%", "comparator": "<", "value": 0.4, "unit": "%",
                         "horizon": "2030-12-31", "indicator_code": "DROPOUT", "unlinked": False,
                         "source_sentence": "", "indicator_confirmed": True},
                        {"text": "Duy trì phổ cập mức 3", "comparator": ">=", "value": 3, "unit": "mức",
                         "horizon": "2030-12-31", "indicator_code": "PCGD_LEVEL", "unlinked": False,
                         "source_sentence": "", "indicator_confirmed": True}]}
    return {**base, **changes}


class FakePlans:
    def __init__(self, shown):
        self.shown = shown
        self.calls = []
        self.listed = []
        self.warnings = []

    def get(self, plan_id):
        return dict(self.shown), '"7"'

    def versions(self, plan_id):
        return [{"version": n, "plan": {"original": {"filename": f"v{n}.docx"}}} for n in (1, 2)]

    def timeline(self, plan_id):
        return TIMELINE

    def list(self, **query):
        self.calls.append(("list", query))
        return {"items": self.listed, "total": len(self.listed)}

    def diff(self, plan_id, old, new):
        return {"from_version": old, "to_version": new, "differences": [
            {"path": "targets.8.text", "change": "changed", "old": "Bỏ học không quá 0,5%", "new": "Bỏ học dưới 0,4%",
             "label": "Mục tiêu 9 – Nội dung",
             "words": [{"op": "same", "text": "Bỏ học "}, {"op": "del", "text": "không quá 0,5%"},
                       {"op": "ins", "text": "dưới 0,4%"}]},
            {"path": "targets.8.horizon", "change": "changed", "old": "2029-12-31", "new": "2030-12-31",
             "label": "Mục tiêu 9 – Thời hạn", "words": []},
            {"path": "sections.to_chuc_thuc_hien", "change": "added", "old": None, "new": "Hiệu trưởng chỉ đạo.",
             "label": "IV. Tổ chức thực hiện", "words": [{"op": "ins", "text": "Hiệu trưởng chỉ đạo."}]}]}

    def approve(self, plan_id, comment, etag):
        self.calls.append(("approve", plan_id, comment, etag))

    def reimport(self, plan_id, filename, data, content_type, etag):
        self.calls.append(("reimport", plan_id, filename, data, etag))
        return {"plan": self.shown, "warnings": self.warnings}

    def import_document(self, filename, data, content_type):
        self.calls.append(("import", filename, data))
        return {"plan": self.shown, "warnings": self.warnings}

    def delete(self, plan_id, etag):
        self.calls.append(("delete", plan_id, etag))


class FakeIndicators:
    def get_json(self, path, params=None):
        return CATALOGUE


@pytest.fixture
def fake(tmp_path, monkeypatch):
    closed = f"http://127.0.0.1:{free_port()}"
    for name in ("IDENTITY", "PLANS", "INDICATORS", "NOTIFICATIONS", "REPORTS"):
        monkeypatch.setenv(f"PORTAL_{name}_URL", closed)
    monkeypatch.setenv("PORTAL_SECRET_KEY_FILE", str(tmp_path / "secret"))
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    plans = FakePlans(plan())
    monkeypatch.setattr(backends, "plans", lambda: plans)
    monkeypatch.setattr(backends, "indicators", lambda: FakeIndicators())
    app = create_app(replace(config.load(), backend_timeout=2.0))
    app.config["WTF_CSRF_ENABLED"] = False
    return app.test_client(), plans


def sign_in(client, role: str, org_code: str = SCHOOL["code"]) -> None:
    with client.session_transaction() as session:
        session["token"] = "not-checked-here"
        session["expires_at"] = time.time() + 3600
        session["user"] = {"id": "u-1", "name": "Cô Lan", "role": role, "org_code": org_code,
                           "org_name": SCHOOL["name"], "province_code": "31", "commune_code": "10744"}


def csrf(client, path):
    html = client.get(path).data.decode()
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    return found.group(1) if found else ""


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_diff_reads_vietnamese_labels_and_strikes_and_inserts_words(fake):
    client, _ = fake
    sign_in(client, "commune", "10744")
    html = client.get("/plans/p-1/versions/1/diff/2").data.decode()
    assert "Mục tiêu 9 – Nội dung" in html and "IV. Tổ chức thực hiện" in html and "Mục tiêu 9 – Thời hạn" in html
    assert "targets." not in html and "sections." not in html and "to_chuc_thuc_hien" not in html
    assert re.search(r"<del><span class=\"visually-hidden\">\[đã xoá: </span>không quá 0,5%", html)
    assert re.search(r"<ins><span class=\"visually-hidden\">\[đã thêm: </span>dưới 0,4%", html)
    assert "31/12/2029" in html and "2029-12-31" not in html


def test_the_reviewer_of_version_two_sees_the_earlier_comments_the_history_and_the_original(fake):
    client, _ = fake
    sign_in(client, "commune", "10744")
    html = client.get("/plans/p-1").data.decode()
    earlier = html[html.index('id="gop-y-lan-truoc"'):html.index("</div>", html.index('id="gop-y-lan-truoc"'))]
    assert "Đề nghị giảm xuống 0,4%." in earlier and "Mục tiêu 1" in earlier and "IV. Tổ chức thực hiện" in earlier
    history = visible_text(html[html.index('id="lich-su"'):])
    for step in ("Gửi duyệt lần 1", "Trả lại kèm góp ý lần 1", "Nhập lại tệp đã sửa", "Gửi duyệt lần 2"):
        assert step in history
    assert "Anh Minh (UBND xã/phường)" in history and "03/01/2026 10:00" in history
    assert history.index("Gửi duyệt lần 2") < history.index("Gửi duyệt lần 1")   # newest first
    assert 'href="/plans/p-1/original"' in html and "ke-hoach-sua.docx" in html
    assert 'href="/plans/p-1/versions/1/original"' in html
    assert 'href="/plans/p-1/versions/1/diff/2"' in html
    assert "anchor_kind" not in html and "commune" not in visible_text(html)


def test_approving_asks_for_confirmation_first_without_script(fake):
    client, plans = fake
    sign_in(client, "commune", "10744")
    token = csrf(client, "/plans/p-1")
    asked = client.post("/plans/p-1/decision", data={"decision": "approve", "comment": "Đồng ý.", "etag": '"7"',
                                                     "csrf_token": token})
    assert asked.status_code == 200 and not [c for c in plans.calls if c[0] == "approve"]
    page = asked.data.decode()
    assert "Xác nhận phê duyệt" in page and 'name="confirmed" value="1"' in page and "Đồng ý." in page
    done = client.post("/plans/p-1/decision", data={"decision": "approve", "comment": "Đồng ý.", "etag": '"7"',
                                                    "confirmed": "1", "csrf_token": token})
    assert done.status_code == 302
    assert ("approve", "p-1", "Đồng ý.", '"7"') in plans.calls


def test_a_returned_plan_takes_a_corrected_file_into_the_same_plan(fake):
    import io

    client, plans = fake
    plans.shown = plan(status="returned", version=1)
    sign_in(client, "school")
    page = client.get("/plans/p-1/upload").data.decode()
    assert "chính kế hoạch này" in page and "lần gửi duyệt tới là lần 2" in page
    token = csrf(client, "/plans/p-1/upload")
    r = client.post("/plans/p-1/upload", data={"file": (io.BytesIO(b"noi dung"), "sua.txt"), "etag": '"7"',
                                               "csrf_token": token}, content_type="multipart/form-data")
    assert r.status_code == 302 and r.headers["Location"].endswith("/plans/p-1/edit")
    assert ("reimport", "p-1", "sua.txt", b"noi dung", '"7"') in plans.calls
    empty = client.post("/plans/p-1/upload", data={"csrf_token": token}, content_type="multipart/form-data")
    assert empty.status_code == 422 and "file:" not in empty.data.decode()
    assert "Tệp kế hoạch: Chọn tệp kế hoạch đã sửa" in empty.data.decode()


def test_a_draft_is_deleted_after_confirmation_and_the_current_plan_is_marked(fake):
    client, plans = fake
    plans.shown = plan(status="draft", version=0)
    plans.listed = [plan(id="old", status="approved", updated_at="2026-01-01T00:00:00+00:00"),
                    plan(id="new", status="draft", version=0, updated_at="2026-02-01T00:00:00+00:00")]
    sign_in(client, "school")
    listing = client.get("/plans").data.decode()
    row_of_current = listing[listing.index('id="ke-hoach-hien-hanh"'):]
    assert 'href="/plans/old"' in row_of_current.split("</tr>")[0]
    assert 'href="/plans/new/delete"' in listing and 'href="/plans/old/delete"' not in listing
    assert "Xoá bản nháp" in client.get("/plans/p-1").data.decode()
    token = csrf(client, "/plans/p-1/delete")
    r = client.post("/plans/p-1/delete", data={"etag": '"7"', "csrf_token": token})
    assert r.status_code == 302 and ("delete", "p-1", '"7"') in plans.calls


def test_a_level_target_is_a_choice_of_levels_not_a_text_box(fake):
    client, plans = fake
    plans.shown = plan(status="draft", version=0, original=None)
    sign_in(client, "school")
    html = client.get("/plans/p-1/edit").data.decode()
    level = html[html.index('id="target-1-value"'):html.index("</select>", html.index('id="target-1-value"'))]
    assert [m for m in re.findall(r'<option value="(\d)"', level)] == ["1", "2", "3"]
    assert '<option value="3" selected>Mức 3</option>' in level
    assert '<input type="text" id="target-0-value"' in html   # a ratio stays a number to type


def test_the_commune_sees_its_schools_targets_side_by_side(fake):
    client, plans = fake
    other = {"code": "HP-TH-A", "name": "Trường Tiểu học An Dương"}
    plans.listed = [plan(id="a", status="approved"),
                    plan(id="b", school_code=other["code"], school_name=other["name"], status="submitted",
                         targets=[{"text": "Bỏ học dưới 1%", "comparator": "<", "value": 1, "unit": "%",
                                   "horizon": "2029-12-31", "indicator_code": "DROPOUT"}])]
    sign_in(client, "commune", "10744")
    html = client.get("/plans/targets").data.decode()
    def table_of(name):
        start = html.index(f'">{name}</h2>')
        return html[start:html.index("</table>", start)]

    dropout = table_of("Tỷ lệ học sinh bỏ học")
    assert "Trường Tiểu học An Dương" in dropout and "Trường Tiểu học Hiến Thành" in dropout
    assert "dưới (&lt;) 1 %" in dropout and "31/12/2029" in dropout and "dưới (&lt;) 0,4 %" in dropout
    assert "Chưa đặt mục tiêu" in table_of("Mức độ đạt chuẩn phổ cập giáo dục")   # the gap shows
    assert ("list", {"owner_kind": "school", "page": 1, "page_size": 200}) in plans.calls
    sign_in(client, "school")
    assert client.get("/plans/targets").status_code in (302, 403)


# -- the pure parts --------------------------------------------------------------------------------------
def test_current_plan_prefers_approved_then_under_review_then_the_latest_draft():
    approved = {"id": "a", "status": "approved", "updated_at": "2026-01-01T00:00:00+00:00"}
    newer_approved = {"id": "a2", "status": "approved", "updated_at": "2026-03-01T00:00:00+00:00"}
    returned = {"id": "r", "status": "returned", "updated_at": "2026-04-01T00:00:00+00:00"}
    draft = {"id": "d", "status": "draft", "updated_at": "2026-05-01T00:00:00+00:00"}
    assert plan_form.current_plan_id([draft, approved, returned, newer_approved]) == "a2"
    assert plan_form.current_plan_id([draft, returned]) == "r"
    assert plan_form.current_plan_id([draft]) == "d"
    assert plan_form.current_plan_id([]) is None


def test_earlier_comments_are_those_that_returned_the_previous_version():
    assert plan_form.earlier_comments(TIMELINE, 2) == RETURN_COMMENTS
    assert plan_form.earlier_comments(TIMELINE, 1) == []
    assert plan_form.earlier_comments(TIMELINE, 3) == []


def test_level_choices_follow_the_catalogue():
    choices = plan_form.level_choices(CATALOGUE)
    assert choices["PCGD_LEVEL"] == [1, 2, 3] and choices["NATIONAL_STANDARD_LEVEL"] == [0, 1, 2]
    assert "DROPOUT" not in choices and plan_form.level_choices(None) == {}


def test_review_labels_name_every_input_of_the_review_form():
    labels = plan_form.review_labels(["to_chuc_thuc_hien"], 2, {"comments.0.text": "Quá dài."})
    assert labels == {"comment": "Ý kiến chung", "comment-section-to_chuc_thuc_hien": "Góp ý mục IV. Tổ chức thực hiện",
                      "comment-target-0": "Góp ý mục tiêu 1", "comment-target-1": "Góp ý mục tiêu 2",
                      "comments.0.text": "Góp ý"}


def test_long_unchanged_text_is_cut_around_the_change():
    words = [{"op": "same", "text": "a" * 500}, {"op": "ins", "text": "mới"}, {"op": "same", "text": "b" * 500}]
    [row] = plan_form.diff_rows([{"path": "sections.x", "change": "changed", "old": "", "new": "", "label": "X",
                                  "words": words}], {})
    assert [len(w["text"]) for w in row["words"]] == [2 + plan_form.CONTEXT, 3, plan_form.CONTEXT + 2]
    assert row["words"][0]["text"].startswith("… ") and row["words"][2]["text"].endswith(" …")


#: The plans API's import warning when the document names another unit than the uploader's.
OTHER_SCHOOL = ("Văn bản ghi đơn vị ban hành là “TRƯỜNG TIỂU HỌC KIẾN THIẾT”, không phải “Trường Tiểu học Hiến "
                "Thành”. Vui lòng kiểm tra đã tải lên đúng kế hoạch của đơn vị mình.")


@pytest.mark.parametrize("path", ["/plans/upload", "/plans/p-1/upload"])
def test_an_import_warning_is_shown_above_the_draft(fake, path):
    """Found walking as a school: a plan of another school imported without a word said (the API warned)."""
    import io

    client, plans = fake
    plans.shown = plan(status="draft", version=0, original=None)
    plans.warnings = [{"field": "named_unit", "line": 2, "message": OTHER_SCHOOL}]
    sign_in(client, "school")
    r = client.post(path, data={"file": (io.BytesIO(b"noi dung"), "kienthiet.txt"), "etag": '"7"'},
                    content_type="multipart/form-data", follow_redirects=True)
    assert r.status_code == 200 and r.request.path == "/plans/p-1/edit"
    html = r.data.decode()
    assert f'<p class="flash warning">{OTHER_SCHOOL}</p>' in html
    assert "named_unit" not in visible_text(html)


def test_a_level_target_reads_as_the_level_not_a_count_of_levels(fake):
    """Found walking as a commune: "ít nhất (≥) 3 mức" (three levels) for a school aiming at level 3."""
    client, plans = fake
    sign_in(client, "commune", "10744")
    shown = visible_text(client.get("/plans/p-1").data.decode())
    assert "ít nhất (≥) mức 3" in shown and "3 mức" not in shown
    assert "dưới (&lt;) 0,4 %" in client.get("/plans/p-1").data.decode()
    plans.listed = [plan(id="a", status="approved")]
    side = visible_text(client.get("/plans/targets").data.decode())
    assert "ít nhất (≥) mức 3" in side and "3 mức" not in side
    assert plan_form.target_level({"comparator": ">=", "value": 2, "unit": "Mức"}) == "ít nhất (≥) Mức 2"
    assert plan_form.target_level({"comparator": "<=", "value": 35, "unit": "học sinh/lớp"}) == \
        "không quá (≤) 35 học sinh/lớp"
    assert plan_form.target_level({"comparator": None, "value": None, "unit": ""}) == "–"
