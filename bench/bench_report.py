"""report.html at scale: its size, the time to write it, and how it behaves in a browser.

Runs ``toolkit analyze`` (a fresh process) on synthetic documents (``bench/synthetic.py``)
spread over a number of outlets, then opens the page in headless Chromium (Debian's chromium
and chromedriver: ``make browser``) and measures the time from navigation until the page's
script has drawn every table, the script's heap, and how long a reader waits for an outlet
filter, a text search and a click on a count. Prints each against its target as a ratio
(below 1 is within the target) and writes the rows to ``bench/results.md``.

    python bench/bench_report.py                          # 20,000 documents, 500 outlets
    python bench/bench_report.py --work /tmp/report-bench # keep the parse cache: a second run skips the parse
    python bench/bench_report.py --documents 2000 --outlets 50

Targets: page under 40 MB; drawn within 5 s of navigation; each filter, search or click
answered within 1 s (a 2-core machine).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic_texts  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results.md"
MARK_START, MARK_END = "<!-- bench_report: start -->", "<!-- bench_report: end -->"
TARGETS = {"page_mb": 40.0, "drawn_s": 5.0, "answer_s": 1.0}


def build(n_docs: int, outlets: int, sentences: int, work: Path, cache: Path) -> tuple[Path, dict]:
    texts = synthetic_texts(n_docs, sentences_per_doc=sentences)
    table = pd.DataFrame({"text": texts, "outlet": [f"synthetic-{i % outlets:03d}" for i in range(n_docs)]})
    corpus = work / "corpus.csv"
    table.to_csv(corpus, index=False)
    out = work / "out"
    command = [sys.executable, "-m", "toolkit", "analyze", str(corpus), "--out", str(out), "--cache-dir", str(cache),
               "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"toolkit analyze failed:\n{done.stderr[-2000:]}")
    return out / "report.html", json.loads((out / "run.json").read_text())


def browse(page: Path) -> dict:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--enable-precise-memory-info"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    try:
        driver.set_page_load_timeout(300)
        driver.get(page.as_uri())
        WebDriverWait(driver, 300).until(lambda d: d.execute_script("return document.body.dataset.ready"))
        drawn = int(driver.execute_script("return document.body.dataset.ready")) / 1000
        heap = driver.execute_script("return performance.memory ? performance.memory.usedJSHeapSize : null")

        def timed(script: str) -> float:
            # the page redraws synchronously on the event; the time is the script's own
            return driver.execute_script(f"const t = performance.now(); {script}; return performance.now() - t;") / 1000

        outlet = timed("const s = document.getElementById('filter-outlet'); s.selectedIndex = 2;"
                       "s.dispatchEvent(new Event('change'))")
        timed("const s = document.getElementById('filter-outlet'); s.selectedIndex = 0; s.dispatchEvent(new Event('change'))")
        # every filter change redraws at once; a text search after 200 ms of no typing, through the
        # same redraw, so the redraw is timed by setting the text and firing a select's change
        search = timed("document.getElementById('filter-text').value = 'the';"
                       "document.getElementById('filter-voice').dispatchEvent(new Event('change'))")
        click = timed("document.querySelector('div.table[data-table=\"cue_rates\"] button.ev').click()")
        errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        return {"drawn_s": drawn, "heap_mb": heap / 2**20 if heap else None, "outlet_filter_s": outlet,
                "search_s": search, "click_s": click, "console_errors": len(errors)}
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=20000)
    parser.add_argument("--outlets", type=int, default=500)
    parser.add_argument("--sentences", type=int, default=12,
                        help="seed sentences per synthetic document (default 12, about 275 words: a short news report)")
    parser.add_argument("--page", type=Path, help="measure this report.html in the browser only (no build; size and "
                        "browser times, the counts read from its run.json)")
    parser.add_argument("--no-record", action="store_true", help="print only; leave bench/results.md as it is")
    parser.add_argument("--work", type=Path, help="keep the corpus, output and parse cache here (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if args.page:
            page, run = args.page, json.loads((args.page.parent / "run.json").read_text())
            args.documents, args.outlets = run["documents"], run["outlets"]
        else:
            page, run = build(args.documents, args.outlets, args.sentences, work, work / "cache")
        row = {"documents": args.documents, "outlets": args.outlets, "sentences": args.sentences, "page_mb": page.stat().st_size / 2**20,
               "write_s": run["seconds"].get("report", float("nan")), **browse(page)}
    answer = max(row["outlet_filter_s"], row["search_s"], row["click_s"])
    print(f"{row['documents']:,} documents of {row['sentences']} sentences, {row['outlets']:,} outlets: report.html {row['page_mb']:.1f} MB "
          f"(ratio to {TARGETS['page_mb']:.0f} MB: {row['page_mb'] / TARGETS['page_mb']:.2f}), written in "
          f"{row['write_s']:.1f} s; drawn {row['drawn_s']:.2f} s after navigation (ratio {row['drawn_s'] / TARGETS['drawn_s']:.2f}); "
          f"script heap {row['heap_mb'] or float('nan'):.0f} MB; outlet filter {row['outlet_filter_s']:.2f} s, "
          f"search {row['search_s']:.2f} s, click {row['click_s']:.2f} s (slowest to {TARGETS['answer_s']:.0f} s: "
          f"{answer / TARGETS['answer_s']:.2f}); console errors {row['console_errors']}")
    if not args.no_record:
        _record(row)


def _record(row: dict) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    line = (f"| {row['documents']:,} | {row['sentences']} | {row['outlets']:,} | {row['page_mb']:.1f} | {row['write_s']:.1f} | "
            f"{row['drawn_s']:.2f} | {row['heap_mb'] or float('nan'):.0f} | {row['outlet_filter_s']:.2f} | "
            f"{row['search_s']:.2f} | {row['click_s']:.2f} | {row['console_errors']} |")
    block = "\n".join([MARK_START, "## report.html (`python bench/bench_report.py`)", "",
                       "| documents | sentences each | outlets | page MB | written (s) | drawn (s) | heap MB | outlet filter (s) | "
                       "search (s) | click (s) | console errors |",
                       "|---|---|---|---|---|---|---|---|---|---|---|", line, MARK_END])
    if MARK_START in text:
        text = text[:text.index(MARK_START)] + block + text[text.index(MARK_END) + len(MARK_END):]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
