from flask import Flask
from marshmallow import ValidationError, fields, validate

from edu71 import problems
from edu71.schemas import Schema


class Sample(Schema):
    name = fields.String(required=True)
    count = fields.Integer(validate=validate.Range(min=0))
    items = fields.List(fields.Nested(type("Item", (Schema,), {"value": fields.Float(allow_nan=False)})))


def test_marshmallow_messages_are_vietnamese_and_flattened_per_field():
    try:
        Sample().load({"count": -1, "items": [{"value": "nan"}], "extra": 1})
    except ValidationError as exc:
        errors = {e["field"]: e["message"] for e in problems.field_errors(exc.messages)}
    assert errors == {
        "name": "Trường này là bắt buộc.",
        "count": "Phải lớn hơn hoặc bằng 0.",
        "items.0.value": "Không chấp nhận giá trị NaN hoặc vô cực.",
        "extra": "Trường không được phép.",
    }


def test_unexpected_errors_never_leak_internals():
    app = Flask(__name__)
    problems.install(app)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret connection string mongodb://user:pass@host")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert "secret" not in response.get_data(as_text=True)
    assert response.json["title"] == "Lỗi hệ thống"


def test_domain_errors_become_problem_details_with_their_status_fields_and_headers():
    from edu71 import errors

    app = Flask(__name__)
    problems.install(app)
    raised = {
        "missing": errors.NotFound("Không tìm thấy kế hoạch."),
        "invalid": errors.Invalid("Dữ liệu gửi lên có lỗi.",
                                  errors=[errors.FieldError("year", "Năm phải từ 2020 đến 2100.")]),
        "stale": errors.StaleVersion("Kế hoạch đã được người khác sửa.", current_version=3),
        "throttled": errors.TooManyAttempts("Thử lại sau ít phút.", retry_after=60),
    }

    @app.get("/<name>")
    def fail(name):
        raise raised[name]

    client = app.test_client()
    missing = client.get("/missing")
    assert (missing.status_code, missing.mimetype) == (404, "application/problem+json")
    assert missing.json["detail"] == "Không tìm thấy kế hoạch." and missing.json["title"] == "Không tìm thấy"
    invalid = client.get("/invalid").json
    assert invalid["status"] == 422
    assert invalid["errors"] == [{"field": "year", "message": "Năm phải từ 2020 đến 2100."}]
    stale = client.get("/stale")
    assert stale.status_code == 412 and stale.json["current_version"] == 3
    throttled = client.get("/throttled")
    assert throttled.status_code == 429 and throttled.headers["Retry-After"] == "60"
