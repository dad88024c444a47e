"""Finish a built site: what can only be written once every page exists.

    python scripts/finish_site.py SITE_DIR        (./run build does it, after MkDocs or Zensical)

1. The page code is bundled for shipping: the sources are small native ES modules (docs/assets/js/,
   tested one by one under Node), and a page would request some forty of them, one import level
   after another. esbuild (pinned in package.json, installed by `npm ci`) writes each entry's
   whole module graph, minified, over the entry at the address the pages already load it from:
   assets/js/handbook/main.js (the page code, portfolio page included: a few kilobytes
   compressed, less than a second request would cost) and assets/js/scorer-start.js (what the
   scorer's worker imports before it can request Pyodide's files: one file instead of two import
   levels). The modules bundled in stay in the site, requested by nobody; the service worker
   does not list them. assets/js/bundles.json records which modules each bundle holds.
2. Every page preloads the page-code bundle (<link rel="modulepreload">), so the browser fetches it
   while it reads the page, and runs the code of assets/js/scorer-boot.js inline after it, which
   starts the scorer's worker while the page loads when there are saved answers to score, and
   holds the theme's search index back until the reader searches.
   Every page loads the page code from the site root's assets/: the Spanish pages (es/, built
   by mkdocs.es.yml) too, so both languages share one scorer runtime; a page that does not stops
   this step.
3. The site's Content-Security-Policy: as a <meta http-equiv> in every page, and as one HTTP
   header line in assets/content-security-policy.txt for hosts to copy into their server
   configuration. It allows no inline script but the theme's own, by their sha256 digests over
   every built page (one policy for the whole site: instant navigation keeps the first page's
   policy while it shows the others, whose inline scripts differ by their depth).
4. The service worker, sw.js at the site's root (scripts/service_worker.py), last, because it
   lists every file of the finished site with its digest.

A site built without this step works, scorer included; it lacks the bundles, the preloads, the
<meta> policy and offline use. Running it twice on the same site changes nothing the second time.
"""

from __future__ import annotations

import base64
import hashlib
import html.parser
import importlib.util
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES_DIR = "assets/js/handbook"
# Entries bundled with every module they import, each written over itself.
BUNDLE_ENTRIES = (MODULES_DIR + "/main.js", "assets/js/scorer-start.js")
BUNDLES_FILE = "assets/js/bundles.json"  # {entry: [bundled module, ...]}, read by service_worker.py
BUNDLE_MARK = "/* bundled by scripts/finish_site.py */"
# The features the page code uses (import.meta, optional chaining) are all in ES2020.
ESBUILD_TARGET = "es2020"
ESBUILD = ROOT / "node_modules" / "esbuild" / "bin" / "esbuild"
CSP_FILE = "content-security-policy.txt"
# Every directive but the script hashes, which are added from the built pages. Pyodide compiles
# WebAssembly ('wasm-unsafe-eval'); the scorer, the search and the service worker run from the
# site's own files (worker-src 'self'); the theme's icons are data: images in its stylesheet.
CSP_DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# Only an HTTP header can say who may frame the pages; a <meta> policy ignores this directive.
CSP_HEADER_ONLY = (("frame-ancestors", "'self'"),)
_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
BOOT_SCRIPT = "assets/js/scorer-boot.js"
BOOT_MARK = "/* scorer-boot.js */"
_PRELOADS = re.compile(r'(?:<link rel="modulepreload" href="[^"]*">)+(?:<script>' + re.escape(BOOT_MARK)
                       + r'.*?</script>)?', re.DOTALL)
_LEADING_COMMENT = re.compile(r"\A\s*/\*.*?\*/\s*", re.DOTALL)
# The entry module's script tag, whose address gives the prefix the page uses for assets.
_ENTRY_MODULE = re.compile(r'<script[^>]* src="([^"]*)' + re.escape(MODULES_DIR) + r'/main\.js"')


class FinishError(Exception):
    """The built site is not what this step expects; the message says what and where."""


def finish(site_dir: Path) -> None:
    if not (site_dir / "index.html").is_file():
        raise FinishError(f"{site_dir} has no index.html: build the site first (./run build).")
    pages = sorted(site_dir.rglob("*.html"))
    bundle_page_code(site_dir)
    add_module_preloads(site_dir, pages)
    write_content_security_policy(site_dir, pages)
    _service_worker().write_service_worker(site_dir)
    runpy.run_path(str(ROOT / "scripts" / "compress_site.py"))["compress_unless_disabled"](site_dir)


def bundle_page_code(site_dir: Path) -> None:
    """Write each entry's module graph, bundled and minified, over the entry; record what it holds.
    An entry that is a bundle already (a second run) is left as it is."""
    bundles_path = site_dir / BUNDLES_FILE
    bundles = json.loads(bundles_path.read_text(encoding="utf-8")) if bundles_path.is_file() else {}
    for entry in BUNDLE_ENTRIES:
        path = site_dir / entry
        if not path.is_file():
            raise FinishError(f"{site_dir} has no {entry}: the site was built from an incomplete docs/ folder.")
        if path.read_text(encoding="utf-8").startswith(BUNDLE_MARK):
            if entry not in bundles:
                raise FinishError(f"{entry} is a bundle but {BUNDLES_FILE} does not say what it holds: "
                                  "build the site again, then finish it.")
            continue
        bundles[entry] = bundle(site_dir, entry)
    bundles_path.write_text(json.dumps(bundles, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def bundle(site_dir: Path, entry: str) -> list[str]:
    """Bundle entry (a path in site_dir) in place with esbuild; the site paths of the modules it took in."""
    if not ESBUILD.is_file():
        raise FinishError(f"esbuild, which bundles the page code, is not installed (node_modules/esbuild "
                          "is missing): run `npm ci` in the repository (./run build does it), then finish "
                          "the site again.")
    source = site_dir / entry
    with tempfile.TemporaryDirectory() as scratch:
        output, meta = Path(scratch) / source.name, Path(scratch) / "meta.json"
        result = subprocess.run(
            [str(ESBUILD), str(source.resolve()), "--bundle", "--format=esm", "--minify", "--log-level=error",
             f"--target={ESBUILD_TARGET}", f"--banner:js={BUNDLE_MARK}", f"--metafile={meta}", f"--outfile={output}"],
            capture_output=True, text=True, cwd=site_dir)  # the metafile names inputs relative to cwd
        if result.returncode != 0:
            raise FinishError(f"esbuild could not bundle {entry}: {result.stderr.strip()} Fix the module it names "
                              "in docs/assets/js/, then build the site again.")
        inputs = json.loads(meta.read_text(encoding="utf-8"))["inputs"]
        shutil.copyfile(output, source)
    return sorted(name for name in inputs if name != entry)


def add_module_preloads(site_dir: Path, pages: list[Path]) -> None:
    """Preload the page-code bundle, and load the scorer's early start, at the address the page
    already uses for it."""
    boot = boot_script(site_dir)
    for page in pages:
        text = _PRELOADS.sub("", page.read_text(encoding="utf-8"))
        found = _ENTRY_MODULE.search(text)
        head_end = text.find("</head>")
        if found and head_end >= 0:
            prefix = found.group(1)
            check_shared_assets(site_dir, page, prefix)
            links = f'<link rel="modulepreload" href="{prefix}{BUNDLE_ENTRIES[0]}">' + boot
            text = text[:head_end] + links + text[head_end:]
        page.write_text(text, encoding="utf-8")


def check_shared_assets(site_dir: Path, page: Path, prefix: str) -> None:
    """Every page, in every language, loads the page code from the site root's assets/, so that
    the scorer starts from one runtime; a page that loads a copy of its own would start another."""
    if prefix.startswith("/") or "://" in prefix:
        return  # an absolute address (the 404 pages, written for site_url): the host decides
    loaded = Path(os.path.normpath(page.parent / prefix))
    if loaded != Path(os.path.normpath(site_dir)):
        raise FinishError(f"{page.relative_to(site_dir)} loads the page code from {prefix}{MODULES_DIR}/main.js, "
                          f"not from the site root's assets/: a language built apart must load the root's "
                          f"(extra_javascript and extra_css with \"../\" in mkdocs.es.yml), then build again.")


def boot_script(site_dir: Path) -> str:
    """The scorer's early start as an inline <script>, the same on every page (one digest in the policy)."""
    source = site_dir / BOOT_SCRIPT
    if not source.is_file():
        raise FinishError(f"{site_dir} has no {BOOT_SCRIPT}: the site was built from an incomplete docs/ folder.")
    code = _LEADING_COMMENT.sub("", source.read_text(encoding="utf-8")).strip()
    if "</script" in code.lower():
        raise FinishError(f"{BOOT_SCRIPT} contains </script, which would end the inline script early.")
    return f"<script>{BOOT_MARK}\n{code}</script>"


class _InlineScripts(html.parser.HTMLParser):
    """Collects the text of a page's inline scripts that a browser runs (not JSON data blocks)."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        kind = (attributes.get("type") or "").strip().lower()
        if tag == "script" and "src" not in attributes and kind in ("", "module", "text/javascript",
                                                                     "application/javascript"):
            self._current = []

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_script_hashes(pages: list[Path]) -> list[str]:
    """The CSP sources ('sha256-...') of every distinct inline script in the pages, sorted."""
    hashes = set()
    for page in pages:
        parser = _InlineScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        for script in parser.scripts:
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def content_security_policy(pages: list[Path], header: bool) -> str:
    """The site's policy; header=True adds what only an HTTP header can carry."""
    hashes = " ".join(inline_script_hashes(pages))
    directives = [(name, f"{value} {hashes}" if name == "script-src" and hashes else value)
                  for name, value in CSP_DIRECTIVES + (CSP_HEADER_ONLY if header else ())]
    return "; ".join(f"{name} {value}" for name, value in directives)


def write_content_security_policy(site_dir: Path, pages: list[Path]) -> None:
    header = content_security_policy(pages, header=True)
    (site_dir / "assets" / CSP_FILE).write_text(f"Content-Security-Policy: {header}\n", encoding="utf-8")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(pages, header=False)}">'
    for page in pages:
        text = _CSP_META.sub("", page.read_text(encoding="utf-8"))
        # Right after the charset, before anything the policy governs.
        found = _CHARSET.search(text)
        if not found:
            raise FinishError(f"{page.relative_to(site_dir)} has no <meta charset=\"utf-8\">, after which the "
                              "Content-Security-Policy goes; the theme may have changed.")
        page.write_text(text[:found.end()] + meta + text[found.end():], encoding="utf-8")


def _service_worker():
    spec = importlib.util.spec_from_file_location("service_worker", ROOT / "scripts" / "service_worker.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python scripts/finish_site.py SITE_DIR", file=sys.stderr)
        return 2
    try:
        finish(Path(argv[0]))
    except FinishError as error:
        print(f"finish_site: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
