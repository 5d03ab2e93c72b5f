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
