"""Vietnamese validation messages for marshmallow.

marshmallow keeps its default messages as class attributes; replacing them here,
once, makes every schema of every service answer in Vietnamese without each
field spelling its own messages. Imported by :mod:`edu71.web` before any
schema is used.
"""
from __future__ import annotations

from marshmallow import Schema, fields, validate

_FIELD_MESSAGES: dict[type, dict[str, str]] = {
    fields.Field: {
        "required": "Trường này là bắt buộc.",
        "null": "Trường này không được để trống (null).",
        "validator_failed": "Giá trị không hợp lệ.",
    },
    fields.String: {
        "invalid": "Phải là một chuỗi ký tự.",
        "invalid_utf8": "Chuỗi không phải UTF-8 hợp lệ.",
    },
    fields.Number: {"invalid": "Phải là một số.", "too_large": "Số quá lớn."},
    fields.Integer: {"invalid": "Phải là một số nguyên."},
    fields.Float: {"special": "Không chấp nhận giá trị NaN hoặc vô cực."},
    fields.Decimal: {"special": "Không chấp nhận giá trị NaN hoặc vô cực."},
    fields.Boolean: {"invalid": "Phải là giá trị đúng/sai (true/false)."},
    fields.Date: {
        "invalid": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
        "format": "Không thể định dạng \"{input}\" thành ngày.",
    },
    fields.DateTime: {
        "invalid": "Thời điểm không hợp lệ (định dạng ISO 8601).",
        "invalid_awareness": "Thời điểm phải ghi rõ múi giờ.",
        "format": "Không thể định dạng \"{input}\" thành thời điểm.",
    },
    fields.List: {"invalid": "Phải là một danh sách."},
    fields.Mapping: {"invalid": "Phải là một đối tượng (key/value)."},
    fields.Nested: {"type": "Kiểu dữ liệu không hợp lệ."},
    fields.Email: {"invalid": "Địa chỉ e-mail không hợp lệ."},
    fields.URL: {"invalid": "Địa chỉ URL không hợp lệ."},
    fields.UUID: {"invalid_uuid": "Mã UUID không hợp lệ."},
    fields.Enum: {"unknown": "Phải là một trong các giá trị: {choices}."},
}

_VALIDATOR_MESSAGES: dict[type, dict[str, str]] = {
    validate.Range: {
        "message_min": "Phải {min_op} {{min}}.",
        "message_max": "Phải {max_op} {{max}}.",
        "message_all": "Phải {min_op} {{min}} và {max_op} {{max}}.",
        "message_gte": "lớn hơn hoặc bằng",
        "message_gt": "lớn hơn",
        "message_lte": "nhỏ hơn hoặc bằng",
        "message_lt": "nhỏ hơn",
    },
    validate.Length: {
        "message_min": "Độ dài tối thiểu là {min}.",
        "message_max": "Độ dài tối đa là {max}.",
        "message_all": "Độ dài phải từ {min} đến {max}.",
        "message_equal": "Độ dài phải bằng {equal}.",
    },
    validate.OneOf: {"default_message": "Phải là một trong các giá trị: {choices}."},
    validate.Regexp: {"default_message": "Giá trị không đúng định dạng yêu cầu."},
    validate.Email: {"default_message": "Địa chỉ e-mail không hợp lệ."},
    validate.URL: {"default_message": "Địa chỉ URL không hợp lệ."},
    validate.Equal: {"default_message": "Phải bằng {other}."},
    validate.ContainsOnly: {"default_message": "Có giá trị không thuộc danh sách: {choices}."},
    validate.NoneOf: {"default_message": "Giá trị không hợp lệ."},
    validate.Predicate: {"default_message": "Giá trị không hợp lệ."},
}

_SCHEMA_MESSAGES = {"type": "Kiểu dữ liệu đầu vào không hợp lệ.", "unknown": "Trường không được phép."}


def install() -> None:
    for cls, messages in _FIELD_MESSAGES.items():
        cls.default_error_messages = {**cls.__dict__.get("default_error_messages", {}), **messages}
    for cls, messages in _VALIDATOR_MESSAGES.items():
        for attr, text in messages.items():
            setattr(cls, attr, text)
    Schema._default_error_messages = {**Schema._default_error_messages, **_SCHEMA_MESSAGES}


install()
