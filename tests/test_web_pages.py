"""Every page in a real headless Chromium over a real server: it loads without a console error, shows what the
store holds (read from the DOM), and runs none of the hostile document's payloads."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from web_support import browser, hostile_document, site, web_store  # noqa: F401

HOSTILE_ID = "hostile0000000001"


def load(driver, url: str, ready: str | None = None) -> None:
    """Open a page, wait for `ready` (a JS expression) to hold, then check the console and the payload flag."""
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(url)
    if ready:
        WebDriverWait(driver, 30).until(lambda d: d.execute_script(f"return {ready}"))
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors
    assert driver.execute_script("return window.__pwned === undefined"), driver.execute_script("return window.__pwned")
    assert driver.find_elements(By.CSS_SELECTOR, "a[href^='javascript:' i], [onerror], [onload], [onmouseover]") == []


def api(site: str, path: str) -> dict:
    return httpx.get(site + path, timeout=30).json()


def test_topics_page_lists_every_topic(browser, site):
    topics = api(site, "/api/v1/topics")["rows"]
    load(browser, site + "/")
    rows = browser.find_elements(By.CSS_SELECTOR, "#topics tr.topic-row")
    assert [r.get_attribute("data-topic") for r in rows] == [t["id"] for t in topics]
    assert topics and topics[0]["label"] in rows[0].text
    load(browser, site + "/?q=" + quote(topics[0]["label"].split()[0]))
    assert browser.find_elements(By.CSS_SELECTOR, "#topics tr.topic-row")


def test_topic_page_draws_a_band_per_claim_and_the_consensus(browser, site):
    topic = api(site, "/api/v1/topics")["rows"][0]
    full = api(site, f"/api/v1/topics/{topic['id']}")
    load(browser, f"{site}/topics/{topic['id']}", "document.getElementById('chart').dataset.rendered")
    bands = browser.find_elements(By.CSS_SELECTOR, "#chart g.bands_marks path")
    assert len(bands) == len([r for r in full["timeline"] if r["date"]])
    assert browser.find_elements(By.CSS_SELECTOR, "#chart g.consensus_marks path")
    figures = browser.find_elements(By.CSS_SELECTOR, "#chart g.figures_marks path")
    assert len(figures) == len([r for r in full["timeline"] if r["value"] is not None and not r["denied"]])
    timeline = browser.find_elements(By.CSS_SELECTOR, "#timeline tr.timeline-row")
    assert {r.get_attribute("data-claim") for r in timeline} <= {r["claim_id"] for r in full["timeline"]}
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline .claim-detail") == []  # loaded on opening
    open_groups(browser)
    shown = [d.get_attribute("data-claim") for d in browser.find_elements(By.CSS_SELECTOR, "#timeline .claim-detail")]
    assert sorted(shown) == sorted(r["claim_id"] for r in full["timeline"])


def open_groups(driver) -> None:
    """Open every timeline group of the topic page and wait until each has loaded its claims."""
    driver.execute_script("document.querySelectorAll('details[data-fragment]').forEach(d => d.open = true)")
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "return [...document.querySelectorAll('details[data-fragment]')].every(d => d.dataset.loaded === '1')"))
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors
    assert driver.execute_script("return window.__pwned === undefined"), driver.execute_script("return window.__pwned")


def test_topic_split_from_the_boxes_of_an_opened_group(browser, site):
    topic = max(api(site, "/api/v1/topics")["rows"], key=lambda t: t["claims"])
    load(browser, f"{site}/topics/{topic['id']}", "document.getElementById('chart') !== null")
    open_groups(browser)
    box = browser.find_element(By.CSS_SELECTOR, "#timeline .claim-detail input[type=checkbox][form=split-form]")
    claim = box.get_attribute("value")
    box.click()
    browser.find_element(By.CSS_SELECTOR, "#split-form input[name=label]").send_keys("Split in the browser")
    browser.find_element(By.CSS_SELECTOR, "#split-form button").click()
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(
        "var n = document.querySelector('.notice'); return n && n.textContent.indexOf('moved 1 claim') >= 0"))
    assert browser.find_element(By.ID, "topic-label").text == "Split in the browser"
    assert [r["claim_id"] for r in api(site, browser.current_url.split("?")[0].replace(
        site + "/topics/", "/api/v1/topics/"))["timeline"]] == [claim]


def test_topic_page_marks_denials(browser, site):
    topics = api(site, "/api/v1/topics")["rows"]
    denied = [t for t in topics if any(r["denied"] and r["date"] for r in
                                       api(site, f"/api/v1/topics/{t['id']}")["timeline"])]
    assert denied, "the Kremlin's denial belongs to a topic"
    load(browser, f"{site}/topics/{denied[0]['id']}", "document.getElementById('chart').dataset.rendered")
    assert browser.find_elements(By.CSS_SELECTOR, "#chart g.denials_marks path")


def test_topic_edits_from_the_page(browser, site, web_store):
    topic = api(site, "/api/v1/topics")["rows"][-1]
    load(browser, f"{site}/topics/{topic['id']}", "document.getElementById('chart') !== null")
    field = browser.find_element(By.CSS_SELECTOR, "#rename-form input[name=label]")
    field.clear()
    field.send_keys("Renamed <b>in the browser</b>")
    browser.find_element(By.CSS_SELECTOR, "#rename-form button").click()
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(
        "var n = document.querySelector('.notice'); return n && n.textContent.indexOf('renamed') >= 0"))
    assert browser.find_element(By.ID, "topic-label").text == "Renamed <b>in the browser</b>"
    assert api(site, f"/api/v1/topics/{topic['id']}")["label"] == "Renamed <b>in the browser</b>"
    forged = httpx.post(f"{site}/topics/{topic['id']}/edit", data={"action": "rename", "label": "forged"},
                        timeout=30)
    assert forged.status_code == 403
    assert api(site, f"/api/v1/topics/{topic['id']}")["label"] == "Renamed <b>in the browser</b>"


def test_map_draws_each_place_of_the_claims(browser, site):
    places = api(site, "/api/v1/places")
    drawn = [f for f in places["features"] if f["geometry"] and f["properties"]["precision"] != "country"]
    load(browser, site + "/map", "document.getElementById('map').dataset.drawn")
    marks = browser.find_elements(By.CSS_SELECTOR, "#map path.claim-mark:not(.precision-country)")
    assert drawn and len(marks) == len(drawn)
    assert browser.find_elements(By.CSS_SELECTOR, "#map path")  # the vendored basemap's countries
    marks[0].click()
    popup = WebDriverWait(browser, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, ".leaflet-popup-content"))
    assert popup.find_elements(By.CSS_SELECTOR, "li")
    hostile = [f for f in drawn if any(c["claim_id"] == HOSTILE_ID for c in f["properties"]["claims"])]
    assert hostile, "the hostile place is on the map"


def test_map_filters_by_modality(browser, site):
    load(browser, site + "/map?modality=denied", "document.getElementById('map').dataset.drawn")
    shown = int(browser.find_element(By.ID, "map").get_attribute("data-drawn"))
    features = api(site, "/api/v1/places?modality=denied")["features"]
    assert shown == len([f for f in features if f["geometry"] or f["properties"]["country_number"]])


def test_claims_page_pages_and_searches(browser, site):
    everything = api(site, "/api/v1/claims?_size=1000")["rows"]
    load(browser, site + "/claims?_size=10")
    seen = []
    while True:
        seen += [r.get_attribute("data-claim") for r in browser.find_elements(By.CSS_SELECTOR, "tr.claim-row")]
        following = browser.find_elements(By.ID, "next-page")
        if not following:
            break
        following[0].click()
    assert seen == [c["id"] for c in everything]
    load(browser, site + "/claims?text=" + quote('"Kursk region"'))
    found = browser.find_elements(By.CSS_SELECTOR, "tr.claim-row")
    assert found and len(found) < len(everything)


def test_document_page_highlights_spans_and_shows_a_claim(browser, site, web_store):
    doc = next(d for d in api(site, "/api/v1/documents?_size=100")["rows"] if d["claims"] > 3)
    data = api(site, f"/api/v1/documents/{doc['id']}/claims")
    load(browser, f"{site}/documents/{doc['id']}")
    for kind in ("source", "cue", "content", "quantity"):
        assert browser.find_elements(By.CSS_SELECTOR, f"#doc-text .hl-{kind}"), kind
    highlighted = {c for e in browser.find_elements(By.CSS_SELECTOR, "#doc-text [data-claims]")
                   for c in e.get_attribute("data-claims").split()}
    assert highlighted == {c["id"] for c in data["claims"]}
    quantity = browser.find_element(By.CSS_SELECTOR, "#doc-text .hl-quantity")
    quantity.click()
    shown = browser.find_element(By.ID, "claim-id").text
    assert shown in quantity.get_attribute("data-claims").split()
    assert f'"id": "{shown}"' in browser.find_element(By.ID, "claim-json").text


def test_source_page_shows_its_claims_and_grade(browser, site):
    actor = api(site, "/api/v1/actors")["rows"][0]
    load(browser, f"{site}/source?name={quote(actor['name'])}", "document.getElementById('chart').dataset.rendered"
         " || document.getElementById('chart').classList.contains('empty')")
    assert browser.find_element(By.ID, "actor-name").text == actor["name"]
    assert len(browser.find_elements(By.CSS_SELECTOR, "#claims tr.claim-row")) == actor["claims"]
    browser.find_element(By.CSS_SELECTOR, "#grade-form select option[value=B]").click()
    browser.find_element(By.CSS_SELECTOR, "#grade-form button").click()
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(
        "var g = document.getElementById('grade'); return g && g.textContent === 'B'"))
    assert ": B (usually reliable)" in browser.find_element(By.CSS_SELECTOR, ".notice").text


@pytest.mark.parametrize("path", ["/documents", "/sources", "/claims", "/map", "/"])
def test_hostile_strings_are_shown_as_text(browser, site, path):
    load(browser, site + path, "document.readyState === 'complete'")


def test_hostile_document_pages_run_no_payload(browser, site, web_store):
    hostile, _ = hostile_document()
    load(browser, f"{site}/documents/{hostile.id}")
    assert "<script>" in browser.find_element(By.ID, "doc-title").text
    browser.find_element(By.CSS_SELECTOR, "#doc-text .hl-source").click()
    assert "window.__pwned" in browser.find_element(By.ID, "claim-json").text
    markdown = next(d for d in api(site, "/api/v1/documents?_size=100")["rows"] if d["kind"] != "post"
                    and "<script>" in (d["title"] or ""))
    load(browser, f"{site}/documents/{markdown['id']}")
    topics = api(site, f"/api/v1/claims/{HOSTILE_ID}")["topics"]
    assert topics
    load(browser, f"{site}/topics/{topics[0]['id']}", "document.getElementById('chart').dataset.rendered")
    open_groups(browser)
    detail = browser.find_element(By.CSS_SELECTOR, f"#timeline .claim-detail[data-claim='{HOSTILE_ID}']")
    assert "<script>" in detail.text
    fragment = httpx.get(f"{site}/topics/{topics[0]['id']}/group/{HOSTILE_ID}", timeout=30).text
    assert "<script>" not in fragment and "&lt;script&gt;" in fragment and "<img" not in fragment
    actor = api(site, "/api/v1/actors?q=Evil")["rows"][0]["name"]
    load(browser, f"{site}/source?name={quote(actor)}", "document.getElementById('chart').dataset.rendered")
    load(browser, site + "/api/v1/docs", "document.querySelector('.opblock') !== null")
