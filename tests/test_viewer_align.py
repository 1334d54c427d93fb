"""The viewer's evidence panel with Chinese evidence and a checked measurement, in a real browser.

Debian's chromium through Playwright, as in ``tests/test_viewer_browser.py``, but in a child
process: that module keeps one Playwright session open for the whole test session, and one
process cannot run two.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest

from kg.export.html import write_html
from kg.graph import to_networkx
from kg.schemas import (
    Article,
    Corpus,
    Enterprise,
    Evidence,
    Measurement,
    MeasurementKind,
)

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
EN = "In April, the Hongxing Coal Mine overfulfilled its raw coal plan by 1,500 tons."
ZH = "4月份，红星煤矿超额一千三百吨完成了原煤计划。"

# Opens the page, selects the measurement and prints what the panel shows as JSON.
_SCRIPT = r"""
import json, sys
from pathlib import Path
from playwright import sync_api
page_path, chromium, home = sys.argv[1:4]
env = {"HOME": home, "XDG_CACHE_HOME": home + "/cache", "XDG_CONFIG_HOME": home + "/config", "PATH": "/usr/bin:/bin"}
with sync_api.sync_playwright() as p:
    ctx = p.chromium.launch_persistent_context(home + "/profile", executable_path=chromium, headless=True,
                                               args=["--no-sandbox", "--disable-gpu", "--no-first-run"], env=env)
    ctx.route(lambda url: not url.startswith(("file:", "data:")), lambda route: route.abort())
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(Path(page_path).resolve().as_uri())
    page.wait_for_function("window.kgReady === true", timeout=20000)
    page.evaluate("kgSelect('hx-m1')")
    fig = page.locator("#kg-panel figure")
    out = {
        "figures": fig.count(),
        "quotes": [[q.get_attribute("lang"), q.text_content()] for q in fig.first.locator("blockquote").all()],
        "langs": fig.first.locator(".kg-lang").all_text_contents(),
        "rows": page.evaluate("Object.fromEntries(Array.from(document.querySelectorAll('#kg-panel dt'))"
                              ".map(dt => [dt.textContent, dt.nextElementSibling.textContent]))"),
        "errors": errors,
    }
    ctx.close()
print(json.dumps(out, ensure_ascii=False))
"""


def _corpus() -> Corpus:
    return Corpus(
        articles=(Article(id="hx", source="hx.txt", title="Hongxing Mine", title_zh="红星矿", date=dt.date(1959, 5, 5),
                          page=2),),
        entities=(Enterprise(id="hongxing", label="Hongxing Coal Mine", label_zh="红星煤矿", articles=("hx",)),),
        measurements=(Measurement(
            id="hx-m1", subject="hongxing", indicator="raw coal plan", value=Decimal(1500), unit="t",
            kind=MeasurementKind.SURPLUS, evidence=Evidence(article="hx", text=EN, start=100, end=100 + len(EN)),
            evidence_zh=Evidence(article="hx", text=ZH, start=900, end=900 + len(ZH), lang="zh"),
            original_check="differs", original_value="一千三百吨"),),
    )


def test_viewer_align_shows_the_chinese_sentence_under_the_english_one_and_the_check(tmp_path):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium; or set KG_CHROMIUM")
    path = tmp_path / "graph.html"
    write_html(to_networkx(_corpus()), path)
    home = tmp_path / "home"
    home.mkdir()
    run = subprocess.run([sys.executable, "-c", _SCRIPT, str(path), CHROMIUM, str(home)],
                         check=False, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    shown = json.loads(run.stdout)
    assert shown["figures"] == 1  # one sentence in two languages, its article named once
    assert shown["quotes"] == [["en", EN], ["zh", ZH]]
    assert shown["langs"] == ["English", "中文"]
    assert shown["rows"]["Chinese original"] == "differs: the original says 一千三百吨"
    assert shown["errors"] == []
