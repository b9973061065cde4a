"""The HTML pages in a real browser: headless Chromium renders `explain --html` and `report`
without console errors, with the expected text, into screenshots that are not blank.

Needs Debian's `chromium` (.ci/run installs it). Skipped without it, except in CI, where it fails.
With EVENTCODER_UPDATE_SCREENSHOTS=1 the screenshots are also written to docs/ (shown in the README).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]


@pytest.fixture(scope="module")
def chromium():
    if BROWSER is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run must install it (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return BROWSER


def _eventcoder(*args, cwd):
    result = subprocess.run([sys.executable, "-m", "coder", *args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


def _browse(chromium, page, *args):
    result = subprocess.run([chromium, *FLAGS, *args, page.as_uri()], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], f"console messages on {page.name}: {console}"
    return result.stdout


def _screenshot(chromium, page, png, height):
    _browse(chromium, page, f"--window-size=1200,{height}", f"--screenshot={png}")
    from PIL import Image

    with Image.open(png) as image:
        assert image.size == (1200, height)
        grey = image.convert("L")
        inked = sum(count for value, count in enumerate(grey.histogram()) if value < 200)
        colours = len(image.convert("RGB").getcolors(maxcolors=1 << 20) or [])
    assert inked > 0.02 * 1200 * height, f"{png.name} is nearly blank"
    assert colours > 50, f"{png.name} has only {colours} colours"
    if os.environ.get("EVENTCODER_UPDATE_SCREENSHOTS"):
        shutil.copy(png, ROOT / "docs" / png.name)


def test_console_errors_are_caught(chromium, tmp_path):
    """The check itself: a page that logs an error fails it."""
    page = tmp_path / "bad.html"
    page.write_text("<html><body><p>x</p><script>console.error('broken')</script></body></html>")
    with pytest.raises(AssertionError, match="broken"):
        _browse(chromium, page, "--dump-dom")


def test_explain_page_renders(chromium, tmp_path):
    page = tmp_path / "explain.html"
    _eventcoder("explain", "--input", str(ROOT / "docs/examples/explain.jsonl"), "--html", str(page), cwd=tmp_path)
    dom = _browse(chromium, page, "--dump-dom")
    for text in ("An example wire story", "Iraqi troops", "IRQMIL", "ontology/verbs/19_fight.yaml:", "kept",
                 "dropped: neither side names an actor", "Mosul"):
        assert text in dom
    _screenshot(chromium, page, tmp_path / "explain.png", 1300)


def test_report_page_renders(chromium, tmp_path):
    _eventcoder("code", str(ROOT / "seeds"), "-o", "events.parquet", "-q", cwd=tmp_path)
    page = tmp_path / "report.html"
    _eventcoder("report", "events.parquet", "-o", str(page), cwd=tmp_path)
    dom = _browse(chromium, page, "--dump-dom")
    for text in ("eventcoder run report", "Events per", "Top root codes", "Top dyads", "Located events", "coded",
                 "undated", "19 Fight"):
        assert text in dom
    assert dom.count("data:image/png;base64,") == 4
    _screenshot(chromium, page, tmp_path / "report.png", 2700)
