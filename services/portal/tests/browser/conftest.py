"""What every browser test shares: one headless Chromium for the session, a screenshot folder per module."""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from playwright import sync_api

from edu71.config import REPO_ROOT


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium not found: run deploy/bin/install-chromium (make bootstrap does)")
    with sync_api.sync_playwright() as playwright:
        # Flags from the machine's notes: no sandbox as root, and no background calls to hosts it cannot reach.
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def artifacts(request) -> Path:
    """``var/test-artifacts/<the module's SCREENSHOTS, else "portal">/<run>/``."""
    name = getattr(request.module, "SCREENSHOTS", "portal")
    folder = REPO_ROOT / "var" / "test-artifacts" / name / datetime.now().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\n{name} screenshots: {folder}")
    return folder
