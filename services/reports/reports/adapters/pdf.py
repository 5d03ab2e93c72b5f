"""DOCX → PDF with LibreOffice headless (Debian's ``libreoffice-writer-nogui``, ``deploy/bin/install-libreoffice``).

When ``soffice`` is not installed the conversion answers None and the report's PDF is said to be not yet
available; nothing stands in for it. Each conversion gets its own LibreOffice profile directory, so several
can run at once (one profile may be used by one process only).
"""
from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

PDF_TYPE = "application/pdf"


def available() -> bool:
    return shutil.which("soffice") is not None


def to_pdf(docx: bytes, timeout: float = 120.0) -> bytes | None:
    """The PDF of ``docx``, or None when LibreOffice is missing or failed (logged)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="edu71-pdf-") as work:
        source = Path(work) / "bao-cao.docx"
        source.write_bytes(docx)
        profile = Path(work) / "profile"
        try:
            subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                            "--convert-to", "pdf", "--outdir", work, str(source)],
                           capture_output=True, timeout=timeout, check=True)
        except (subprocess.SubprocessError, OSError) as exc:
            log.error("LibreOffice could not convert a report to PDF: %r", exc)
            return None
        target = source.with_suffix(".pdf")
        return target.read_bytes() if target.is_file() else None
