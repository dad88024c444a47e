"""Write the site's service worker, sw.js at the root of a finished site.

    write_service_worker(site_dir)      (scripts/finish_site.py calls it, last)

sw.js is scripts/service-worker.js with the release's manifest put in: every file of the built
site with its sha256 and size, grouped by when the browser caches it.

    "pages"     pages by their directory addresses ("", "data-preparation/", "es/data-preparation/"),
                404.html, and every other file a reader's browser requests (the theme's assets, the
                search index, the page code), in every language: cached when the service worker installs
    "runtime"   what only the scorer loads (the Pyodide files, the wheels, methodology.json,
                runtime.json): cached when the scorer first uses them, so that a reader who only
                reads never downloads them
    "on-demand" the search's language support, which the theme loads only for languages other
                than English: cached when first requested
    "unverified" files a host may rewrite (the sitemap, which lists the host's own addresses):
                cached at install as served, without checking their digest

Files no browser requests (source maps, the policy line for server configuration, the page-code
modules that scripts/finish_site.py bundled in, as assets/js/bundles.json lists them) are left out,
and so is the memory snapshot the site ships for a first start (assets/snapshots/): a browser that
has started the scorer keeps a snapshot of its own, so offline it would never be asked for.
The Spanish pages (es/, built by mkdocs.es.yml) are listed as the English ones are; they have
the theme's assets, search index and sitemap of their own, grouped as the root's, and share the
root's page code and runtime (one worker, scope the site root, for both languages).
The release id is a digest over the manifest, so any change to any file gives a new sw.js, which
is how browsers learn that there is a new release.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "scripts" / "service-worker.js"
OUTPUT = "sw.js"
MANIFEST_MARK = "__HANDBOOK_MANIFEST__"
RUNTIME_PREFIXES = ("assets/pyodide/", "assets/wheels/")
RUNTIME_FILES = ("assets/methodology.json", "assets/runtime.json")
ON_DEMAND_PREFIXES = ("assets/javascripts/lunr/",)
UNVERIFIED_FILES = ("sitemap.xml",)
NEVER_REQUESTED_SUFFIXES = (".map", ".gz")
NEVER_REQUESTED_FILES = ("assets/content-security-policy.txt", "assets/js/bundles.json")
BUNDLES_FILE = "assets/js/bundles.json"  # {bundle: [module it holds, ...]}
NOT_CACHED_PREFIXES = ("assets/snapshots/",)
# Pre-compressed copies beside a file (FILE.gz, FILE.br): the same bytes in a transport encoding, which
# the host picks; neither listed nor part of the release id, so that writing them changes no release.
COMPRESSED_COPY_SUFFIXES = (".gz", ".br")
# The folders of the languages built apart from the root's (mkdocs.es.yml), each with the theme's own files.
LANGUAGE_FOLDERS = ("es/",)


class ServiceWorkerError(Exception):
    """The template or the site is not what this step expects; the message says what."""


def _address(relative: str) -> str:
    """The address a browser asks for: a page by its folder ('' for the home page)."""
    if relative == "index.html":
        return ""
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def bundled_modules(site_dir: Path) -> set[str]:
    """The modules a bundle holds (nobody requests them on their own); none when nothing was bundled."""
    path = site_dir / BUNDLES_FILE
    if not path.is_file():
        return set()
    return {module for modules in json.loads(path.read_text(encoding="utf-8")).values() for module in modules}


def _in_language(relative: str) -> str:
    """A file's path within its language's build: the theme writes the same files into each."""
    for folder in LANGUAGE_FOLDERS:
        if relative.startswith(folder):
            return relative[len(folder):]
    return relative


def _group(relative: str, bundled: set[str] = frozenset()) -> str | None:
    if (relative.endswith(NEVER_REQUESTED_SUFFIXES) or relative in NEVER_REQUESTED_FILES
            or relative.startswith(NOT_CACHED_PREFIXES) or relative in bundled):
        return None
    if relative.startswith(RUNTIME_PREFIXES) or relative in RUNTIME_FILES:
        return "runtime"
    if _in_language(relative).startswith(ON_DEMAND_PREFIXES):
        return "on-demand"
    if _in_language(relative) in UNVERIFIED_FILES:
        return "unverified"
    return "pages"


def _is_compressed_copy(path: Path) -> bool:
    return path.suffix in COMPRESSED_COPY_SUFFIXES and path.with_suffix("").is_file()


def site_manifest(site_dir: Path) -> dict:
    """{"release", "files": {group: [[address, sha256, size], ...]}} for the built site."""
    groups: dict[str, list] = {"pages": [], "runtime": [], "on-demand": [], "unverified": []}
    every_file = []
    bundled = bundled_modules(site_dir)
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if not path.is_file() or relative == OUTPUT or _is_compressed_copy(path):
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        every_file.append(f"{relative} {digest}")
        group = _group(relative, bundled)
        if group:
            groups[group].append([_address(relative), digest, len(data)])
    release = hashlib.sha256(("\n".join(every_file) + "\n").encode("utf-8")).hexdigest()[:16]
    return {"release": release, "files": groups}


def write_service_worker(site_dir: Path) -> None:
    """Write <site_dir>/sw.js for the site as it is now (run after every other change to it)."""
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise ServiceWorkerError(f"{site_dir} has no index.html: build the site first.")
    template = TEMPLATE.read_text(encoding="utf-8")
    if template.count(MANIFEST_MARK) != 1:
        raise ServiceWorkerError(f"{TEMPLATE.name} must name {MANIFEST_MARK} exactly once, where the manifest goes.")
    manifest = json.dumps(site_manifest(site_dir), separators=(",", ":"))
    (site_dir / OUTPUT).write_text(template.replace(MANIFEST_MARK, manifest), encoding="utf-8")
