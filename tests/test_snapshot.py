"""The scorer's memory snapshots in a real browser: the one the site ships starts a first visit, a
later start restores the browser's own, and a bad one is never used.

The site ships a snapshot of the interpreter with the package imported and the methodology read
(assets/snapshots/, listed in runtime.json); a first start over a fast connection, which this local
server is, restores it and keeps it in IndexedDB, under the Pyodide version and the digests of the
runtime and of the site's wheels and methodology; the next load of the page restores that. One
browser context serves the class (each reload of it is a start of the scorer): every test begins
and ends with a good snapshot of this runtime stored.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Iterator

import openpyxl
import pytest

from helpers import wait_until
from test_browser import REPO_ROOT, STORAGE_KEY, Visit, origin, package_figures, private_visit, site  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

ANSWERS = {
    "format": "mlops-handbook-answers", "version": 2, "project": "Snapshot", "assessor": "", "date": "",
    "route": "ml-model", "task_type": "regression",
    "answers": {"bc-iu-02": True, "bc-iu-03": True, "bc-iu-04": False, "mo-tv-02": ["r-squared"]},
    "not_applicable": {"bc-iu-05": "Agreed by phone only"}, "notes": {},
}
EXPECTED = package_figures(json.dumps(ANSWERS))

# The stored snapshots as [key, bytes stored, length of the memory they restore, checksum still
# right]; and ways to change the stored one, written from the page with the site's own snapshot module.
READ_STORE = """async () => {
    const { checksum } = await import("/assets/js/scorer-snapshot.js");
    const database = await new Promise((resolve, reject) => {
        const request = indexedDB.open("mlops-handbook-snapshot");
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
    });
    const store = database.transaction("snapshots").objectStore("snapshots");
    const [keys, records] = await Promise.all(["getAllKeys", "getAll"].map((method) => new Promise((resolve) => {
        const request = store[method]();
        request.onsuccess = () => resolve(request.result);
    })));
    database.close();
    const stored = await Promise.all(records.map((record) => record.bytes.arrayBuffer()));
    return keys.map((key, i) => [key, stored[i].byteLength, records[i].length,
                                 checksum(new Uint8Array(stored[i])) === records[i].checksum]);
}"""
CHANGE_STORE = """async (change) => {
    const { checksum } = await import("/assets/js/scorer-snapshot.js");
    const database = await new Promise((resolve) => {
        const request = indexedDB.open("mlops-handbook-snapshot");
        request.onsuccess = () => resolve(request.result);
    });
    const run = (mode, work) => new Promise((resolve) => {
        const transaction = database.transaction("snapshots", mode);
        const request = work(transaction.objectStore("snapshots"));
        transaction.oncomplete = () => resolve(request && request.result);
    });
    const [key] = await run("readonly", (store) => store.getAllKeys());
    const record = await run("readonly", (store) => store.get(key));
    if (change === "unrestorable") {
        const bytes = new Uint8Array(await record.bytes.arrayBuffer());
        bytes.fill(0, 0, 64);  // no snapshot header any more, but a checksum that matches
        record.checksum = checksum(bytes);
        record.bytes = new Blob([bytes]);
        await run("readwrite", (store) => store.put(record, key));
    } else {
        // Another pyodide.asm.wasm, or another release's wheels and methodology, in the key.
        const other = change === "other-runtime" ? key.replace(/-[0-9a-f]{64}-site-/, "-" + "0".repeat(64) + "-site-")
                                                 : key.replace(/-site-[0-9a-f]+$/, "-site-" + "0".repeat(64));
        await run("readwrite", (store) => { store.delete(key); return store.put(record, other); });
    }
    database.close();
    return key;
}"""
# Damages the stored snapshot (its recorded length and checksum kept), asks the site's module to
# read it, then puts the good one back: [what readSnapshot gave, the keys stored after reading].
READ_DAMAGED = """async (damage) => {
    const snapshots = await import("/assets/js/scorer-snapshot.js");
    const database = await new Promise((resolve) => {
        const request = indexedDB.open("mlops-handbook-snapshot");
        request.onsuccess = () => resolve(request.result);
    });
    const run = (mode, work) => new Promise((resolve) => {
        const transaction = database.transaction("snapshots", mode);
        const request = work(transaction.objectStore("snapshots"));
        transaction.oncomplete = () => resolve(request && request.result);
    });
    const [key] = await run("readonly", (store) => store.getAllKeys());
    const good = await run("readonly", (store) => store.get(key));
    const damaged = Object.assign({}, good);
    if (damage === "truncated") {
        damaged.bytes = good.bytes.slice(0, good.bytes.size >> 1);
    } else {
        const bytes = new Uint8Array(await good.bytes.arrayBuffer());
        bytes[bytes.length >> 1] ^= 0xff;  // one byte in the middle of the interpreter's memory
        damaged.bytes = new Blob([bytes]);
    }
    await run("readwrite", (store) => store.put(damaged, key));
    const read = await snapshots.readSnapshot();
    const left = await run("readonly", (store) => store.getAllKeys());
    await run("readwrite", (store) => store.put(good, key));
    database.close();
    return [read, left];
}"""


# The shipped snapshot's download is decided by how fast the startup library came in
# (scorer-snapshot.js's worthDownloading): the probe's duration per byte, in the scorer's worker.
PROBE_RATE = """() => {
    const entry = performance.getEntriesByType("resource").filter((e) => /python_stdlib_startup[.]zip$/.test(e.name)).pop();
    return entry ? (entry.responseEnd - entry.responseStart) / entry.encodedBodySize : null;
}"""


def probe_was_slow(v: Visit, site) -> bool:
    """Whether this visit's scorer measured a connection too slow for the shipped snapshot (as a loaded
    machine can make even a local server look), so that a fresh start was the right one."""
    runtime = json.loads((site / "assets" / "runtime.json").read_text(encoding="utf-8"))
    worker = next((w for w in v.page.workers if w.url.endswith("/scorer-worker.js")), None)
    rate = worker.evaluate(PROBE_RATE) if worker else None
    return rate is not None and rate * runtime["snapshot"]["size"] > SHIPPED_DOWNLOAD_BUDGET_MS


SHIPPED_DOWNLOAD_BUDGET_MS = int(re.search(r"SHIPPED_DOWNLOAD_BUDGET_MS = (\d+);", (
    REPO_ROOT / "docs" / "assets" / "js" / "scorer-snapshot.js").read_text(encoding="utf-8")).group(1))


@pytest.fixture(scope="class")
def snapshot_visit(browser, origin, site) -> Iterator[Visit]:  # noqa: F811 - the fixtures imported above
    """One reader's visit to the score page, with saved answers and a snapshot stored by its first start.

    A first start that measured a slow connection (the machine busy with other tests) rightly starts
    fresh: the visit is made again in a new browser context, twice at most."""
    for attempt in range(3):
        current = Visit(browser, origin)
        current.context.add_init_script(
            f"if (!localStorage.getItem({json.dumps(STORAGE_KEY)})) "
            f"localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(json.dumps(ANSWERS))});")
        current.open("score/")
        current.first_start = scored_start(current)
        if current.first_start != "fresh" or attempt == 2 or not probe_was_slow(current, site):
            break
        current.close()
    try:
        yield current
    finally:
        foreign = current.close()
    assert foreign == [], f"requests to other hosts: {foreign}"


def scored_start(v: Visit) -> str:
    """Once the page has its first total and its snapshot is stored: how the scorer started."""
    wait_until(v.page, "() => window.mhTimings.firstScore !== null && window.mhTimings.scorerStart !== undefined")
    start = v.page.evaluate("window.mhTimings.scorerStart")
    if start in ("fresh", "shipped"):
        wait_until(v.page, "() => window.mhTimings.snapshotSaved !== undefined")
        assert v.page.evaluate("window.mhTimings.snapshotSaved") is not False, "the snapshot was not saved"
    return start


def reload(v: Visit) -> None:
    v.page.reload()
    wait_until(v.page, "() => window.mhTimings !== undefined && window.mhTimings.pageViews > 0")


def assert_scored_quietly(v: Visit) -> None:
    """The total equals the package's, and the reader was told of nothing."""
    v.wait_scored()
    assert v.shown_figures() == EXPECTED
    assert v.page.locator(".mh-notice").count() == 0
    assert v.page.locator("#mh-score-messages").inner_text().strip() == ""
    assert v.page.locator(".mh-header-score").get_attribute("data-state") == "scored"


def assert_one_good_snapshot(v: Visit) -> str:
    """Exactly one snapshot is stored, whole, under this runtime's key; its key."""
    runtime = json.loads(v.page.evaluate("fetch('/assets/runtime.json').then((r) => r.text())"))
    [[key, size, recorded, intact]] = v.page.evaluate(READ_STORE)
    assert key == expected_key(runtime)
    # Stored without its pages of zeros: fewer bytes than the interpreter's memory it restores.
    assert recorded > 10_000_000 and 0 < size < recorded and intact
    return key


def expected_key(runtime: dict) -> str:
    """What the snapshot holds: this Pyodide, its interpreter and startup standard library, the site's wheels and methodology."""
    pyodide = {entry["name"]: entry["sha256"] for entry in runtime["pyodide"]}
    loaded = [runtime["startup_stdlib"]["sha256"], *(wheel["sha256"] for wheel in runtime["wheels"]),
              runtime["methodology"]["sha256"]]
    return (f"pyodide-{runtime['pyodide_version']}-{pyodide['pyodide.asm.wasm']}-site-"
            + "".join(digest[:16] for digest in loaded))


class TestSnapshot:
    def test_first_start_restores_the_shipped_snapshot_and_stores_it(self, snapshot_visit):
        """The first start of a visit restores the snapshot the site ships, scores, then stores it as this
        browser's own, under this runtime's key."""
        v = snapshot_visit
        assert v.first_start == "shipped"
        assert any("/assets/snapshots/" in url for url in v.requests), "the shipped snapshot was not downloaded"
        # Started from the page's head (scorer-boot.js), and adopted by the page code: one worker.
        assert v.page.evaluate("window.mhTimings.earlyWorker") is True
        assert [w.url.rsplit("/", 1)[-1] for w in v.page.workers].count("scorer-worker.js") == 1
        scored_start(v)
        assert_scored_quietly(v)
        assert_one_good_snapshot(v)

    def test_reload_starts_from_the_snapshot_with_the_same_total(self, snapshot_visit, tmp_path):
        """A reload restores the stored snapshot instead of initialising, shows the same figures, and
        still writes the spreadsheet (whose modules the package imports only then, from its files)."""
        v = snapshot_visit
        scored_start(v)
        reload(v)
        assert scored_start(v) == "snapshot"
        assert_scored_quietly(v)
        assert v.page.evaluate("window.mhTimings.scorerStartMs") > 0
        workbook = openpyxl.load_workbook(v.download("#mh-download-xlsx", tmp_path))
        assert "Answers" in workbook.sheetnames

    @pytest.mark.parametrize("damage", ["truncated", "one byte changed"])
    def test_damaged_copy_is_not_read_and_is_deleted(self, snapshot_visit, damage):
        """A stored snapshot shorter than recorded, or with a byte changed, is not handed to Pyodide and is deleted."""
        v = snapshot_visit
        scored_start(v)
        assert v.page.evaluate(READ_DAMAGED, damage) == [None, []]
        assert_one_good_snapshot(v)  # put back for the next test

    def test_unrestorable_snapshot_falls_back_silently_and_is_replaced(self, snapshot_visit):
        """A snapshot Pyodide refuses to restore gives a fresh start, the right total, no notice, and a good snapshot again."""
        v = snapshot_visit
        scored_start(v)
        v.page.evaluate(CHANGE_STORE, "unrestorable")
        reload(v)
        assert scored_start(v) == "fresh"
        assert_scored_quietly(v)
        assert_one_good_snapshot(v)

    @pytest.mark.parametrize("change", ["other-runtime", "other-release"])
    def test_snapshot_of_another_runtime_or_release_is_not_used_and_is_deleted(self, snapshot_visit, change):
        """A snapshot stored under another pyodide.asm.wasm digest, or another release's wheels and
        methodology, is ignored, and the fresh start's snapshot replaces it."""
        v = snapshot_visit
        scored_start(v)
        kept = v.page.evaluate(CHANGE_STORE, change)
        [[other, *_]] = v.page.evaluate(READ_STORE)
        assert other != kept and len(other) == len(kept)
        reload(v)
        assert scored_start(v) == "fresh"
        assert_scored_quietly(v)
        assert assert_one_good_snapshot(v) == kept


class TestShippedSnapshotDecision:
    def test_slow_connection_does_not_download_the_shipped_snapshot(self, private_visit, site):  # noqa: F811
        """Over a connection at half the rate that brings the shipped snapshot within the worker's budget
        (1 s), the worker measures the rate, does not request the snapshot, and starts afresh; the
        unthrottled first start above does download it ("shipped")."""
        v = private_visit
        size = json.loads((site / "assets" / "runtime.json").read_text(encoding="utf-8"))["snapshot"]["size"]
        half_the_needed_rate = size / 1.0 / 2  # bytes per second
        session = v.context.new_cdp_session(v.page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": 0, "downloadThroughput": half_the_needed_rate,
            "uploadThroughput": half_the_needed_rate})
        v.context.add_init_script(
            f"if (!localStorage.getItem({json.dumps(STORAGE_KEY)})) "
            f"localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(json.dumps(ANSWERS))});")
        v.open("score/")
        wait_until(v.page, "() => window.mhTimings.scorerStart !== undefined && window.mhTimings.scorerStart !== null")
        assert v.page.evaluate("window.mhTimings.scorerStart") == "fresh"
        assert not [url for url in v.requests if "/assets/snapshots/" in url]


class TestShippedSnapshot:
    @pytest.mark.parametrize("fault", ["damaged", "missing"])
    def test_bad_shipped_snapshot_gives_a_fresh_start_quietly(self, private_visit, site, fault):  # noqa: F811
        """A shipped snapshot whose bytes differ from runtime.json's digest, or that the host lacks, is not
        restored: the interpreter starts afresh, scores right, tells the reader nothing, and stores its own."""
        v = private_visit
        shipped = json.loads((site / "assets" / "runtime.json").read_text(encoding="utf-8"))["snapshot"]

        def serve(route):
            if fault == "missing":
                route.fulfill(status=404, body="not here")
                return
            body = bytearray(route.fetch().body())
            body[len(body) // 2] ^= 0xFF
            route.fulfill(status=200, body=bytes(body), headers={"Content-Type": "application/octet-stream"})

        v.context.route(f"{v.origin}/assets/{shipped['path']}", serve)
        v.context.add_init_script(
            f"if (!localStorage.getItem({json.dumps(STORAGE_KEY)})) "
            f"localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(json.dumps(ANSWERS))});")
        v.open("score/")
        assert scored_start(v) == "fresh"
        assert any(url.endswith(shipped["path"]) for url in v.requests), "the shipped snapshot was not asked for"
        assert_scored_quietly(v)
        assert_one_good_snapshot(v)

    def test_shipped_snapshot_is_of_this_runtime_and_release(self, site):  # noqa: F811
        """runtime.json lists the shipped snapshot under the key of this runtime and release, with its
        size and digest, and the service worker never caches it (a browser that has started the scorer
        keeps its own)."""
        runtime = json.loads((site / "assets" / "runtime.json").read_text(encoding="utf-8"))
        shipped = runtime["snapshot"]
        assert shipped["key"] == expected_key(runtime)
        file = site / "assets" / shipped["path"]
        assert shipped["path"].startswith("snapshots/") and shipped["size"] == file.stat().st_size > 1_000_000
        assert hashlib.sha256(file.read_bytes()).hexdigest() == shipped["sha256"]
        assert "snapshots/" not in (site / "sw.js").read_text(encoding="utf-8")
