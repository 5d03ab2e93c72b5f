"""Bad input refused at the edge of every service API, before a schema, a view or the store sees it.

One ``before_request`` hook (:func:`install`, called by :func:`edu71.web.create_service_app`)
checks what every request carries: the path, the query string, form fields, the names of
uploaded files and a JSON body, which it parses itself. It refuses, as Vietnamese problem
details, and before anything is stored:

* characters no stored text may hold (:data:`REFUSED_IN_TEXT`): NUL and the other C0 controls
  but tab, line feed and carriage return; DEL; the C1 controls; lone surrogates (``"\\ud800"``,
  which UTF-8 and BSON cannot encode); U+FFFE and U+FFFF. XML 1.0, so every XLSX export, cannot
  hold them either. Tab and line breaks are allowed in JSON and form values (multi-line text) but
  not in the URL, in object keys or in file names;
* object keys the document store refuses or reads as operators: starting with ``$``, holding
  ``.`` or NUL;
* JSON nested deeper than :data:`MAX_DEPTH` (the standard parser and marshmallow recurse, so
  100,000 levels used to end in a RecursionError), and integers BSON cannot store (beyond 64
  bits, or thousands of digits).

The same character rule is used in the other direction by :func:`scrub`, which every XLSX
writer applies to text already stored before the rule existed.

A second check belongs to the operations that take a JSON body (flask-smorest's
``@blp.arguments`` with the default ``json`` location): their body must be JSON (415) and not
empty (422). It runs where webargs loads the body, after the caller is authenticated, so a
caller without a token still learns 401 first.
"""
from __future__ import annotations

import json
import posixpath
import re
from typing import Any

from flask import Flask, current_app, g, request
from flask_smorest import Blueprint
from webargs import core as webargs_core
from webargs.multidictproxy import MultiDictProxy

from edu71.problems import Problem, field_errors

#: Deepest nesting of arrays and objects a JSON body may have (the deepest API schema uses 4).
MAX_DEPTH = 32

_INT64 = 2**63
_NEVER = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
#: Characters no stored text may hold.
REFUSED_IN_TEXT = re.compile(f"[{_NEVER}]")
#: …and, in a one-line value (a URL, a key, a file name), no tab or line break either.
REFUSED_IN_LINE = re.compile(f"[\t\n\r{_NEVER}]")
_BAD_KEY = re.compile(r"^\$|[.\x00]")
#: Bytes without which no string or key of a UTF-8 JSON text can hold a refused character or start with ``$``:
#: a backslash (the only way to write a C0 control, a tab or a line break in a string: the strict parser takes
#: none raw), DEL, ``$``, NUL (a UTF-16 or UTF-32 text, which these bytes do not describe) and the lead bytes of
#: U+0080–U+00BF (the C1 controls), U+D000–U+DFFF (lone surrogates, which the parser lets through written raw)
#: and U+F000–U+FFFF (U+FFFE, U+FFFF). Vietnamese text needs none of them.
_SUSPECT_BYTES = (b"\\", b"\x7f", b"$", b"\x00", b"\xc2", b"\xed", b"\xef")
_BODY_REFUSED = "Dữ liệu gửi lên có lỗi, xem chi tiết từng mục."


def scrub(value: Any) -> Any:
    """``value`` without the characters refused at the edge when it is text; anything else as it is.

    For writers that cannot hold them (openpyxl raises IllegalCharacterError on a C0 control,
    XML cannot carry a lone surrogate), over text stored before the edge refused them or
    received from another service.
    """
    return REFUSED_IN_TEXT.sub("", value) if isinstance(value, str) else value


def safe_filename(name: str | None, default: str = "tep") -> str:
    """The last component of an uploaded file's name, with nothing that could name another place.

    A client may send ``../../etc/x.txt`` or ``C:\\x\\y.docx``; only ``x.txt`` and ``y.docx`` are
    kept, without refused characters, leading dots or more than 200 characters.
    """
    base = posixpath.basename((name or "").replace("\\", "/"))
    base = REFUSED_IN_LINE.sub("", base).strip().lstrip(".").strip()
    return base[-200:] if base else default


def _shown(text: str) -> str:
    """``text`` safe to echo in an answer: each refused character written as ``\\uXXXX``."""
    return REFUSED_IN_LINE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _Refusals:
    """Collects per-field refusals (at most a few: the first ones tell the client enough)."""

    LIMIT = 20

    def __init__(self) -> None:
        self.errors: list[dict[str, str]] = []

    def add(self, field: str, message: str) -> None:
        if len(self.errors) < self.LIMIT:
            self.errors.append({"field": _shown(field), "message": message})

    def text(self, field: str, value: str, *, one_line: bool) -> None:
        if (REFUSED_IN_LINE if one_line else REFUSED_IN_TEXT).search(value):
            self.add(field, "Có ký tự điều khiển hoặc ký tự không hợp lệ (ví dụ NUL, ký tự thay thế lẻ)."
                     if not one_line else "Có ký tự điều khiển, xuống dòng hoặc ký tự không hợp lệ.")

    def raise_if_any(self, detail: str) -> None:
        if self.errors:
            raise Problem(422, detail, errors=self.errors)


#: The bodies werkzeug parses into ``request.form`` (werkzeug.formparser.FormDataParser.parse).
_FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


def _check_url_and_form(refusals: _Refusals) -> None:
    for name, value in (request.view_args or {}).items():
        if isinstance(value, str):
            refusals.text(name, value, one_line=True)
    # Form fields exist only in a form body: werkzeug parses no other, and setting up its parser for a JSON
    # body to find none cost 1 % of a submission's CPU.
    sources = (request.args, request.form) if request.mimetype in _FORMS else (request.args,)
    for source in sources:
        for key, values in source.lists():
            if key is None:  # werkzeug gives no name to a form field whose name holds a line break
                refusals.add("_schema", "Biểu mẫu có một trường mang tên không hợp lệ (có ký tự điều khiển hoặc "
                                        "xuống dòng).")
                continue
            refusals.text(key, key, one_line=True)
            for value in values:
                refusals.text(key, value, one_line=source is request.args)
    if request.mimetype == "multipart/form-data":
        for key, upload in request.files.items(multi=True):
            refusals.text(key, upload.filename or "", one_line=True)


def _parse_json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except RecursionError:
        raise Problem(422, f"Dữ liệu JSON lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp).") from None
    except ValueError:  # malformed, not UTF-8, an integer of thousands of digits
        raise Problem(400, "Nội dung JSON không đúng cú pháp.") from None


def _plain(document: Any, raw: bytes) -> bool:
    """Whether ``document``, parsed from ``raw``, certainly holds nothing :func:`_check_json` refuses.

    The characters and the operator keys are settled by a few byte searches of ``raw``
    (:data:`_SUSPECT_BYTES`); what is left, the keys' dots, the integers and the depth, is
    looked for container by container, without the walk's field names. A document that
    is not plain is walked: this only spares an ordinary body the walk (0.14–0.19 ms of
    CPU for a full submission of 30 values).
    """
    if any(byte in raw for byte in _SUSPECT_BYTES):
        return False
    if isinstance(document, int) and not -_INT64 <= document < _INT64:
        return False
    level = [document] if isinstance(document, (dict, list)) else []
    depth = 1
    while level:
        if depth > MAX_DEPTH:
            return False
        inner = []
        for container in level:
            if isinstance(container, dict):
                if "." in "".join(container):
                    return False
                items = container.values()
            else:
                items = container
            for item in items:
                if isinstance(item, (dict, list)):
                    inner.append(item)
                elif isinstance(item, int) and not -_INT64 <= item < _INT64:
                    return False
        level, depth = inner, depth + 1
    return True


def _check_json(document: Any, refusals: _Refusals) -> None:
    """Walk ``document`` without recursion (it may be deep) and note every refused part."""
    stack: list[tuple[Any, str, int]] = [(document, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, str):
            refusals.text(path or "_schema", value, one_line=False)
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if not -_INT64 <= value < _INT64:
                refusals.add(path or "_schema", "Số quá lớn.")
        elif isinstance(value, float):
            continue  # NaN and infinities are refused by every Float field and by the submissions' domain
        elif depth > MAX_DEPTH:
            raise Problem(422, f"Dữ liệu JSON lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp).")
        elif isinstance(value, dict):
            for key, item in value.items():
                field = f"{path}.{key}" if path else key
                if _BAD_KEY.search(key):
                    refusals.add(field, "Tên mục không được bắt đầu bằng dấu $ hoặc chứa dấu chấm, ký tự NUL.")
                else:
                    refusals.text(field, key, one_line=True)
                stack.append((item, field, depth + 1))
        else:  # list
            stack.extend((item, f"{path}.{i}" if path else str(i), depth + 1) for i, item in enumerate(value))


def _takes_json() -> bool:
    """Whether the matched operation loads its arguments from a JSON body (flask-smorest's default location)."""
    view = current_app.view_functions.get(request.endpoint or "")
    method = getattr(getattr(view, "view_class", None), request.method.lower(), view)
    parameters = getattr(method, "_apidoc", {}).get("arguments", {}).get("parameters", [])
    return any(p.get("in") == "json" for p in parameters)


def _check_request() -> None:
    refusals = _Refusals()
    _check_url_and_form(refusals)
    refusals.raise_if_any("Địa chỉ, tham số hoặc tên tệp có ký tự không hợp lệ.")
    if webargs_core.is_json(request.mimetype):
        raw = request.get_data(cache=True)
        if raw.strip():
            document = _parse_json(raw)
            if not _plain(document, raw):
                _check_json(document, refusals)
            if _takes_json():
                # Refused later, with the schema's own errors, once the caller is authenticated.
                g.edu71_json, g.edu71_refusals = document, refusals
            else:
                refusals.raise_if_any(_BODY_REFUSED)


def _load_json(req, schema) -> Any:
    """webargs' loader of the ``json`` location: the body :func:`_check_request` parsed, which must exist.

    When the schema refuses the body too, its errors are the answer: they name the
    operation's fields (``{"title": {"$gt": ""}}`` is a title that is not a string).
    """
    if not webargs_core.is_json(req.mimetype):
        raise Problem(415, "Cần gửi dữ liệu dạng JSON.")
    if "edu71_json" not in g:
        raise Problem(422, "Thiếu nội dung JSON của yêu cầu.")
    if g.edu71_refusals.errors:
        try:
            named = field_errors(schema.validate(g.edu71_json))
        except (UnicodeError, ValueError, TypeError):  # a validator that cannot even read the refused text
            named = []
        raise Problem(422, _BODY_REFUSED, errors=named or g.edu71_refusals.errors)
    return g.edu71_json


def _load_files(req, schema) -> Any:
    """webargs' loader of the ``files`` location: the uploaded files, once every part of the form is one the
    operation names.

    webargs reads only the files of a multipart body and drops unknown ones, so a misspelt
    or unexpected part (a file or a plain field) would be ignored while the OpenAPI document
    says the body has no other properties: it is refused, as an unknown JSON key is.
    """
    named = {field.data_key or name for name, field in schema.fields.items()}
    refusals = _Refusals()
    for key in sorted({*req.files.keys(), *req.form.keys()} - named):
        refusals.add(key, "Trường không được phép.")
    refusals.raise_if_any(_BODY_REFUSED)
    return MultiDictProxy(req.files, schema)


def install(app: Flask) -> None:
    """Refuse bad input on every request of ``app`` (see the module's docstring)."""
    app.before_request(_check_request)
    # flask-smorest's views share one webargs parser; its documented hook for a location
    # replaces how the body is read (the parse above, not a second one) for every service.
    Blueprint.ARGUMENTS_PARSER.location_loader("json")(_load_json)
    Blueprint.ARGUMENTS_PARSER.location_loader("files")(_load_files)
