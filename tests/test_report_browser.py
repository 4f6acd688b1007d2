"""report.html in a real browser: headless Chromium (Debian's ``chromium`` and ``chromedriver``,
installed by ``make browser`` when missing) opens the seeds' page and the chip event's page
from disk and a reader's steps are checked: no console error, every section there, a click on
a number shows its sentences with the span marked, the filters narrow tables and evidence,
long tables page. A screenshot of the first screen is left in the test's temporary folder."""

from __future__ import annotations

import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

SECTIONS = ("summary", "disagreements", "phrases", "leads", "stance", "facts", "quotes", "cues", "similarity", "search")


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    assert chromium and driver_path, "the browser test needs Debian's chromium and chromium-driver: run `make browser`"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--allow-file-access-from-files"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def _open(browser, path):
    browser.get(path.as_uri())
    WebDriverWait(browser, 60).until(lambda d: d.execute_script("return document.body.dataset.ready"))
    return int(browser.execute_script("return document.body.dataset.ready"))


def _errors(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def _visible_rows(browser, table_id: str) -> list[list[str]]:
    host = browser.find_element(By.CSS_SELECTOR, f'div.table[data-table="{table_id}"]')
    return [[c.text for c in tr.find_elements(By.CSS_SELECTOR, "th, td")]
            for tr in host.find_elements(By.CSS_SELECTOR, "tbody tr")]


def _pager(browser, table_id: str) -> str:
    return browser.find_element(By.CSS_SELECTOR, f'div.table[data-table="{table_id}"] .pager .rows').text


def test_seed_page_opens_without_errors_and_has_every_section(browser, seeds_run, tmp_path):
    took = _open(browser, seeds_run / "report.html")
    assert _errors(browser) == []
    for section in SECTIONS:
        heading = browser.find_element(By.CSS_SELECTOR, f"section#{section} h2")
        assert heading.text, section
    assert len(browser.find_elements(By.CSS_SELECTOR, "figure svg")) == 13
    assert len(browser.find_elements(By.CSS_SELECTOR, "div.table table")) >= 10
    shot = tmp_path / "report-first-screen.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 20_000
    print(f"\nseeds report.html drawn {took} ms after navigation; first screen: {shot}")


def test_a_click_on_a_count_shows_its_sentences_marked(browser, seeds_run):
    _open(browser, seeds_run / "report.html")
    button = browser.find_element(By.CSS_SELECTOR, 'div.table[data-table="stance"] button.ev')
    count = int(button.text)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    dialog = browser.find_element(By.ID, "evidence")
    assert dialog.get_attribute("open") is not None
    items = dialog.find_elements(By.CSS_SELECTOR, "#evidence-list li")
    assert len(items) == count
    for item in items:
        assert item.find_element(By.CSS_SELECTOR, "mark").text
        assert item.find_element(By.CSS_SELECTOR, ".outlet").text
    browser.find_element(By.ID, "evidence-close").click()
    assert dialog.get_attribute("open") is None
    assert browser.switch_to.active_element == button  # focus goes back to the number
    button.click()
    assert dialog.get_attribute("open") is not None
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert dialog.get_attribute("open") is None
    # a second number clicked while the dialog is open gets the focus back
    other = browser.find_elements(By.CSS_SELECTOR, 'div.table[data-table="stance"] button.ev')[1]
    button.click()
    browser.execute_script("arguments[0].click()", other)
    browser.find_element(By.ID, "evidence-close").click()
    assert browser.switch_to.active_element == other
    assert _errors(browser) == []


def test_filters_narrow_tables_and_evidence(browser, seeds_run):
    _open(browser, seeds_run / "report.html")
    outlet = Select(browser.find_element(By.ID, "filter-outlet"))
    label = "Reuters rewrite"
    outlet.select_by_visible_text(label)
    rows = _visible_rows(browser, "summary")
    assert [r[0] for r in rows] == [label]
    stance = _visible_rows(browser, "stance")
    assert stance and {r[0] for r in stance} == {label}
    evidence = browser.find_elements(By.CSS_SELECTOR, "#search-list li .outlet")
    assert evidence and {e.text for e in evidence} == {label}

    Select(browser.find_element(By.ID, "filter-voice")).select_by_visible_text("in quote marks")
    voices = browser.find_elements(By.CSS_SELECTOR, "#search-list li .voice")
    assert voices and {v.text for v in voices} == {"in quote marks"}

    browser.find_element(By.ID, "filter-reset").click()
    text = browser.find_element(By.ID, "filter-text")
    text.send_keys("playing for time")
    WebDriverWait(browser, 10).until(lambda d: "playing for time" in d.find_element(By.ID, "filter-status").text)
    found = browser.find_elements(By.CSS_SELECTOR, "#search-list li blockquote")
    assert found and all("playing for time" in f.text.lower() for f in found)
    stance = _visible_rows(browser, "stance")  # only the rows whose evidence has the words
    assert stance and {r[2] for r in stance} == {"delay"}
    assert _errors(browser) == []


def test_long_tables_page_and_sort(browser, seeds_run):
    _open(browser, seeds_run / "report.html")
    assert _pager(browser, "cue_rates").startswith("Rows 1–25 of 175")
    host = browser.find_element(By.CSS_SELECTOR, 'div.table[data-table="cue_rates"]')
    nxt = [b for b in host.find_elements(By.CSS_SELECTOR, ".pager button") if b.text == "Next"][0]
    browser.execute_script("arguments[0].click()", nxt)
    assert _pager(browser, "cue_rates").startswith("Rows 26–50 of 175")
    header = [b for b in host.find_elements(By.CSS_SELECTOR, "th .sort") if b.text == "Per 1,000 tokens"][0]
    browser.execute_script("arguments[0].focus(); arguments[0].click()", header)
    assert browser.switch_to.active_element.text == "Per 1,000 tokens"  # the redraw gives the focus back
    values = [float(r[5].replace(",", "")) for r in _visible_rows(browser, "cue_rates")]
    assert values == sorted(values, reverse=True) and values[0] > 0


def test_chip_event_page_works_the_same(browser, chip_run):
    """Another event, no data file: same sections, no error, a click on a disputed value shows
    the sentences of both values."""
    _open(browser, chip_run / "report.html")
    assert _errors(browser) == []
    for section in SECTIONS:
        assert browser.find_elements(By.CSS_SELECTOR, f"section#{section}"), section
    rows = _visible_rows(browser, "disagreements")
    assert rows[0][1] == "conflict"
    button = browser.find_element(By.CSS_SELECTOR, 'div.table[data-table="disagreements"] tbody tr button.ev')
    browser.execute_script("arguments[0].click()", button)
    notes = {n.text for n in browser.find_elements(By.CSS_SELECTOR, "#evidence-list li .note")}
    assert len(notes) >= 2


def test_tables_are_labelled_and_the_print_style_drops_the_controls(browser, seeds_run):
    _open(browser, seeds_run / "report.html")
    tables = browser.find_elements(By.CSS_SELECTOR, "div.table table")
    for table in tables:
        assert table.find_element(By.TAG_NAME, "caption").text
        heads = table.find_elements(By.CSS_SELECTOR, "thead th")
        assert heads and all(h.get_attribute("scope") == "col" for h in heads)
    # a voice is named in words, not only shown by a style
    voices = browser.find_elements(By.CSS_SELECTOR, "#search-list .voice")
    assert voices and all(v.text for v in voices)
    hidden = "return getComputedStyle(document.querySelector(arguments[0])).display"
    assert browser.execute_script(hidden, "#filters") != "none"
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        for selector in ("#filters", "nav", ".pager", "#search"):
            assert browser.execute_script(hidden, selector) == "none", selector
        assert browser.execute_script(hidden, "section#summary figure") != "none"
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
