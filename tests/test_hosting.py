"""A build served where it was not built for: instant navigation, and one scorer start per visit.
Also the build's compressed copies (scripts/compress_site.py) and how scripts/serve_site.py sends them.

The site's sitemap lists its pages at the site_url of the build (http://127.0.0.1:8000/ by
default), where mkdocs-material alone navigates instantly. Here the same MkDocs build, unchanged,
is served on another port and under a path prefix, and the Zensical build under a path prefix; a
reader answers an item, then changes page five times by clicking real links (the footer, the
navigation, a search result) and goes back twice. Pyodide must start once: one scorer worker, one
download of its WebAssembly, and never a reload.
"""

from __future__ import annotations

import functools
import gzip
import http.client
import http.server
import os
import re
import subprocess
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from conftest import load_script
from helpers import BROWSER_TIMEOUT_MS as TIMEOUT_MS
from helpers import keep_to_site, wait_until

pytestmark = pytest.mark.browser

PREFIX = "/intranet/handbook/"
SITEMAP_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def sitemap_root(site: Path) -> str:
    """The address the build's sitemap gives the site: its shortest <loc>."""
    locs = [loc.text.strip() for loc in ElementTree.parse(site / "sitemap.xml").getroot().iter(SITEMAP_LOC)]
    return min(locs, key=len)


def serve(site: Path, prefix: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve site, as built, under prefix on a free port of 127.0.0.1; anything outside is a 404."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                          ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
                          ".json": "application/json", ".whl": "application/zip", ".xml": "application/xml"}

        def send_head(self):
            if not self.path.startswith(prefix):
                self.send_error(404)
                return None
            self.path = "/" + self.path[len(prefix):]
            return super().send_head()

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # a download the browser gave up (a page left while loading) is no error here

    server = Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


# Where each build is served: MkDocs's build on another port and under a path prefix, and
# Zensical's (which relocates its sitemap itself: the page module must stay out of its way).
# Zensical's search is a dialog of its own, so its tour reaches the same page by the navigation.
ADDRESSES = {"other-port": ("built_site", "/", "search"), "path-prefix": ("built_site", PREFIX, "search"),
             "zensical-path-prefix": ("zensical_site", PREFIX, "navigation")}


@pytest.fixture(params=list(ADDRESSES))
def address(request) -> Iterator[tuple[Path, str, str]]:
    """A session's build served at an address other than its sitemap's: (site, base URL, first link)."""
    fixture, prefix, first_link = ADDRESSES[request.param]
    site = request.getfixturevalue(fixture)
    server, base = serve(site, prefix)
    try:
        yield site, base, first_link
    finally:
        server.shutdown()
        server.server_close()


class Tour:
    """A reader's visit in its own browser context, counting what would show a second Pyodide start."""

    def __init__(self, browser, base: str, first_link: str):
        self.base = base
        self.first_link = first_link  # "search" (a search result) or "navigation"
        self.prefix = re.sub(r"^https?://[^/]+", "", base)
        self.origin = base[: len(base) - len(self.prefix)]
        self.scorer_workers: list[str] = []
        self.wasm_requests: list[str] = []
        self.loads: list[str] = []
        self.reloaded: list[str] = []
        self.context = browser.new_context()
        self.context.set_default_timeout(TIMEOUT_MS)
        self.foreign = keep_to_site(self.context, self.origin)
        self.context.on("request", self._count_request)
        self.page = self.context.new_page()
        self.page.on("worker", lambda worker: self.scorer_workers.append(worker.url)
                     if worker.url.endswith("/scorer-worker.js") else None)
        self.page.on("load", lambda page: self.loads.append(page.url))


    def _count_request(self, request) -> None:
        # The service worker's own copy of the runtime for offline use is no start of Pyodide.
        if request.url.endswith("/pyodide.asm.wasm") and request.service_worker is None:
            self.wasm_requests.append(request.url)

    def path(self, page: str) -> str:
        return self.prefix + page

    def change_page(self, click, page: str) -> None:
        """Click (a function), then wait until the theme has shown page, the path below the site root."""
        views = self.page.evaluate("window.__sameDocument = true; window.mhTimings.pageViews")
        click()
        self.page.wait_for_url(lambda url: urlsplit(url).path == self.path(page))  # and loaded, if it was a load
        # Shown by instant navigation (one more page view), or by a full load (the marker gone).
        wait_until(self.page, """([path, views]) => location.pathname === path && window.mhTimings !== undefined
                                 && (window.__sameDocument !== true || window.mhTimings.pageViews > views)""",
                   [self.path(page), views])
        if not self.page.evaluate("window.__sameDocument === true"):
            self.reloaded.append(page)

    def click(self, selector: str):
        return lambda: self.page.locator(selector).first.click()

    def nav_link(self, page: str):
        """The primary navigation's link to page (a path below the site root)."""
        return self.click(f"nav.md-nav--primary a.md-nav__link[href='{self.base}{page}']")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tour(browser, address) -> Iterator[Tour]:
    site, base, first_link = address
    assert not base.startswith(sitemap_root(site)), "served where the sitemap says: nothing to show"
    current = Tour(browser, base, first_link)
    try:
        yield current
    finally:
        current.close()
    assert current.foreign == [], f"requests to other hosts: {current.foreign}"


class TestServedElsewhere:
    def test_five_page_changes_and_back_start_pyodide_once(self, tour):
        """Answering, then five clicked page changes and two steps back: one worker, one wasm download, no reload."""
        t, page = tour, tour.page
        page.goto(t.base + "business-comprehension/initial-understanding/")
        wait_until(page, "() => window.mhTimings !== undefined && window.mhTimings.pageViews > 0")
        page.locator("fieldset#bc-iu-01 input[value='dashboard']").check()
        page.locator("fieldset#bc-iu-02 input[value='yes']").check()
        page.locator(".mh-header-score[data-state='scored']").wait_for()
        assert len(t.scorer_workers) == 1

        if t.first_link == "search":  # first, as the theme closes the search 125 ms after a page change
            page.locator("input.md-search__input").click()
            page.keyboard.type("registry")
            result = page.locator("a.md-search-result__link[href*='/deployment/model-registry/']").first
            result.wait_for()
            t.change_page(result.click, "deployment/model-registry/")
        else:
            t.change_page(t.nav_link("deployment/model-registry/"), "deployment/model-registry/")
        t.change_page(t.click("a.md-footer__link--next"), "deployment/monitoring-feedback/")
        t.change_page(t.nav_link("score/"), "score/")
        page.locator("#mh-score-total[data-state='scored']").wait_for()
        assert page.locator("#mh-score-total .mh-points").inner_text() == "1"
        t.change_page(t.nav_link("modeling/"), "modeling/")
        t.change_page(t.click("a.md-footer__link--prev"), "data-analysis/insights/")
        assert page.locator(".md-content h1").inner_text().startswith("Insights")

        t.change_page(page.go_back, "modeling/")
        t.change_page(page.go_back, "score/")
        page.locator(".mh-header-score[data-state='scored']").wait_for()

        assert len(t.scorer_workers) == 1, f"Pyodide started {len(t.scorer_workers)} times"
        assert t.scorer_workers == [t.base + "assets/js/scorer-worker.js"]
        assert len(t.wasm_requests) == 1, t.wasm_requests
        assert t.reloaded == [], "pages shown by a full load instead of instant navigation"
        assert t.loads == [t.base + "business-comprehension/initial-understanding/"]
        assert page.evaluate("window.mhTimings.pageViews") == 8


# --- Compressed copies -------------------------------------------------------------------------

STYLE = b"".join(b".mh-item-%d { color: #123456; margin: 0 0 1rem; }\n" % n for n in range(300))


def brotli_decompress(data: bytes) -> bytes:
    """data decompressed by Node's Brotli decoder (the one that compresses at build time is Node's too)."""
    script = "process.stdout.write(require('zlib').brotliDecompressSync(require('fs').readFileSync(0)))"
    return subprocess.run(["node", "-e", script], input=data, capture_output=True, check=True).stdout


def small_site(folder: Path, cache_dir: Path | None = None) -> Path:
    """A site of a stylesheet, a wheel, a file that does not compress and a page, compressed."""
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "style.css").write_bytes(STYLE)
    (folder / "assets" / "package.whl").write_bytes(STYLE)  # compressible bytes: skipped for its type
    (folder / "assets" / "noise.txt").write_bytes(os.urandom(4096))  # saves nothing: no copy
    (folder / "index.html").write_bytes(b"<!doctype html><title>t</title>" + STYLE)
    load_script("compress_site").compress(folder, cache_dir=cache_dir)
    return folder


@pytest.fixture(scope="module")
def compressed_site(tmp_path_factory) -> Path:
    return small_site(tmp_path_factory.mktemp("compressed") / "site")


COPIES = ("assets/style.css.gz", "assets/style.css.br", "index.html.gz", "index.html.br")


class TestCompressSite:
    def test_css_gets_both_copies_and_wheel_and_noise_none(self, compressed_site):
        """A stylesheet gets a .br and a .gz of the same bytes; a wheel and an incompressible file get none."""
        site = compressed_site
        assert gzip.decompress((site / "assets/style.css.gz").read_bytes()) == STYLE
        assert brotli_decompress((site / "assets/style.css.br").read_bytes()) == STYLE
        assert len((site / "assets/style.css.br").read_bytes()) < len((site / "assets/style.css.gz").read_bytes())
        left = sorted(path.name for path in (site / "assets").iterdir())
        assert left == ["noise.txt", "package.whl", "style.css", "style.css.br", "style.css.gz"]

    def test_output_is_deterministic(self, compressed_site, tmp_path):
        """A second run on the same files, later, writes the same bytes."""
        again = small_site(tmp_path / "again")
        for copy in COPIES:
            assert (again / copy).read_bytes() == (compressed_site / copy).read_bytes(), copy

    def test_cached_copies_are_the_same_bytes(self, compressed_site, tmp_path):
        """A build served from the cache writes what compressing anew writes, without compressing."""
        site = small_site(tmp_path / "site", cache_dir=tmp_path / "cache")
        for copy in COPIES:
            (site / copy).unlink()
        for cached in (tmp_path / "cache").rglob("*"):
            os.utime(cached, (0, 0))  # unused for decades: pruned after this run, yet used by it
        load_script("compress_site").compress(site, cache_dir=tmp_path / "cache")
        for copy in COPIES:
            assert (site / copy).read_bytes() == (compressed_site / copy).read_bytes(), copy
        # Used now, so kept: the stylesheet's and the page's, and the noise's (kept, unused).
        assert len(list((tmp_path / "cache").rglob("*.br"))) == 3

    def test_filled_cache_serves_the_build(self, compressed_site, tmp_path):
        """Files compressed ahead into the cache (as the prepare step does the runtime) are not compressed again,
        and a build then takes the same bytes from the cache, nothing written beside the originals."""
        compress_site = load_script("compress_site")
        source = tmp_path / "ahead" / "style.css"
        source.parent.mkdir()
        source.write_bytes(STYLE)
        cache = tmp_path / "cache"
        assert compress_site.fill_cache([source], cache) == 1 and compress_site.fill_cache([source], cache) == 0
        assert sorted(path.name for path in source.parent.iterdir()) == ["style.css"]
        entry = compress_site._cache_entry(source, cache)
        assert entry.with_suffix(".br").read_bytes() == (compressed_site / "assets/style.css.br").read_bytes()


def serve_site_handler(site: Path, compress: bool = True) -> Iterator[http.client.HTTPConnection]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), load_script("serve_site").handler(site, "/", {"Cache-Control": "no-cache"},
                                                            compress=compress))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    try:
        yield connection
    finally:
        connection.close()
        server.shutdown()
        server.server_close()


@pytest.fixture
def served(compressed_site) -> Iterator[http.client.HTTPConnection]:
    """A connection to scripts/serve_site.py's handler serving the small compressed site."""
    yield from serve_site_handler(compressed_site)


def get(connection: http.client.HTTPConnection, path: str, method: str = "GET",
        **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
    connection.request(method, path, headers={name.replace("_", "-"): value for name, value in headers.items()})
    response = connection.getresponse()
    return response, response.read()


class TestServeCompressed:
    def test_each_encoding_gives_the_file_bytes(self, served):
        """br, gzip and identity each send the stylesheet's bytes, encoded as Content-Encoding says."""
        for accept, encoding, decode in (("gzip, deflate, br", "br", brotli_decompress),
                                         ("gzip", "gzip", gzip.decompress), ("identity", None, bytes)):
            response, body = get(served, "/assets/style.css", Accept_Encoding=accept)
            assert response.status == 200
            assert response.getheader("Content-Encoding") == encoding, accept
            assert response.getheader("Content-Type") == "text/css"
            assert response.getheader("Vary") == "Accept-Encoding"
            assert response.getheader("Cache-Control") == "no-cache"
            assert int(response.getheader("Content-Length")) == len(body)
            assert decode(body) == STYLE

    def test_a_copy_not_modified_since_is_a_304(self, served):
        """A conditional request for a compressed copy gets 304 when it has not changed, as a plain file does."""
        response, _ = get(served, "/assets/style.css", Accept_Encoding="br")
        last = response.getheader("Last-Modified")
        response, body = get(served, "/assets/style.css", Accept_Encoding="br", If_Modified_Since=last)
        assert (response.status, body) == (304, b"") and response.getheader("Vary") == "Accept-Encoding"
        response, _ = get(served, "/assets/style.css", Accept_Encoding="br",
                          If_Modified_Since="Mon, 01 Jan 1990 00:00:00 GMT")
        assert response.status == 200

    def test_q_zero_refuses_an_encoding(self, served):
        """q=0 rules an encoding out, and a higher q wins over the preference for Brotli."""
        cases = {"br;q=0, gzip": "gzip", "br;q=0, gzip;q=0": None, "*;q=0": None,
                 "br;q=0.5, gzip;q=0.8": "gzip", "*": "br"}
        for accept, encoding in cases.items():
            response, _ = get(served, "/assets/style.css", Accept_Encoding=accept)
            assert response.getheader("Content-Encoding") == encoding, accept

    def test_folder_address_serves_the_compressed_page(self, served, compressed_site):
        """A page asked for by its folder's address gets its index.html's copy, typed as HTML."""
        response, body = get(served, "/", Accept_Encoding="br")
        assert (response.getheader("Content-Encoding"), response.getheader("Content-Type")) == ("br", "text/html")
        assert brotli_decompress(body) == (compressed_site / "index.html").read_bytes()

    def test_files_without_copies_are_served_as_built(self, served, compressed_site):
        """Only a file with copies varies by Accept-Encoding; a wheel and an incompressible file are sent as built."""
        response, _ = get(served, "/assets/style.css", Accept_Encoding="identity")
        assert response.getheader("Vary") == "Accept-Encoding"  # the answer depends on the header
        for path in ("/assets/package.whl", "/assets/noise.txt"):
            response, body = get(served, path, Accept_Encoding="br, gzip")
            assert response.getheader("Content-Encoding") is None
            assert response.getheader("Vary") is None
            assert body == (compressed_site / path.lstrip("/")).read_bytes()

    def test_head_and_range(self, served):
        """HEAD names the copy's length with no body; a Range request gets the file as built."""
        response, body = get(served, "/assets/style.css", "HEAD", Accept_Encoding="br")
        assert body == b"" and response.getheader("Content-Encoding") == "br"
        assert int(response.getheader("Content-Length")) < len(STYLE)
        response, body = get(served, "/assets/style.css", Accept_Encoding="br", Range="bytes=0-9")
        assert response.getheader("Content-Encoding") is None and STYLE.startswith(body[:10])

    def test_a_file_changed_after_its_copies_is_served_as_built(self, tmp_path):
        """A file newer than its copies (edited after the build compressed it) is never sent from a stale copy."""
        site = small_site(tmp_path / "site")
        later = (site / "assets/style.css.br").stat().st_mtime + 10
        os.utime(site / "assets/style.css", (later, later))
        for connection in serve_site_handler(site):
            response, body = get(connection, "/assets/style.css", Accept_Encoding="br, gzip")
            assert response.getheader("Content-Encoding") is None and body == STYLE

    def test_no_compress_serves_as_built(self, compressed_site):
        """handler(compress=False), behind --no-compress, ignores the copies."""
        for connection in serve_site_handler(compressed_site, compress=False):
            response, body = get(connection, "/assets/style.css", Accept_Encoding="br, gzip")
            assert response.getheader("Content-Encoding") is None and body == STYLE


class TestBuiltSiteCopies:
    def test_pages_and_page_code_have_copies_of_the_same_bytes(self, built_site):
        """The session's build has a .br and a .gz of every page and of main.js, which decode to the file."""
        files = [built_site / "assets/js/handbook/main.js", *sorted(built_site.rglob("*.html"))]
        for path in files:
            original = path.read_bytes()
            assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == original, path
        main = files[0]
        assert brotli_decompress(main.with_name("main.js.br").read_bytes()) == main.read_bytes()
        assert all(path.with_name(path.name + ".br").is_file() for path in files)

    def test_service_worker_never_lists_a_copy(self, built_site):
        """Neither sw.js nor the manifest written again over the compressed site lists a .br or .gz copy."""
        assert (built_site / "assets/js/handbook/main.js.br").is_file()
        text = (built_site / "sw.js").read_text(encoding="utf-8")
        listed = re.findall(r'\["([^"]*)","[0-9a-f]{64}",\d+\]', text)
        manifest = load_script("service_worker").site_manifest(built_site)
        relisted = [entry[0] for group in manifest["files"].values() for entry in group]
        assert "assets/js/handbook/main.js" in listed and "assets/js/handbook/main.js" in relisted
        assert [address for address in listed + relisted if address.endswith((".br", ".gz"))] == []
