#!/usr/bin/env python3
"""The dashboard in a real browser: Debian's chromium driven by Playwright against a live server.

1. Starts the debug server on 127.0.0.1 with --port 0 (serving --data and --dashboard), reads the bound
   port from its log, and always stops it at the end.
2. Opens /dashboard/ in chromium (the system one, /usr/bin/chromium: no browser is downloaded) and walks
   through the views as a person would: the overview, a search for COMAC, a facet, an entity, a trade
   measure and the article its sentence comes from, the disputes, an unknown entity, a phone-width
   screen. Each check compares what the page shows with what the API answers.
3. Any console error, failed request, HTTP error not expected by the check, or request to another host
   fails the check during which it happened.
4. Saves a screenshot of each view in --screenshots (git-ignored), and ends with "N passed, M failed";
   exit status 1 if anything failed.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

from playwright.sync_api import Page, sync_playwright

LISTENING = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")
TIMEOUT_MS = 10_000


class Server:
    """The news-api server on a free loopback port; a context manager that always stops it."""

    def __init__(self, binary: str, data: str, dashboard: str):
        self.command = [binary, "--host", "127.0.0.1", "--port", "0", "--data", data, "--dashboard", dashboard]
        self.log = tempfile.NamedTemporaryFile("w+", prefix="news-api-browser-", suffix=".log")
        self.process: subprocess.Popen | None = None
        self.base = ""

    def __enter__(self) -> "Server":
        self.process = subprocess.Popen(self.command, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            self.log.seek(0)
            match = LISTENING.search(self.log.read())
            if match:
                self.base = f"http://127.0.0.1:{match.group(1)}"
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.__exit__(None, None, None)
        self.log.seek(0)
        raise RuntimeError(f"the server did not start:\n{self.log.read()}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def api(self, path: str):
        with urllib.request.urlopen(self.base + path, timeout=10) as response:
            return json.load(response)


class Suite:
    def __init__(self, server: Server, page: Page, shots: Path):
        self.server, self.page, self.shots = server, page, shots
        self.passed = self.failed = 0
        self.problems: list[str] = []
        self.allowed_status: set[int] = set()
        self.api_requests: list[str] = []
        origin = urlsplit(server.base).netloc
        page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                if m.type == "error" and not self.allowed(m.text) else None)
        page.on("pageerror", lambda e: self.problems.append(f"uncaught exception: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} ({r.failure})"))
        page.on("request", self.on_request)
        page.on("response", lambda r: self.problems.append(f"HTTP {r.status} for {r.url}")
                if r.status >= 400 and r.status not in self.allowed_status else None)
        self.origin = origin

    def allowed(self, text: str) -> bool:
        return any(f"status of {s}" in text for s in self.allowed_status)

    def on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob") and parts.netloc != self.origin:
            self.problems.append(f"request to another host: {request.url}")
        if parts.netloc == self.origin and not parts.path.startswith("/dashboard"):
            self.api_requests.append(parts.path + ("?" + parts.query if parts.query else ""))

    def run(self, name: str, check) -> None:
        self.problems.clear()
        self.allowed_status = set()
        try:
            check()
            self.page.wait_for_load_state("networkidle")
            assert not self.problems, "; ".join(self.problems)
        except Exception as error:  # noqa: BLE001 - a check fails on anything
            self.failed += 1
            print(f"FAIL {name}: {error}")
            if not isinstance(error, AssertionError):
                traceback.print_exc(limit=3)
            return
        self.passed += 1
        print(f"ok   {name}")

    # -- helpers ---------------------------------------------------------------------------------------

    def go(self, hash_: str = "") -> None:
        self.page.goto(f"{self.server.base}/dashboard/{hash_}")
        self.settle()

    def settle(self) -> None:
        """Waits until the view of the current URL is shown: a click or back/forward changes the hash at
        once, and until the page's hashchange handler runs, the previous view is still there, not busy."""
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_function(
            """() => {
                const main = document.getElementById("main");
                const hash = location.hash.replace(/^#/, "") || "/";
                return main.dataset.hash === hash && !main.hasAttribute("aria-busy") && main.childElementCount > 0;
            }""",
            timeout=TIMEOUT_MS)

    def shot(self, name: str, full_page: bool = True) -> None:
        self.page.screenshot(path=str(self.shots / f"{name}.png"), full_page=full_page)

    def texts(self, selector: str) -> list[str]:
        return [t.strip() for t in self.page.locator(selector).all_inner_texts()]


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def checks(s: Suite) -> None:
    page, api = s.page, s.server.api

    def overview():
        s.api_requests.clear()
        s.go()
        page.wait_for_selector("svg.timeline")
        first_render = list(s.api_requests)
        print(f"     the overview's first render made {len(first_render)} API requests: {', '.join(first_render)}")
        expect(len(first_render) <= 5, f"{len(first_render)} requests for the overview")
        health = api("/healthz")["counts"]
        tiles = " ".join(s.texts(".tiles li"))
        for key in ("articles", "entities", "trade_measures", "claims"):
            expect(f"{health[key]:,}" in tiles, f"the tiles {tiles!r} lack the {key} count {health[key]}")
        expect("1 Apr 2025 – 15 Apr 2025" in tiles, f"date range missing from {tiles!r}")
        # The chart's table says what the API's day timeline says (the corpus spans one month: per day).
        buckets = api("/timeline?interval=day&limit=1000")["items"]
        rows = page.locator(".chart table tbody tr")
        expect(rows.count() == len(buckets), f"chart table has {rows.count()} rows, API {len(buckets)} days")
        last = [c.strip() for c in rows.nth(rows.count() - 1).locator("td").all_text_contents()]
        want = [str(buckets[-1][k]) for k in ("articles", "articles_imprecise", "measures_announced", "measures_in_force", "measures_active")]
        expect(last == want, f"last chart row {last}, API {want}")
        chart = page.locator("svg.timeline")
        name = page.locator("#" + chart.get_attribute("aria-labelledby")).inner_text()
        expect(chart.get_attribute("role") in ("img", "group") and name.startswith("Articles and trade measures"),
               f"the chart's accessible name is {name!r}")
        expect(page.locator(".chart details table").count() == 1, "the chart has no table")
        expect(page.locator(".result").count() == api("/articles?limit=10")["total"], "the list does not show every article")
        s.shot("overview")
        # The README's picture (docs/dashboard.png): the counts, the filters, the chart and the first results.
        page.screenshot(path=str(s.shots / "dashboard.png"), full_page=True, clip={"x": 0, "y": 0, "width": 1280, "height": 1280})

    def search_comac():
        s.go()
        box = page.get_by_label("Search articles")
        expect(box.get_attribute("type") == "search", "the search field is not <input type=search>")
        box.fill("COMAC")
        box.press("Enter")
        page.wait_for_url(re.compile(r"#/search\?q=COMAC"))
        s.settle()
        want = api("/articles?q=COMAC")
        titles = s.texts(".result h3")
        expect(titles == [i["title"] for i in want["items"]], f"titles {titles} differ from the API's")
        expect(len(titles) == 2, f"{len(titles)} results for COMAC")
        for i, item in enumerate(want["items"]):
            marks = s.texts(f".result:nth-child({i + 1}) .snippet mark")
            expected = [item["snippet"]["text"][h["start"]:h["end"]] for h in item["snippet"]["highlights"]]
            expect(marks == expected and all(m.upper() == "COMAC" for m in marks), f"highlights {marks}, API {expected}")
        expect(page.locator("h1").inner_text().startswith("2 results"), "heading does not say 2 results")
        s.shot("search")
        page.reload()
        s.settle()
        expect(s.texts(".result h3") == titles, "a reload of the search lost it")

    def facet_vietnam():
        s.go()
        before = page.locator(".result").count()
        vietnam = page.locator('.facets a[data-facet-id="vietnam"]')
        count = vietnam.locator(".count").inner_text()
        vietnam.click()
        page.wait_for_url(re.compile(r"entity=vietnam"))
        s.settle()
        want = api("/articles?entity=vietnam")
        after = page.locator(".result").count()
        expect(after == want["total"] == int(count) < before, f"{before} → {after} results, API {want['total']}, facet said {count}")
        expect(s.texts(".result h3") == [i["title"] for i in want["items"]], "the narrowed list differs from the API's")
        expect(page.locator('.facets a[data-facet-id="vietnam"]').get_attribute("aria-pressed") == "true", "Vietnam not shown as chosen")
        rows = page.locator(".chart table tbody tr")
        expect(rows.count() >= 1, "no chart for the narrowed question")
        s.shot("facet")
        page.go_back()
        s.settle()
        expect(page.locator(".result").count() == before, "back did not restore the full list")
        page.go_forward()
        s.settle()
        expect(page.locator(".result").count() == after, "forward did not restore the narrowed list")

    def entity():
        s.go("#/search?entity=vietnam")
        page.locator(".result .entity-row a", has_text=re.compile(r"^Vietnam$")).first.click()
        page.wait_for_url(re.compile(r"#/entity/vietnam"))
        s.settle()
        e = api("/entities/vietnam")
        expect(page.locator("h1").inner_text().startswith("Vietnam"), "heading is not Vietnam")
        profile = page.locator(".profile").inner_text()
        expect(all(a in profile for a in e["aliases"]) and e["wikidata_id"] in profile, f"profile lacks aliases or Wikidata: {profile!r}")
        implementing = s.texts(".two-col > div:first-child ul.measures:nth-of-type(1) > li > a")
        expect(implementing == [m["title"] for m in e["trade_measures"]["implementing"]], f"implementing {implementing}")
        graph = api("/graph?entity=vietnam&limit=16")
        names = [t.rsplit(" ", 1)[0] for t in s.texts(".co-list li")]
        expect(names == [n["name"] for n in graph["nodes"] if n["id"] != "vietnam"][:12], f"co-mentioned {names}")
        expect(page.locator(".chart table tbody tr").count() >= 1, "no timeline for the entity")
        s.shot("entity")

    def measure():
        s.go("#/measures")
        expect(page.locator("ul.measures.big > li").count() == api("/trade-measures")["total"], "the list lacks measures")
        tariff = page.locator('.facets a[data-facet-id="tariff"]')
        count = int(tariff.locator(".count").inner_text())
        tariff.click()
        page.wait_for_url(re.compile(r"measure_type=tariff"))
        s.settle()
        titles = s.texts("ul.measures.big > li > a")
        want = api("/trade-measures?measure_type=tariff")["items"]
        expect(titles == [m["title"] for m in want] and len(titles) == count, f"tariffs {titles}, facet said {count}")
        s.shot("measures")
        page.get_by_role("link", name="US 145% tariff on Chinese goods").click()
        page.wait_for_url(re.compile(r"#/measure/us-tariff-145-percent-china"))
        s.settle()
        m = api("/trade-measures/us-tariff-145-percent-china")
        quotes = s.texts(".quotes blockquote")
        expect(quotes == [src["quote"] for src in m["sources"]], f"quotes {quotes}")
        expect("The United States recently imposed a 145 percent tariff on Chinese goods" in quotes, "the 145% sentence is not quoted")
        lifecycle = page.locator(".lifecycle").inner_text()
        expect("10 Apr 2025" in lifecycle and "day precision" in lifecycle and "from the public record" in lifecycle,
               f"lifecycle {lifecycle!r}")
        expect("145%" in page.locator(".profile").inner_text(), "rate not shown")
        s.shot("measure")
        page.locator(".quotes .cite a").first.click()
        page.wait_for_url(re.compile(r"#/article/d679149af95f4c6c\?measure="))
        s.settle()
        marked = page.locator(".body mark.quote").inner_text()
        expect(marked == m["sources"][0]["quote"], f"highlighted {marked!r}")
        article = api("/articles/d679149af95f4c6c")
        mentions = sum(1 for e in article["entities"] for o in e.get("offsets", []) if o["field"] == "body")
        links = page.locator(".body a.mention").count()
        expect(links >= mentions, f"{links} mention links for {mentions} mentions")
        expect(page.locator(".body a.mention", has_text="COMAC").first.get_attribute("href") == "#/entity/comac", "COMAC not linked")
        s.shot("article")

    def disputes():
        s.go()
        page.get_by_role("link", name="Disputes").first.click()
        page.wait_for_url(re.compile(r"#/disputes"))
        s.settle()
        claims = api("/claims")["items"]
        topics = s.texts(".claim h2")
        expect(sorted(topics) == sorted(c["topic"] for c in claims), f"topics {topics}")
        claim = page.locator(".claim", has_text="Number of agreements")
        statements = s.texts(".claim:has-text('Number of agreements') .statement")
        expect(statements[0] == "45 agreements were signed." and "dozens" in statements[1], f"statements {statements}")
        versions = claim.locator(".version")
        a, b = versions.nth(0).bounding_box(), versions.nth(1).bounding_box()
        expect(abs(a["y"] - b["y"]) < 2 and a["x"] < b["x"], "the versions are not side by side")
        expect("dozens of agreements" in claim.inner_text(), "the 'dozens' quote is missing")
        s.shot("disputes")

    def unknown_entity():
        s.allowed_status = {404}
        s.go("#/entity/vietnm")
        problem_suggestions = [x["name"] for x in json_problem(s.server.base + "/entities/vietnm")["suggestions"]]
        shown = s.texts(".suggestions li a")
        expect(shown == problem_suggestions, f"suggestions {shown}, API {problem_suggestions}")
        page.get_by_role("link", name="Vietnam", exact=True).click()
        page.wait_for_url(re.compile(r"#/entity/vietnam"))
        s.settle()
        s.go("#/search?q=zzzzqqq")
        expect("No article matches" in page.locator(".result-list .empty").inner_text(), "no empty state")
        s.allowed_status = {400}
        s.go("#/search?entity=nosuchthing")
        reason = json_problem(s.server.base + "/articles?entity=nosuchthing")["invalid_params"][0]["reason"]
        expect(reason in page.locator("[role=alert]").first.inner_text(), "the bad entity's reason is not shown")

    def phone():
        page.set_viewport_size({"width": 390, "height": 844})
        try:
            for view in ("", "#/search?q=COMAC", "#/entity/vietnam", "#/measure/us-tariff-145-percent-china", "#/disputes"):
                s.go(view)
                width = page.evaluate("document.documentElement.scrollWidth")
                expect(width <= 390, f"{view or 'overview'} is {width}px wide on a 390px screen")
            s.go()
            s.shot("phone-overview", full_page=False)
        finally:
            page.set_viewport_size({"width": 1280, "height": 900})

    def keyboard():
        s.go()
        page.keyboard.press("Tab")
        expect(page.evaluate("document.activeElement.textContent") == "Skip to content", "first Tab is not the skip link")
        page.keyboard.press("Enter")
        expect(page.evaluate("document.activeElement.id") == "main" and page.locator("h1").inner_text() == "The bundled news corpus",
               "the skip link did not move the focus to the view, or changed the view")
        page.get_by_label("Search articles").focus()
        page.keyboard.type("steel")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"q=steel"))
        s.settle()
        expect(page.locator(".result").count() == api("/articles?q=steel")["total"], "keyboard search gave another count")
        hit = page.locator("svg.timeline .hit").first
        hit.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"from=\d{4}-\d\d-\d\d&to="))
        s.settle()

    s.run("overview: counts, date range, chart = API timeline, few requests", overview)
    s.run("search COMAC: two articles, COMAC highlighted from the API's offsets", search_comac)
    s.run("facet Vietnam narrows the list; back/forward", facet_vietnam)
    s.run("entity Vietnam: profile, measures, co-mentions from /graph", entity)
    s.run("measure 145% tariff quotes its sentence; article highlights it", measure)
    s.run("disputes: 45 agreements against 'dozens', side by side", disputes)
    s.run("unknown entity shows suggestions; empty states", unknown_entity)
    s.run("phone width: nothing wider than the screen", phone)
    s.run("keyboard: skip link, search, chart periods", keyboard)


def json_problem(url: str) -> dict:
    try:
        urllib.request.urlopen(url, timeout=10)
    except urllib.error.HTTPError as error:
        return json.load(error)
    raise AssertionError(f"{url} did not fail")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", required=True, help="the news-api binary")
    parser.add_argument("--data", default="data/seed")
    parser.add_argument("--dashboard", default="web")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--screenshots", default="Tests/Browser/screenshots")
    args = parser.parse_args()
    shots = Path(args.screenshots)
    shots.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with Server(args.server, args.data, args.dashboard) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
            context.set_default_timeout(TIMEOUT_MS)
            suite = Suite(server, context.new_page(), shots)
            checks(suite)
        finally:
            browser.close()
    print(f"screenshots in {shots}/ ({time.monotonic() - started:.0f} s)")
    print(f"{suite.passed} passed, {suite.failed} failed")
    return 1 if suite.failed else 0


if __name__ == "__main__":
    sys.exit(main())
