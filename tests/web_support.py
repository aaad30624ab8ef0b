"""What the web tests share: a store built once per session (sample documents through the real pipeline,
plus hostile documents), a real uvicorn server on 127.0.0.1, and one headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from claimscope.batch import ingest
from claimscope.ingest.document import Document
from claimscope.samples import corpus_dir
from claimscope.store import Store
from claimscope.web.background import BackgroundServer

SAMPLES = ("001-seed-kyiv-reports-north-korean-troops.txt", "002-kremlin-calls-troop-reports-fake-news.md",
           "011-white-house-at-least-3000.md", "012-hur-says-north-koreans-seen-in-kursk.md",
           "013-hur-statement-12000-five-training-grounds.md", "033-pentagon-not-yet-seen-in-direct-combat.md")
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

# Each payload would set window.__pwned if the page ever ran it.
SCRIPT = "<script>window.__pwned='script'</script>"
HANDLER = "<img src=x onerror=\"window.__pwned='handler'\">"
SVG = "<svg onload=\"window.__pwned='svg'\"></svg>"
JS_URL = "javascript:window.__pwned='url'"
HOSTILE_MD = f"""---
title: "{SCRIPT.replace('"', "'")} North Korean troops {HANDLER.replace('"', "'")}"
outlet: "{SVG.replace('"', "'")}"
url: "{JS_URL}"
date: 2024-10-29
---
{SCRIPT} Officials in <b onmouseover="window.__pwned='text'">Kursk</b> said on Tuesday that about 5,000 North Korean
soldiers had arrived in the Kursk region. [link](javascript:window.__pwned='md') {HANDLER}
"""


def hostile_document() -> tuple[Document, dict]:
    """A document whose source, actor and place names carry payloads, with hand-made claims JSON."""
    source, place = f"{HANDLER}Colonel {SCRIPT}", f"{SVG}Sudzha{JS_URL}"
    head = f"{source} said on Monday that about 4,000 North Korean soldiers were in "
    text = head + place + ". " + SCRIPT
    content_start = len(source) + len(" said on Monday that ")
    quantity = "about 4,000 North Korean soldiers"
    q_start = text.index(quantity)
    p_start = len(head)
    places = [{"text": place, "start": p_start, "end": p_start + len(place), "name": place, "lat": 51.19,
               "lon": 35.27, "geonames_id": None, "country": "RU", "feature": "PPL", "precision": "city",
               "admin1": None}]
    quantities = [{"text": quantity, "start": q_start, "end": q_start + len(quantity), "value": 4000,
                   "low": 3600, "high": 4400, "qualifier": "approx", "unit": "soldier",
                   "subject": "North Korean soldiers"}]
    claim = {
        "id": "hostile0000000001",
        "source": {"text": source, "start": 0, "end": len(source), "actor": f"{SVG}Evil Agency{SCRIPT}",
                   "kind": "agency", "country": "UA"},
        "cue": "say", "cue_span": {"text": "said", "start": len(source) + 1, "end": len(source) + 5},
        "channel": f"{HANDLER}Telegram", "asserted_on": "2024-10-28",
        "content": {"text": text[content_start:p_start + len(place)], "start": content_start,
                    "end": p_start + len(place)},
        "modality": "asserted", "event": "deployment", "quantities": quantities, "places": places,
        "times": [], "relayed_by": [], "cites": [],
    }
    document = Document(text=text, title=f"{SCRIPT}{HANDLER}", outlet=SVG, url=JS_URL, kind="post",
                        published=datetime(2024, 10, 28))
    return document, {"document": {"id": document.id}, "claims": [claim], "times": [], "places": places,
                      "actors": [], "quantities": quantities}


@pytest.fixture(scope="session")
def web_store(tmp_path_factory, extractor) -> Iterator[Store]:
    """A store with a few sample documents (real extraction), a hostile Markdown file and a hostile
    hand-made claim."""
    folder = tmp_path_factory.mktemp("web")
    (folder / "hostile.md").write_text(HOSTILE_MD, encoding="utf-8")
    errors: list[str] = []
    with Store(f"sqlite:///{folder / 'web.db'}") as store:
        counts = ingest([str(corpus_dir() / name) for name in SAMPLES] + [str(folder / "hostile.md")], store,
                        extractor, on_error=errors.append)
        assert counts.new == len(SAMPLES) + 1, errors
        assert store.add(*hostile_document())
        yield store


@pytest.fixture(scope="session")
def site(web_store) -> Iterator[str]:
    """The base URL of a server over the session's store (no token)."""
    with BackgroundServer(web_store) as served:
        yield served.url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session, through Debian's chromedriver (never Selenium Manager)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip(f"needs {CHROMIUM} and {CHROMEDRIVER} (apt install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--disable-background-networking"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
