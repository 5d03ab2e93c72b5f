"""The source text of an uploaded plan, as numbered lines, and where each target came from."""
from __future__ import annotations

import io
import re
import unicodedata

_SPACE = re.compile(r"\s+")
#: Bullets, dashes and numbering a line starts with ("- ", "+ ", "a) ", "1. ") are not part of a sentence.
_LEAD = re.compile(r"^(?:[-+•*–]|[0-9a-zđ]{1,2}[.)])\s*")


def _norm(text: str) -> str:
    return _LEAD.sub("", _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().lower()).strip()


def text_of(data: bytes, content_type: str | None) -> str:
    """Readable text of the original file (DOCX paragraphs, PDF text layer, or decoded text)."""
    if data.startswith(b"%PDF"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    if data.startswith(b"PK"):
        from docx import Document

        return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def lines_of(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").split("\n")


def locate(lines: list[str], sentence: str) -> int | None:
    """The 1-based line a target's source sentence starts on, or ``None``."""
    wanted = _norm(sentence or "")
    if len(wanted) < 8:
        return None
    head = wanted[:60]
    normalised = [_norm(line) for line in lines]
    # The line the sentence starts on first; a line the sentence merely contains (a wrapped line, but also the
    # title a long target sentence quotes) only when none does.
    for number, line in enumerate(normalised, start=1):
        if line and head in line:
            return number
    for number, line in enumerate(normalised, start=1):
        if len(line) >= 20 and wanted.startswith(line):
            return number
    for number, line in enumerate(normalised, start=1):
        if len(line) >= 20 and line in wanted:
            return number
    return None
