"""The error summary every form shows: the problem's own summary is not counted as an error, and a reader
never sees a field's name where the page has no label for it."""
from __future__ import annotations

from flask import Flask, render_template_string

from portal.app import create_app
from portal import config

PAGE = '{% from "_forms.html" import error_summary %}{{ error_summary(errors, labels) }}'


def _render(errors: dict, labels: dict) -> str:
    app: Flask = create_app(config.load())
    with app.test_request_context():
        return render_template_string(PAGE, errors=errors, labels=labels)


def test_the_summary_counts_field_errors_only_and_shows_the_problem_first():
    html = _render({"_form": "Dữ liệu gửi lên có lỗi, xem chi tiết từng mục.", "due_at": "Hạn nộp phải sau ngày mở."},
                   {"due_at": "Hạn nộp"})
    assert "vui lòng sửa 1 lỗi" in html
    assert html.index("Dữ liệu gửi lên có lỗi") < html.index("Hạn nộp: Hạn nộp phải sau ngày mở.")


def test_a_field_without_a_label_shows_its_message_alone():
    html = _render({"org_unit": "Không tìm thấy đơn vị."}, {})
    assert "Không tìm thấy đơn vị." in html and "org_unit:" not in html
    assert 'href="#org_unit"' in html  # the link still leads to the field


def test_a_problem_without_field_errors_does_not_claim_a_count():
    html = _render({"_form": "Tệp không đọc được."}, {})
    assert "Tệp không đọc được." in html and "lỗi</h2>" not in html
