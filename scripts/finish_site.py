"""Finish a built site: what can only be written once every page exists.

    python scripts/finish_site.py SITE_DIR        (./run build does it, after MkDocs or Zensical)

1. Every page names each page-code module (assets/js/handbook/) in a <link rel="modulepreload">,
   so the browser fetches them all at once instead of one import level after another, and runs
   the code of assets/js/scorer-boot.js inline after them, which starts the scorer's worker while
   the page loads when there are saved answers to score.
2. The site's Content-Security-Policy: as a <meta http-equiv> in every page, and as one HTTP
   header line in assets/content-security-policy.txt for hosts to copy into their server
   configuration. It allows no inline script but the theme's own, by their sha256 digests over
   every built page (one policy for the whole site: instant navigation keeps the first page's
   policy while it shows the others, whose inline scripts differ by their depth).
3. The service worker, sw.js at the site's root (scripts/service_worker.py), last, because it
   lists every file of the finished site with its digest.

A site built without this step works, scorer included; it lacks the preloads, the <meta> policy
and offline use. Running it twice on the same site changes nothing the second time.
"""

from __future__ import annotations

import base64
import hashlib
import html.parser
import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES_DIR = "assets/js/handbook"
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
    add_module_preloads(site_dir, pages)
    write_content_security_policy(site_dir, pages)
    _service_worker().write_service_worker(site_dir)


def add_module_preloads(site_dir: Path, pages: list[Path]) -> None:
    """Preload every page-code module, and load the scorer's early start, at the address the page
    already uses for the entry module."""
    names = sorted(path.name for path in (site_dir / MODULES_DIR).glob("*.js"))
    boot = boot_script(site_dir)
    for page in pages:
        text = _PRELOADS.sub("", page.read_text(encoding="utf-8"))
        found = _ENTRY_MODULE.search(text)
        head_end = text.find("</head>")
        if found and head_end >= 0:
            prefix = found.group(1)
            links = "".join(f'<link rel="modulepreload" href="{prefix}{MODULES_DIR}/{name}">' for name in names)
            links += boot
            text = text[:head_end] + links + text[head_end:]
        page.write_text(text, encoding="utf-8")


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
