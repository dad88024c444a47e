"""MkDocs hooks: put the in-browser scorer's runtime into the built site.

After the build, <site>/assets/ gets
    pyodide/            the Pyodide files a browser loads (from node_modules/pyodide)
    wheels/<hash>/      XlsxWriter's wheel and ours; the folder is named after the wheel's
                        content, so a browser never keeps running a cached older wheel
    methodology.json    loader.methodology_json("checklists"), the same JSON the wheel ships, which the
                        package rebuilds in the browser
    runtime.json        {"pyodide_version",
                         "pyodide": [{"name", "path", "sha256"}],   the files in PYODIDE_FILES
                         "wheels": [{"name", "path", "sha256"}],    in install order
                         "methodology": {"name", "path", "sha256"}}
                        paths relative to assets/; the worker checks every file it loads against
                        its sha256 before using it
    content-security-policy.txt
                        the site's Content-Security-Policy as one HTTP header line, for hosts to
                        copy into their server configuration

Every page also gets the same policy as a <meta http-equiv="Content-Security-Policy"> (except
under `mkdocs serve`, whose live-reload script is inline and changes on every reload). The policy
allows no inline script but the theme's own, by their sha256 digests over every built page (one
policy for the whole site: instant navigation keeps the first page's policy while it shows the
others, whose inline scripts differ by their depth).

Every page also names each of the page-code modules (docs/assets/js/handbook/) in a
<link rel="modulepreload">, so the browser fetches them all at once instead of one import level
after another, and the scorer starts as early as a single script would let it.

Missing or outdated inputs stop the build before any page is written, naming the setup command.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html.parser
import importlib.util
import json
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

from mlops_handbook import HandbookError
from mlops_handbook.loader import methodology_json

ROOT = Path(__file__).resolve().parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
WHEEL_DIR = ROOT / "build" / "wheels"
# What the (module) worker loads: the loader, the runtime module it imports, the interpreter,
# the standard library and the lock file loadPyodide reads. Pyodide 314 has no classic-worker
# build, so pyodide.js is not needed.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
NPM_SETUP = "npm ci"
HASH_DIGITS = 16
CSP_FILE = "content-security-policy.txt"
# Every directive but the script hashes, which are added at build time. Pyodide compiles
# WebAssembly ('wasm-unsafe-eval'); the scorer and the search run in workers loaded from the
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
_serving = False


def on_startup(command, dirty) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config) -> None:
    _module_names.cache_clear()  # `mkdocs serve` rebuilds: a module may have been added
    _check_pyodide()
    _wheels()


# The page code's modules, and the entry module's script tag, whose address gives the prefix.
MODULES_DIR = "assets/js/handbook"
_ENTRY_MODULE = re.compile(r'<script[^>]* src="([^"]*)' + re.escape(MODULES_DIR) + r'/main\.js"')


@functools.lru_cache(maxsize=4)
def _module_names(docs_dir: str) -> tuple[str, ...]:
    """The page-code module files, listed once per build rather than once per page."""
    return tuple(sorted(path.name for path in (Path(docs_dir) / MODULES_DIR).glob("*.js")))


def on_post_page(output: str, page, config) -> str:
    """Preload every page-code module, at the address the page already uses for the entry module."""
    found = _ENTRY_MODULE.search(output)
    head_end = output.find("</head>")
    if not found or head_end < 0:
        return output
    prefix = found.group(1)
    links = "".join(f'<link rel="modulepreload" href="{prefix}{MODULES_DIR}/{name}">'
                    for name in _module_names(config["docs_dir"]))
    return output[:head_end] + links + output[head_end:]


def on_post_build(config) -> None:
    assets = Path(config["site_dir"]) / "assets"
    runtime_dir = assets / "pyodide"
    if runtime_dir.exists():
        shutil.rmtree(runtime_dir)
    runtime_dir.mkdir(parents=True)
    pyodide_files = []
    for name in PYODIDE_FILES:
        shutil.copyfile(PYODIDE_DIR / name, runtime_dir / name)
        pyodide_files.append({"name": name, "path": f"pyodide/{name}", "sha256": _sha256(runtime_dir / name)})

    wheels_dir = assets / "wheels"
    if wheels_dir.exists():
        shutil.rmtree(wheels_dir)
    listed = []
    for wheel in _wheels():
        digest = _sha256(wheel)
        relative = f"wheels/{digest[:HASH_DIGITS]}/{wheel.name}"
        (assets / relative).parent.mkdir(parents=True)
        shutil.copyfile(wheel, assets / relative)
        listed.append({"name": wheel.name, "path": relative, "sha256": digest})

    checklists = Path(config["config_file_path"]).resolve().parent / "checklists"
    try:
        (assets / "methodology.json").write_text(methodology_json(checklists), encoding="utf-8")
    except HandbookError as error:
        raise PluginError(f"checklists are invalid: {error.message}") from None
    _write_json(assets / "runtime.json", {
        "pyodide_version": _pinned_pyodide_version(),
        "pyodide": pyodide_files,
        "wheels": listed,
        "methodology": {"name": "methodology.json", "path": "methodology.json",
                        "sha256": _sha256(assets / "methodology.json")},
    })
    _content_security_policy(Path(config["site_dir"]))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


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


def inline_script_hashes(site_dir: Path) -> list[str]:
    """The CSP sources ('sha256-...') of every distinct inline script in the built pages, sorted."""
    hashes = set()
    for page in sorted(site_dir.rglob("*.html")):
        parser = _InlineScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        for script in parser.scripts:
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def content_security_policy(site_dir: Path, header: bool) -> str:
    """The site's policy; header=True adds what only an HTTP header can carry."""
    hashes = " ".join(inline_script_hashes(site_dir))
    directives = [(name, f"{value} {hashes}" if name == "script-src" and hashes else value)
                  for name, value in CSP_DIRECTIVES + (CSP_HEADER_ONLY if header else ())]
    return "; ".join(f"{name} {value}" for name, value in directives)


_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)


def _content_security_policy(site_dir: Path) -> None:
    header = content_security_policy(site_dir, header=True)
    (site_dir / "assets" / CSP_FILE).write_text(f"Content-Security-Policy: {header}\n", encoding="utf-8")
    if _serving:
        return
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(site_dir, header=False)}">'
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        # Right after the charset, before anything the policy governs.
        found = _CHARSET.search(text)
        if not found:
            raise PluginError(f"{page.relative_to(site_dir)} has no <meta charset=\"utf-8\">, after which "
                              "the Content-Security-Policy goes; the theme may have changed")
        page.write_text(text[:found.end()] + meta + text[found.end():], encoding="utf-8")


def _pinned_pyodide_version() -> str:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    return package["dependencies"]["pyodide"]


def _check_pyodide() -> None:
    pinned = _pinned_pyodide_version()
    installed_file = PYODIDE_DIR / "package.json"
    if not installed_file.is_file():
        raise PluginError(f"The in-browser scorer needs Pyodide {pinned} from npm, but {PYODIDE_DIR} is "
                          f"missing. Run `{NPM_SETUP}` in {ROOT}, then build again.")
    installed = json.loads(installed_file.read_text(encoding="utf-8")).get("version")
    if installed != pinned:
        raise PluginError(f"node_modules holds Pyodide {installed}, but package.json pins {pinned}. "
                          f"Run `{NPM_SETUP}` in {ROOT} to install the pinned version, then build again.")
    missing = [name for name in PYODIDE_FILES if not (PYODIDE_DIR / name).is_file()]
    if missing:
        raise PluginError(f"{', '.join(missing)} missing from {PYODIDE_DIR}; the in-browser scorer cannot "
                          f"start without them. Run `{NPM_SETUP}` in {ROOT} to reinstall, then build again.")


def _wheels() -> list[Path]:
    spec = importlib.util.spec_from_file_location("build_wheels", ROOT / "scripts" / "build_wheels.py")
    build_wheels = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_wheels)
    try:
        if WHEEL_DIR.is_dir():
            # An edit to the package or the checklists (e.g. under `mkdocs serve`) rebuilds our
            # wheel here, so the browser never scores with old code.
            build_wheels.ensure_package_wheel(WHEEL_DIR)
        return build_wheels.check_wheels(WHEEL_DIR)
    except build_wheels.WheelError as error:
        raise PluginError(str(error)) from None
