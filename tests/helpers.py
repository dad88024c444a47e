"""Small shared helpers for the tests (paths and loading the fixture methodology)."""

from pathlib import Path

from mlops_handbook.loader import load_methodology

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURE_CHECKLISTS = TESTS / "fixtures" / "checklists"
REAL_CHECKLISTS = REPO / "checklists"


def fixture_methodology():
    return load_methodology(FIXTURE_CHECKLISTS)


def real_methodology():
    return load_methodology(REAL_CHECKLISTS)


# Debian's Chromium, started the same way by every browser test (one browser per test session).
CHROMIUM = "/usr/bin/chromium"
# 127.0.0.1 under a name the browser does not trust as it trusts 127.0.0.1: a page served there
# over plain HTTP is not a secure context (no crypto.subtle), as on an intranet host.
INSECURE_HOST = "handbook.test"
# Every other host name resolves to nothing, so that no request can leave the machine; the tests
# record any that is made (keep_to_site).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                 f"--host-resolver-rules=MAP {INSECURE_HOST} 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]

# Loading Pyodide on a small machine takes seconds; a ceiling, not a measurement.
BROWSER_TIMEOUT_MS = 120_000


def wait_until(page, function: str, arg=None) -> None:
    """Until the page function returns true, asked every 50 ms (up to BROWSER_TIMEOUT_MS).

    Playwright's wait_for_function with an expression evaluates it with eval in the page, which the
    site's Content-Security-Policy forbids; page.evaluate is not subject to it.
    """
    for _ in range(BROWSER_TIMEOUT_MS // 50):
        if page.evaluate(function, arg):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"still false after {BROWSER_TIMEOUT_MS // 1000} s: {function}")


def follow_link(page, path: str) -> None:
    """Go to a page by clicking a link, as a reader does (instant navigation, no reload)."""
    page.evaluate("window.__sameDocument = true")
    views = page.evaluate("window.mhTimings.pageViews")
    page.evaluate(
        """(target) => {
            const link = document.createElement("a");
            link.href = new URL(target, location.origin + "/").href;
            link.textContent = "go";
            document.querySelector(".md-content__inner").append(link);
            link.click();
        }""", path)
    wait_until(page, "([target, views]) => location.pathname === '/' + target && window.mhTimings.pageViews > views",
               [path, views])
    assert page.evaluate("window.__sameDocument === true"), "the page was reloaded instead"


def keep_to_site(context, origin: str) -> list[str]:
    """Record every request of the context outside origin in the returned list. The browser cannot
    reach them (CHROMIUM_ARGS resolves no other host name), and the site is not routed through
    Playwright, which would turn the browser's HTTP cache off, as a reader's browser never does."""
    foreign: list[str] = []

    def record(request) -> None:
        url = request.url
        if url.startswith(("http:", "https:", "ws:", "wss:")) and not url.startswith(origin + "/"):
            foreign.append(url)

    context.on("request", record)
    return foreign
