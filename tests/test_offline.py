"""Offline and repeat visits: the service worker (sw.js) that scripts/service_worker.py writes.

The browser tests serve a copy of the built site at a fixed address, visit it once in Chromium,
then cut the network twice over: the browser context goes offline and the server stops, so that
no request can reach it (the browser's own update check of sw.js ignores the emulated offline
state). A new release is a copy with one page changed, served at the same address.

Playwright's context.route (the Visit class's guard against requests to other hosts) sees every
request that reaches the network, the service worker's own included, and none that the service
worker answers from its cache: so the guard stays, and a request the cache should have answered
fails the test once the server is stopped.
"""

from __future__ import annotations

import functools
import hashlib
import html
import http.server
import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from conftest import load_script
from helpers import INSECURE_HOST, follow_link, wait_until
import test_browser as browser_tests
from test_browser import STORAGE_KEY, Visit, package_figures, run_cli

RELEASE_PREFIX = "mlops-handbook-release-"
CHANGED_PAGE = "data-preparation/data-quality-check/"
NEW_RELEASE_MARK = '<p id="release-b">This page changed in the new release.</p>'


service_worker = load_script("service_worker")


def manifest_of(site: Path) -> dict:
    """The manifest written into the site's sw.js."""
    found = re.search(r"const MANIFEST = (\{.*?\});\n", (site / "sw.js").read_text(encoding="utf-8"))
    assert found, "sw.js carries no manifest"
    return json.loads(found.group(1))


def addresses(manifest: dict, *groups: str) -> set[str]:
    return {address for group in groups for address, _, _ in manifest["files"][group]}


def page_titles(site: Path) -> dict[str, str]:
    """Every page's address (relative to the root) and its <title>."""
    titles = {}
    for page in sorted(site.rglob("index.html")):
        folder = page.parent.relative_to(site).as_posix()
        title = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S).group(1)
        titles["" if folder == "." else folder + "/"] = html.unescape(title).strip()
    return titles


# ---- The generator ----------------------------------------------------------------------------

class TestManifest:
    def test_groups_addresses_and_digests(self, tmp_path):
        """Pages are listed by folder, the runtime apart, source maps left out, each with its sha256 and size."""
        site = tmp_path / "site"
        for name, text in {"index.html": "home", "stage/index.html": "stage", "404.html": "missing",
                           "assets/app.js": "code", "assets/app.js.map": "map", "sitemap.xml": "<urlset/>",
                           "assets/pyodide/pyodide.asm.wasm": "wasm", "assets/runtime.json": "{}",
                           "assets/javascripts/lunr/min/lunr.de.min.js": "de"}.items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(text, encoding="utf-8")
        manifest = service_worker.site_manifest(site)
        assert addresses(manifest, "pages") == {"", "stage/", "404.html", "assets/app.js"}
        assert addresses(manifest, "runtime") == {"assets/pyodide/pyodide.asm.wasm", "assets/runtime.json"}
        assert addresses(manifest, "on-demand") == {"assets/javascripts/lunr/min/lunr.de.min.js"}
        assert addresses(manifest, "unverified") == {"sitemap.xml"}
        assert ["stage/", hashlib.sha256(b"stage").hexdigest(), 5] in manifest["files"]["pages"]

    def test_any_change_gives_a_new_release_and_rewriting_changes_nothing(self, tmp_path):
        """Changing one byte of any file, even one not cached, changes the release id; writing twice gives the same sw.js."""
        site = tmp_path / "site"
        (site / "assets").mkdir(parents=True)
        (site / "index.html").write_text("home", encoding="utf-8")
        (site / "assets" / "app.js.map").write_text("map", encoding="utf-8")
        service_worker.write_service_worker(site)
        first = (site / "sw.js").read_text(encoding="utf-8")
        service_worker.write_service_worker(site)
        assert (site / "sw.js").read_text(encoding="utf-8") == first
        (site / "assets" / "app.js.map").write_text("map2", encoding="utf-8")
        service_worker.write_service_worker(site)
        assert manifest_of(site)["release"] != re.search(r'"release":"(\w+)"', first).group(1)

    def test_a_folder_without_a_site_is_refused(self, tmp_path):
        """A folder with no index.html is not a built site: the error says so."""
        with pytest.raises(service_worker.ServiceWorkerError, match="no index.html"):
            service_worker.write_service_worker(tmp_path)


# ---- In Chromium --------------------------------------------------------------------------------

class SiteServer:
    """A site at one address that can stop (no connection is accepted) and start again, perhaps
    serving another copy: the network cut, and a new release deployed at the same address."""

    def __init__(self, prefix: str = "/"):
        self.prefix = prefix
        self.port = 0
        self.server = None
        self.paths: list[str] = []

    @property
    def origin(self) -> str:
        """The site's root, without the final slash (the Visit class's origin)."""
        return f"http://127.0.0.1:{self.port}{self.prefix.rstrip('/')}"

    def start(self, site: Path) -> "SiteServer":
        paths = self.paths

        class Handler(load_script("serve_site").SiteHandler):
            prefix = self.prefix

            def do_GET(self):
                paths.append(self.path)
                return super().do_GET()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port),
                                                      functools.partial(Handler, directory=str(site)))
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


def drop_compressed_copies(site: Path, *names: str) -> None:
    """Remove the build's compressed copies of files a test rewrote, which the server would send instead."""
    for name in names:
        for suffix in (".gz", ".br"):
            (site / (name + suffix)).unlink(missing_ok=True)


def release_copy(source: Path, target: Path, change_page: bool = False, later_by: int = 20) -> Path:
    """A copy of the site with its sw.js written; change_page marks one page as changed.

    The new sw.js is dated later_by seconds after the copied one: the test server answers a
    browser's check with 304 Not Modified unless the file is newer than the last one the browser
    fetched, and copies made within the same second would look unchanged.
    """
    shutil.copytree(source, target)
    if change_page:
        page = target / CHANGED_PAGE / "index.html"
        page.write_text(page.read_text(encoding="utf-8").replace("</h1>", "</h1>" + NEW_RELEASE_MARK, 1),
                        encoding="utf-8")
    service_worker.write_service_worker(target)
    drop_compressed_copies(target, "sw.js", f"{CHANGED_PAGE}index.html")
    if (source / "sw.js").is_file():
        later = (source / "sw.js").stat().st_mtime + later_by
        os.utime(target / "sw.js", (later, later))
    return target


@pytest.fixture(scope="module")
def release_a(built_site, tmp_path_factory) -> Path:
    return release_copy(built_site, tmp_path_factory.mktemp("release-a") / "site")


@pytest.fixture(scope="module")
def release_b(release_a, tmp_path_factory) -> Path:
    return release_copy(release_a, tmp_path_factory.mktemp("release-b") / "site", change_page=True)


@pytest.fixture(scope="module")
def damaged_release(release_a, tmp_path_factory) -> Path:
    """A copy whose sw.js lists a page other than the one served, as after a half-done upload.

    Dated between release A and release B, which the browser meets in that order.
    """
    site = tmp_path_factory.mktemp("release-damaged") / "site"
    shutil.copytree(release_a, site)
    page = site / "modeling" / "index.html"
    served = page.read_text(encoding="utf-8")
    page.write_text(served + "<!-- listed but never served -->", encoding="utf-8")
    service_worker.write_service_worker(site)
    drop_compressed_copies(site, "sw.js")
    page.write_text(served, encoding="utf-8")
    later = (release_a / "sw.js").stat().st_mtime + 10
    os.utime(site / "sw.js", (later, later))
    return site


@pytest.fixture
def server():
    current = SiteServer()
    try:
        yield current
    finally:
        current.stop()


@pytest.fixture
def server_under_prefix():
    """The site in a folder of the host, as where a host puts several sites."""
    current = SiteServer(prefix="/handbook/")
    try:
        yield current
    finally:
        current.stop()


def cached(page) -> dict[str, list[str]]:
    """Every cache of the origin and the addresses it holds, sorted."""
    return page.evaluate("""async () => {
        const out = {};
        for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map(r => r.url).sort();
        return out;
    }""")


def wait_cached(page, origin: str, manifest: dict, *groups: str) -> None:
    """Until the release's cache holds every file of the groups (and the worker controls the page)."""
    wanted = sorted(f"{origin}/{address}" for address in addresses(manifest, *groups))
    wait_until(page, """async ([name, wanted]) => {
        if (!navigator.serviceWorker.controller || !(await caches.has(name))) return false;
        const cache = await caches.open(name);
        for (const url of wanted) if (!(await cache.match(url))) return false;
        return true;
    }""", [RELEASE_PREFIX + manifest["release"], wanted])


def first_visit(v: Visit, manifest: dict, use_scorer: bool) -> None:
    """One visit after which the release's cache is complete, the scorer's runtime included.

    use_scorer answers two items, so that the runtime is kept as the scorer loads it; otherwise
    the page tells the worker that its scorer started, as the page code does after a start.
    """
    v.open("business-comprehension/initial-understanding/")
    if use_scorer:
        v.choose("bc-iu-01", "ml-model")
        v.choose("bc-iu-02", "yes")
        v.wait_scored()
    else:
        wait_cached(v.page, v.origin, manifest, "pages", "unverified")
        v.page.evaluate("() => navigator.serviceWorker.ready.then(r => r.active.postMessage({type: 'scorer-started'}))")
    wait_cached(v.page, v.origin, manifest, "pages", "unverified", "runtime")


def served_offline(page, urls: list[str]) -> list[str]:
    """Those of the addresses that the page cannot fetch."""
    return page.evaluate("""async (urls) => {
        const failed = [];
        for (const url of urls) {
            try { if (!(await fetch(url)).ok) failed.push(url); } catch (error) { failed.push(url); }
        }
        return failed;
    }""", urls)


def install_outcome(page) -> str:
    """Asks the browser to check sw.js now, which must have changed; the new worker's state once its install ends."""
    page.evaluate("""async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        window.__install = null;
        registration.addEventListener("updatefound", () => {
            const worker = registration.installing;
            window.__install = worker.state;
            worker.addEventListener("statechange", () => { window.__install = worker.state; });
        }, { once: true });
        registration.update().catch(() => {});
    }""")
    wait_until(page, "() => window.__install !== null && window.__install !== 'installing'")
    return page.evaluate("window.__install")


@pytest.mark.browser
class TestOffline:
    def test_every_page_the_scorer_and_both_downloads_work_offline(self, browser, server, release_a, tmp_path):
        """After one visit, with the network cut: answering scores, the score page and downloads work, every page loads."""
        manifest = manifest_of(release_a)
        v = Visit(browser, server.start(release_a).origin)
        try:
            first_visit(v, manifest, use_scorer=True)
            server.stop()
            v.context.set_offline(True)

            v.follow_link("modeling/training-validation-tests/")
            v.choose("mo-tv-01", "regression")
            v.wait_scored()
            v.open("score/")  # a full load: the scorer starts again, from the cache
            v.wait_scored()
            # The page and the runtime came straight from the release's cache, by the static route
            # the service worker set at install, without starting it.
            sources = v.page.evaluate("""() => [performance.getEntriesByType("navigation")[0]]
                .concat(performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/handbook/main.js")))
                .map((e) => e.workerFinalSourceType)""")
            assert sources == ["cache", "cache"], sources
            assert v.shown_figures() == package_figures(v.stored_raw())
            answers_file = v.download("#mh-download-json", tmp_path)
            assert json.loads(answers_file.read_text())["answers"]["bc-iu-02"] is True
            from_page = v.download("#mh-download-xlsx", tmp_path)
            from_cli = tmp_path / "cli.xlsx"
            run_cli("export", str(answers_file), "-o", str(from_cli))
            assert browser_tests.TestSpreadsheet.cell_values(from_page, True) == \
                browser_tests.TestSpreadsheet.cell_values(from_cli, True)

            # Every page as a full load (the document; its assets are fetched below), then by
            # instant navigation with the page code running. Without answers no page but the
            # score page starts the scorer, which keeps this short.
            v.page.evaluate("(key) => localStorage.removeItem(key)", STORAGE_KEY)
            titles = page_titles(release_a)
            for path, title in titles.items():
                response = v.page.goto(f"{v.origin}/{path}", wait_until="commit")
                assert response.ok and response.from_service_worker, path
                assert f"<title>{html.escape(title, quote=False)}</title>" in response.text(), path
            # Instant navigation stays within a language's build: every English page, and in the
            # Spanish build (the same pages, the same cache) a stage, a subphase and the score page.
            for home, paths in (("", [path for path in titles if not path.startswith("es/")]),
                                ("es/", ["es/modeling/", "es/modeling/chosen-model/", "es/score/"])):
                v.open(home)
                for path in paths:
                    if path != home:
                        follow_link(v.page, path)
                        assert v.page.title() == titles[path]
            listed = sorted(f"{v.origin}/{address}" for address in addresses(manifest, "pages", "runtime"))
            assert served_offline(v.page, listed) == []
        finally:
            foreign = v.close()
        assert foreign == [], f"requests to other hosts: {foreign}"

    def test_no_service_worker_on_an_insecure_host_and_the_page_works(self, browser, server, release_a):
        """Served over plain HTTP under a host name (as on an intranet), the page has no service worker and still works."""
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(server.start(release_a).origin.replace("127.0.0.1", INSECURE_HOST) + "/" + CHANGED_PAGE)
            wait_until(page, "() => window.mhTimings !== undefined && window.mhTimings.pageViews > 0")
            assert page.evaluate("() => window.isSecureContext === false && navigator.serviceWorker === undefined")
        finally:
            context.close()


@pytest.mark.browser
class TestNewRelease:
    def test_a_new_release_replaces_the_cache_after_reload(self, browser, server_under_prefix, release_a, release_b,
                                                           damaged_release):
        """Under a path prefix: a damaged release is not installed; a good one waits behind Reload, then alone is cached and shown."""
        server = server_under_prefix
        old, new = manifest_of(release_a), manifest_of(release_b)
        assert old["release"] != new["release"]
        v = Visit(browser, server.start(release_a).origin)
        try:
            first_visit(v, old, use_scorer=False)
            # Another part of the site keeps its own cache (the scorer's memory snapshot): never touched.
            v.page.evaluate("() => caches.open('mlops-handbook-snapshot-probe').then(c => c.put('probe', new Response('x')))")
            old_caches = cached(v.page)

            server.stop()
            server.start(damaged_release)
            assert install_outcome(v.page) == "redundant"
            assert cached(v.page) == old_caches, "a failed install changed the caches"

            server.stop()
            server.paths.clear()
            server.start(release_b)
            v.open(CHANGED_PAGE)  # the browser checks sw.js on this load and installs the new release
            notice = v.page.locator(".mh-notice[data-topic='new-release']")
            notice.wait_for()
            assert "A new version of the handbook is available. Reload to use it." in notice.inner_text()
            assert v.page.locator("#release-b").count() == 0, "the old release's page mixed with the new"
            # Unchanged files, the scorer's runtime included, were copied from the old cache; the
            # sitemaps (one per language) are fetched as served.
            assert set(server.paths) == {server.prefix + name
                                         for name in ("sw.js", "sitemap.xml", "es/sitemap.xml", CHANGED_PAGE)}

            with v.page.expect_navigation():
                notice.get_by_role("button", name="Reload").click()
            wait_until(v.page, "() => window.mhTimings !== undefined && window.mhTimings.pageViews > 0")
            assert v.page.locator("#release-b").count() == 1

            caches_now = cached(v.page)
            assert sorted(caches_now) == sorted([RELEASE_PREFIX + new["release"], "mlops-handbook-snapshot-probe"])
            expected = {f"{v.origin}/{address}" for address in addresses(new, "pages", "unverified", "runtime")}
            assert set(caches_now[RELEASE_PREFIX + new["release"]]) == expected
            listed = {f"{v.origin}/{address}": digest for group in ("pages", "runtime")
                      for address, digest, _ in new["files"][group]}
            assert cache_digests(v.page, RELEASE_PREFIX + new["release"], list(listed)) == listed, \
                "a file of the old release is in the new cache"
        finally:
            foreign = v.close()
        assert foreign == [], f"requests to other hosts: {foreign}"

    def test_a_site_without_sw_js_drops_the_old_worker(self, browser, server, release_a, tmp_path):
        """Where the site is served without sw.js (as by `mkdocs serve`), the old release's worker and caches go and the page reloads from the server."""
        v = Visit(browser, server.start(release_a).origin)
        try:
            v.open("")
            wait_cached(v.page, v.origin, manifest_of(release_a), "pages")
            without = tmp_path / "site"
            shutil.copytree(release_a, without)
            (without / "sw.js").unlink()
            (without / "index.html").write_text((without / "index.html").read_text(encoding="utf-8")
                                                .replace("</h1>", "</h1>" + NEW_RELEASE_MARK, 1), encoding="utf-8")
            drop_compressed_copies(without, "sw.js", "index.html")
            server.stop()
            server.start(without)
            v.page.reload()  # from the old cache; the page then finds sw.js gone and reloads from the server
            v.page.locator("#release-b").wait_for(state="attached")  # a locator outlives the second load
            wait_until(v.page, "() => window.mhTimings !== undefined && window.mhTimings.pageViews > 0")
            assert v.page.evaluate("() => navigator.serviceWorker.controller") is None
            assert [name for name in cached(v.page) if name.startswith(RELEASE_PREFIX)] == []
        finally:
            foreign = v.close()
        assert foreign == [], f"requests to other hosts: {foreign}"


def cache_digests(page, name: str, urls: list[str]) -> dict[str, str]:
    """The sha256 of each address's body in the named cache."""
    return page.evaluate("""async ([name, urls]) => {
        const cache = await caches.open(name), out = {};
        for (const url of urls) {
            const response = await cache.match(url);
            if (!response) continue;
            const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await response.arrayBuffer()));
            out[url] = Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
        }
        return out;
    }""", [name, urls])
