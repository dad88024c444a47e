"""The same site from MkDocs and from Zensical: the same pages, checklists and scorer.

Both generators read mkdocs.yml (and mkdocs.es.yml, for es/) and copy docs/ (with the runtime
scripts/prepare_site.py wrote there); neither runs a build hook. tests/test_hosting.py drives the Zensical build in Chromium,
under a path prefix: its checklist is scored by the package in Pyodide, the score page shows the
total, and instant navigation keeps one scorer over the page changes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import load_script

pytestmark = pytest.mark.site
ROOT = Path(__file__).resolve().parents[1]

# Everything of ours a page carries: the checklist forms, the score page's form and results, the
# live summaries and the header badge's place (the page code fills them in the browser).
_OURS = re.compile(r'<(form|div|section|aside|p|span|nav|table) [^>]*class="mh-[^"]*"')


def pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def our_blocks(page: Path) -> list[str]:
    """Each element of ours, from its opening tag to its matching closing tag, as built."""
    text = page.read_text(encoding="utf-8")
    blocks = []
    position = 0
    while (found := _OURS.search(text, position)):
        tag = found.group(1)
        depth, cursor = 0, found.start()
        for match in re.finditer(rf"<(/?){tag}\b[^>]*>", text[found.start():]):
            depth += -1 if match.group(1) else 1
            if depth == 0:
                cursor = found.start() + match.end()
                break
        blocks.append(text[found.start():cursor])
        position = cursor
    return blocks


class TestSameSite:
    def test_same_pages(self, built_site, zensical_site):
        """Every page of the MkDocs build is in the Zensical build, and no other."""
        assert pages(zensical_site) == pages(built_site)

    def test_same_checklists_and_score_page(self, built_site, zensical_site):
        """Each page's checklists, summaries and score page are the same HTML in both builds, in both languages."""
        compared = 0
        for name in pages(built_site):
            ours = our_blocks(built_site / name)
            assert our_blocks(zensical_site / name) == ours, f"{name} differs between MkDocs and Zensical"
            compared += sum(block.startswith("<form") for block in ours)
        assert compared == 2 * 20, "the 20 subphase checklists were not all found in the built pages of each language"

    def test_same_runtime(self, built_site, zensical_site):
        """The runtime files, their digests, and the service worker's list of the runtime are the same."""
        for name in ("assets/runtime.json", "assets/methodology.json"):
            assert (zensical_site / name).read_bytes() == (built_site / name).read_bytes(), name
        prepare_site = load_script("prepare_site")
        for name in prepare_site.PYODIDE_FILES:
            path = f"assets/pyodide/{name}"
            assert (zensical_site / path).read_bytes() == (built_site / path).read_bytes(), path

    def test_finished_like_the_mkdocs_build(self, zensical_site):
        """The finishing step gave the Zensical pages their policy, module preloads and service worker."""
        home = (zensical_site / "index.html").read_text(encoding="utf-8")
        assert '<meta http-equiv="Content-Security-Policy"' in home
        assert 'rel="modulepreload"' in home and "assets/js/handbook/main.js" in home
        assert (zensical_site / "sw.js").is_file()


class TestTwoLanguages:
    """English at the site's root and Spanish under es/ (mkdocs.yml, then mkdocs.es.yml), by each generator."""

    @pytest.fixture(params=["built_site", "zensical_site"])
    def site(self, request) -> Path:
        return request.getfixturevalue(request.param)

    def test_same_page_paths(self, site):
        """Every page is at the same path in both languages, so the language switch keeps the page."""
        english = {name for name in pages(site) if not name.startswith("es/")}
        spanish = {name.removeprefix("es/") for name in pages(site) if name.startswith("es/")}
        assert spanish == english

    def test_same_navigation_order(self):
        """mkdocs.es.yml's nav lists the pages of mkdocs.yml's, in the same order (only the titles differ)."""
        def nav_files(config: str) -> list[str]:
            loader = type("Loader", (yaml.SafeLoader,), {})
            loader.add_constructor("!ENV", lambda loader, node: None)
            nav = yaml.load((ROOT / config).read_text(encoding="utf-8"), Loader=loader)["nav"]

            def walk(entries):
                for entry in entries:
                    value = next(iter(entry.values())) if isinstance(entry, dict) else entry
                    yield from walk(value) if isinstance(value, list) else [value]
            return list(walk(nav))

        english = nav_files("mkdocs.yml")
        assert len(english) == 32 and nav_files("mkdocs.es.yml") == english

    def test_spanish_pages_share_the_roots_runtime(self, site):
        """The Spanish pages say lang="es", offer both languages, and load the page code from the root's assets/,
        where the only runtime is; the service worker lists them."""
        for name in ("es/index.html", "es/business-comprehension/kickoff/index.html"):
            text = (site / name).read_text(encoding="utf-8")
            assert '<html lang="es"' in text, name
            assert set(re.findall(r'hreflang="(\w+)" class="md-select__link"', text)) == {"en", "es"}, name
            depth = name.count("/")
            assert f'src="{"../" * depth}assets/js/handbook/main.js"' in text, name
            assert "Made with" not in text, name  # the theme's footer line, English in its templates
        for copy in ("es/assets/js", "es/assets/css", "es/assets/pyodide", "es/assets/wheels", "es/assets/runtime.json"):
            assert not (site / copy).exists(), f"the Spanish build has its own {copy}"
        assert '"es/business-comprehension/kickoff/"' in (site / "sw.js").read_text(encoding="utf-8")
