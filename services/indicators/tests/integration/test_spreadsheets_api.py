"""The spreadsheet form over the real store: template, upload (XLSX and CSV), refusals, history export."""
from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from edu71_testing import bearer

pytestmark = pytest.mark.integration


def template(client, tokens, school, rnd):
    r = client.get(f"/rounds/{rnd['id']}/template", headers=bearer(tokens.school(school)))
    assert r.status_code == 200, r.data[:300]
    return load_workbook(io.BytesIO(r.data))


def fill(book, figures: dict[str, tuple]) -> bytes:
    """Put figures (value, denominator) into the rows of the given codes, as a person would."""
    ws = book["Chỉ tiêu"]
    for row in ws.iter_rows(min_row=1):
        code = row[0].value
        if code in figures:
            row[4].value, row[5].value = figures[code]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, tokens, school, rnd, data: bytes, name="bieu-mau.xlsx", **headers):
    return client.post(f"/rounds/{rnd['id']}/submissions/upload", data={"file": (io.BytesIO(data), name)},
                       headers={**bearer(tokens.school(school)), **headers}, content_type="multipart/form-data")


def stored(rnd, school):
    from edu71.bus.outbox import load
    from indicators.adapters.documents import Submission
    from indicators.domain.submissions import submission_id

    return load(Submission, submission_id(rnd["id"], school.code))


def test_the_template_lists_the_schools_indicators_with_locked_headers(client, tokens, schools, open_round):
    school = schools["primary"]
    rnd = open_round()
    book = template(client, tokens, school, rnd)
    ws = book["Chỉ tiêu"]
    assert ws.protection.sheet
    assert book["_edu71"].sheet_state == "hidden"
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Mã chỉ tiêu")
    assert header[4:6] == ("Số liệu", "Mẫu số")
    codes = [r[0] for r in ws.iter_rows(values_only=True) if r[0] and r[0].isupper()]
    # The round asks THCS-only and primary indicators; a primary school gets only its own.
    assert "DROPOUT" in codes and "PROGRESSION_THPT_VOC" not in codes
    data_row = next(r for r in ws.iter_rows() if r[0].value == "DROPOUT")
    assert data_row[0].protection.locked and not data_row[4].protection.locked
    assert data_row[6].value == "Số học sinh bỏ học"
    assert ws.data_validations.dataValidation  # whole numbers, levels, Có/Không


def test_a_filled_in_template_is_submitted_like_json(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()
    data = fill(template(client, tokens, school, rnd),
                {"TEACHERS_QUALIFIED": (45, 47), "CLASSES": ("38", None), "PCGD_LEVEL": (3, None)})
    r = upload(client, tokens, school, rnd, data, **{"Idempotency-Key": "xlsx-1"})
    assert r.status_code == 201, r.json
    assert {v["indicator_code"]: v for v in r.json["values"]}["TEACHERS_QUALIFIED"]["numerator"] == 45
    again = upload(client, tokens, school, rnd, data, **{"Idempotency-Key": "xlsx-1"})
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert stored(rnd, school).revision == 1

    # The next template shows what was submitted.
    ws = template(client, tokens, school, rnd)["Chỉ tiêu"]
    assert next(r for r in ws.iter_rows(values_only=True) if r[0] == "TEACHERS_QUALIFIED")[4:6] == (45, 47)


@pytest.mark.parametrize("encoding, delimiter", [("utf-8-sig", ";"), ("utf-8", ",")])
def test_csv_with_or_without_bom_and_decimal_commas(client, tokens, schools, open_round, encoding, delimiter):
    school = schools["thcs"]
    rnd = open_round()
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerows([["Mã chỉ tiêu", "Số liệu", "Mẫu số"], ["TEACHERS_QUALIFIED", "45", "47"],
                      ["DROPOUT", "2", "1.200"], ["CLASSES", "38,0", ""]])
    r = upload(client, tokens, school, rnd, text.getvalue().encode(encoding), "so-lieu.csv")
    assert r.status_code == 201, r.json
    values = {v["indicator_code"]: v for v in r.json["values"]}
    assert values["DROPOUT"]["denominator"] == 1200 and values["CLASSES"]["value"] == 38


def test_every_bad_cell_is_named_and_nothing_is_stored(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()
    data = fill(template(client, tokens, school, rnd),
                {"TEACHERS_QUALIFIED": (50, 47), "CLASSES": ("nhiều", None), "MAX_CLASS_SIZE": (-3, None),
                 "PCGD_LEVEL": (7, None), "SMART_CLASSROOMS": (10**12, None)})
    r = upload(client, tokens, school, rnd, data)
    assert r.status_code == 422
    by_field = {e["field"]: e for e in r.json["errors"]}
    assert set(by_field) == {"values.TEACHERS_QUALIFIED.numerator", "values.CLASSES.value",
                             "values.MAX_CLASS_SIZE.value", "values.PCGD_LEVEL.level", "values.SMART_CLASSROOMS.value"}
    assert all(e["sheet"] == "Chỉ tiêu" and e["cell"].startswith("E") for e in r.json["errors"])
    assert stored(rnd, school) is None


def _book_bytes(build) -> bytes:
    book = Workbook()
    build(book.active)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_formulas_are_refused(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()

    def with_formula(ws):
        ws.append(["Mã chỉ tiêu", "Số liệu", "Mẫu số"])
        ws.append(["CLASSES", "=10+28", None])
        ws.append(["SMART_CLASSROOMS", 1, None])

    r = upload(client, tokens, school, rnd, _book_bytes(with_formula))
    assert r.status_code == 422
    assert [(e["sheet"], e["cell"]) for e in r.json["errors"]] == [("Sheet", "B2")]
    assert "công thức" in r.json["errors"][0]["message"]
    assert stored(rnd, school) is None


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize("data, status", [
    (b"%PDF-1.7 not a spreadsheet \x00\x01", 415),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, 415),
    (b"PK\x03\x04 truncated zip", 422),
    (_zip({"word/document.xml": b"<w/>"}), 415),
    (_zip({"xl/workbook.xml": b"<broken", "[Content_Types].xml": b"<x/>"}), 422),
    # a zip bomb: 5 MB of zeros compress to ~5 kB (ratio ~1000)
    (_zip({"xl/workbook.xml": b"<w/>", "xl/worksheets/sheet1.xml": b"\x00" * 5_000_000}), 422),
    (b"\xff\xfe\x00M\x00a", 415),
    (b"", 422),
    ("Mã chỉ tiêu;Số liệu\nCLASSES;\"38\n".encode(), 422),
    ("Không có tiêu đề\n1;2\n".encode(), 422),
])
def test_what_is_not_a_usable_spreadsheet_is_refused(client, tokens, schools, open_round, data, status):
    school = schools["thcs"]
    rnd = open_round()
    r = upload(client, tokens, school, rnd, data, "tep.xlsx")
    assert r.status_code == status, r.json
    assert r.mimetype == "application/problem+json" and r.json["detail"]
    assert stored(rnd, school) is None


def test_oversized_uploads_get_413(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()
    r = upload(client, tokens, school, rnd, b"a" * (3 * 1024 * 1024), "lon.csv")
    assert r.status_code == 413 and r.mimetype == "application/problem+json"
    assert stored(rnd, school) is None


def test_only_the_school_uploads_its_own_form(client, tokens, schools, open_round):
    rnd = open_round()
    school, other = schools["thcs"], schools["thcs_other"]
    data = fill(template(client, tokens, school, rnd), {"CLASSES": (38, None)})
    # The other school's template sent by this school: the hidden sheet names the other school.
    r = upload(client, tokens, other, rnd, data)
    assert r.status_code == 422 and "trường khác" in r.json["detail"]
    r = client.post(f"/rounds/{rnd['id']}/submissions/upload", data={"file": (io.BytesIO(data), "x.xlsx")},
                    headers=bearer(tokens.commune(school.commune_code)), content_type="multipart/form-data")
    assert r.status_code == 403
    r = client.post(f"/rounds/{rnd['id']}/submissions/upload",
                    data={"file": (io.BytesIO(data), "x.xlsx"), "school": other.code},
                    headers=bearer(tokens.school(school)), content_type="multipart/form-data")
    assert r.status_code == 403
    assert client.get(f"/rounds/{rnd['id']}/template?school={other.code}",
                      headers=bearer(tokens.school(school))).status_code == 403
    assert stored(rnd, school) is None and stored(rnd, other) is None


def test_history_export_is_scoped(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()
    client.put(f"/rounds/{rnd['id']}/submissions/{school.code}", headers=bearer(tokens.school(school)),
               json={"values": [{"indicator_code": "DROPOUT", "numerator": 3, "denominator": 1200},
                                {"indicator_code": "CLASSES", "value": 38}]})
    for token in (tokens.school(school), tokens.commune(school.commune_code), tokens.city("31")):
        r = client.get(f"/schools/{school.code}/history.xlsx", headers=bearer(token))
        assert r.status_code == 200
        rows = list(load_workbook(io.BytesIO(r.data)).active.iter_rows(values_only=True))
        assert rows[0][:4] == ("Năm học", "Đợt báo cáo", "Hạn nộp", "Mã chỉ tiêu")
        dropout = next(row for row in rows if row[3] == "DROPOUT")
        assert dropout[6:9] == (3, 1200, 0.25) and dropout[1] == rnd["name"]

    r = client.get(f"/schools/{school.code}/history?format=csv", headers=bearer(tokens.city("31")))
    assert r.status_code == 200 and r.data.startswith("\ufeff".encode())
    lines = r.data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Năm học;Đợt báo cáo") and any(";0,25;" in line for line in lines)

    for token in (tokens.school(schools["thcs_other"]), tokens.commune(schools["thcs_other"].commune_code),
                  tokens.city("79"), tokens.operator()):
        assert client.get(f"/schools/{school.code}/history.csv", headers=bearer(token)).status_code == 404


def test_the_idempotency_key_may_come_as_a_form_field(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()
    data = "Mã chỉ tiêu;Số liệu;Mẫu số\nCLASSES;38;\n".encode()

    def send(key):
        return client.post(f"/rounds/{rnd['id']}/submissions/upload",
                           data={"file": (io.BytesIO(data), "a.csv"), "idempotency_key": key},
                           headers=bearer(tokens.school(school)), content_type="multipart/form-data")

    assert send("has space").status_code == 422
    assert stored(rnd, school) is None
    first, again = send("form-key-1"), send("form-key-1")
    assert first.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    from indicators.adapters.submissions import Submissions

    assert Submissions().trail(stored(rnd, school)).revisions[0]["idempotency_key"] == "form-key-1"


def directory_event(school, version: int = 1, active: bool = True, **changes):
    """What identity publishes about ``school``, handled as the indicators worker handles it."""
    from edu71.config import REPO_ROOT
    from edu71.contracts import Contracts
    from indicators.worker import HANDLERS

    name = "SchoolRegistered" if version == 1 else "SchoolChanged"
    data = {"school": {**school.as_contract(), **changes}, "version": version, "active": active}
    if version > 1:
        data["changed"] = [*changes, "active"]
    event = Contracts(REPO_ROOT / "contracts").new_event(name, data, subject=school.code, source="/edu71/identity")
    HANDLERS[name](event)


def staff_template(client, token, school, rnd):
    return client.get(f"/rounds/{rnd['id']}/template?school={school.code}", headers=bearer(token))


def test_a_commune_or_the_city_prepares_a_form_before_the_school_submitted(client, tokens, schools, open_round):
    school, other = schools["thcs"], schools["thcs_other"]
    rnd = open_round()
    # Before the directory told the service about the school, nobody outside it can name it.
    assert staff_template(client, tokens.commune(school.commune_code), school, rnd).status_code == 404
    directory_event(school)
    directory_event(other)
    for token in (tokens.commune(school.commune_code), tokens.city("31")):
        r = staff_template(client, token, school, rnd)
        assert r.status_code == 200, r.data[:300]
        ws = load_workbook(io.BytesIO(r.data))["Chỉ tiêu"]
        texts = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
        assert f"Trường: {school.name} ({school.code})" in texts
        dropout = next(row for row in ws.iter_rows(values_only=True) if row[0] == "DROPOUT")
        assert dropout[4] is None  # nothing submitted yet
        assert "CLASSES" in texts and "PROGRESSION_THPT_VOC" not in texts  # THCS asks no THPT indicator
    # Out of scope: another commune's school, another province's department.
    assert staff_template(client, tokens.commune(school.commune_code), other, rnd).status_code == 404
    assert staff_template(client, tokens.city("79"), school, rnd).status_code == 404
    assert stored(rnd, school) is None


def test_the_directory_keeps_the_newest_record_of_a_school(client, tokens, schools, open_round):
    school = schools["thcs"]
    rnd = open_round()
    directory_event(school, version=2, name="Trường THCS Đổi Tên")
    directory_event(school, version=1)  # a late redelivery of the first record
    r = staff_template(client, tokens.city("31"), school, rnd)
    texts = [c for row in load_workbook(io.BytesIO(r.data))["Chỉ tiêu"].iter_rows(values_only=True)
             for c in row if isinstance(c, str)]
    assert f"Trường: Trường THCS Đổi Tên ({school.code})" in texts
    directory_event(school, version=3, active=False)  # closed or merged: no longer asked to report
    assert staff_template(client, tokens.city("31"), school, rnd).status_code == 404
