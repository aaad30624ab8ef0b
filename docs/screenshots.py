"""`make screenshots`: a PNG of every page of the workspace over the bundled sample corpus, in docs/screenshots/.

Ingests the corpus into a temporary database, serves it on a free loopback port and photographs each page in
Debian's headless Chromium (explicit paths, no Selenium Manager).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

from claimscope.batch import ingest
from claimscope.extract import Extractor
from claimscope.samples import corpus_dir
from claimscope.store import Store
from claimscope.web.background import BackgroundServer

OUT = Path(__file__).parent / "screenshots"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
SETTLE_SECONDS = 1.0  # let Leaflet and Vega finish drawing after their ready flag


def pages(url: str) -> list[tuple[str, str, str]]:
    """(file name, URL, JS condition for ready) of each page, picked from what the store holds."""
    topic = httpx.get(f"{url}/api/v1/topics", timeout=60).json()["rows"][0]["id"]
    actor = httpx.get(f"{url}/api/v1/actors", timeout=60).json()["rows"][0]["name"]
    seed = next(d for d in httpx.get(f"{url}/api/v1/documents?_size=1000", timeout=60).json()["rows"]
                if (d["origin"] or "").endswith("001-seed-kyiv-reports-north-korean-troops.txt"))
    chart = "document.getElementById('chart').dataset.rendered"
    return [
        ("topics.png", f"{url}/", "true"),
        ("topic.png", f"{url}/topics/{topic}", chart),
        ("map.png", f"{url}/map", "document.getElementById('map').dataset.drawn"),
        ("claims.png", f"{url}/claims?_size=25", "true"),
        ("document.png", f"{url}/documents/{seed['id']}#claim-" + quote(
            httpx.get(f"{url}/api/v1/documents/{seed['id']}/claims", timeout=60).json()["claims"][3]["id"]), "true"),
        ("source.png", f"{url}/source?name={quote(actor)}", chart),
        ("api.png", f"{url}/api/v1/docs", "document.querySelector('.opblock') !== null"),
    ]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{tmp}/shots.db") as store:
        counts = ingest([str(corpus_dir())], store, Extractor(), on_error=lambda line: print(line, file=sys.stderr))
        print(f"sample corpus: {counts}")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                    "--hide-scrollbars"):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        try:
            with BackgroundServer(store) as served:
                for name, url, ready in pages(served.url):
                    driver.get(url)
                    WebDriverWait(driver, 60).until(lambda d: d.execute_script(f"return {ready}"))
                    time.sleep(SETTLE_SECONDS)
                    driver.execute_script("window.scrollTo(0, 0)")
                    driver.save_screenshot(str(OUT / name))
                    print(f"wrote {OUT / name}")
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
