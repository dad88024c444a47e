"""The built handbook site: pages per stage and subphase, links, no outside hosts, build failures."""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from mlops_handbook import parse_text, score
from mlops_handbook.loader import load_methodology

pytestmark = pytest.mark.site

REPO = Path(__file__).resolve().parents[1]
METHODOLOGY = load_methodology(REPO / "checklists")
SUBPHASES = [(stage, sub) for stage in METHODOLOGY.stages for sub in stage.subphases]
# A test's copy of the project: these are copied so the test can change them; every other
# top-level entry is linked, except what is not part of a build.
COPIED = ("mkdocs.yml", "macros.py", "docs", "checklists")
NOT_LINKED = {".git", ".venv", "venv", "site", "tests", ".pytest_cache", ".hypothesis", ".ruff_cache", "__pycache__"}


# ---------------------------------------------------------------- a small DOM over html.parser

VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
             "source", "track", "wbr"}


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    parent: "Element | None" = None
    children: list["Element | str"] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.walk()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list["Element"]:
        return [e for e in self.walk()
                if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
                and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> "Element | None":
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def text(self, skip_class: str | None = None) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not (skip_class and skip_class in child.classes) and child.tag not in ("script", "style"):
                parts.append(child.text(skip_class))
        return "".join(parts)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: (v if v is not None else "") for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(
            Element(tag, {k: (v if v is not None else "") for k, v in attrs}, self.stack[-1]))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


@functools.lru_cache(maxsize=None)
def parse_html(path: Path) -> Element:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def squash(text: str) -> str:
    return " ".join(text.split())


def article(page: Path) -> Element:
    root = parse_html(page)
    content = root.find("article")
    assert content is not None, f"{page} has no <article>"
    return content


def page_of(site: Path, *parts: str) -> Path:
    path = site.joinpath(*parts, "index.html")
    assert path.is_file(), f"no page at /{'/'.join(parts)}/ ({path.relative_to(site)} missing)"
    return path


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# ---------------------------------------------------------------- building copies of the project

def copy_project(target: Path) -> Path:
    """A buildable project in target: the content copied, the rest (hooks, runtimes) linked read-only."""
    target.mkdir(parents=True)
    for entry in REPO.iterdir():
        if entry.name in COPIED:
            (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, target / entry.name)
        elif entry.name not in NOT_LINKED and not entry.name.startswith(".venv-"):
            (target / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return target


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                          cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=600, check=False)


# ---------------------------------------------------------------- JavaScript: code without comments

_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^")
_REGEX_AFTER_WORDS = {"return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw",
                      "case", "do", "else", "yield", "await"}


def js_code(source: str) -> str:
    """The source with every comment removed and strings, templates and regexes kept.

    Raises ValueError where a string, template, regex or comment does not end, so that a source
    this scanner misreads fails loudly instead of hiding a URL.
    """
    out: list[str] = []
    n = len(source)
    i = 0
    prev = ""            # the last significant token: a punctuator, a keyword, or "value"
    depth = 0            # curly-brace depth
    substitutions = []   # depths at which a template's ${ ... } was opened

    def template_part(start: int) -> tuple[int, bool]:
        """Scan template text from start; return (end, True) at `${`, (end, False) at the closing backtick."""
        j = start
        while j < n:
            ch = source[j]
            if ch == "\\":
                j += 2
            elif ch == "`":
                return j + 1, False
            elif ch == "$" and source.startswith("${", j):
                return j + 2, True
            else:
                j += 1
        raise ValueError(f"a template literal opened at {start - 1} does not end")

    while i < n:
        c = source[i]
        if source.startswith("//", i):
            end = source.find("\n", i)
            i = n if end < 0 else end
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            if end < 0:
                raise ValueError(f"a comment opened at {i} does not end")
            out.append(" ")
            i = end + 2
        elif c in "'\"":
            j = i + 1
            while j < n and source[j] != c:
                if source[j] == "\n":
                    raise ValueError(f"a string opened at {i} runs past the end of its line")
                j += 2 if source[j] == "\\" else 1
            if j >= n:
                raise ValueError(f"a string opened at {i} does not end")
            out.append(source[i:j + 1])
            i, prev = j + 1, "value"
        elif c == "`" or (c == "}" and substitutions and substitutions[-1] == depth):
            if c == "}":
                substitutions.pop()
            end, opened = template_part(i + 1)
            out.append(source[i:end])
            i = end
            if opened:
                substitutions.append(depth)
                prev = "{"
            else:
                prev = "value"
        elif c == "/" and (prev == "" or prev in _REGEX_AFTER or prev in _REGEX_AFTER_WORDS):
            j, in_class = i + 1, False
            while j < n:
                ch = source[j]
                if ch == "\\":
                    j += 2
                    continue
                if ch == "\n":
                    raise ValueError(f"a regular expression opened at {i} runs past the end of its line")
                if ch == "[":
                    in_class = True
                elif ch == "]":
                    in_class = False
                elif ch == "/" and not in_class:
                    break
                j += 1
            else:
                raise ValueError(f"a regular expression opened at {i} does not end")
            j += 1
            while j < n and source[j].isalpha():
                j += 1
            out.append(source[i:j])
            i, prev = j, "value"
        elif c.isalnum() or c in "_$":
            j = i + 1
            while j < n and (source[j].isalnum() or source[j] in "_$"):
                j += 1
            word = source[i:j]
            out.append(word)
            i, prev = j, (word if word in _REGEX_AFTER_WORDS else "value")
        else:
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            out.append(c)
            if not c.isspace():
                prev = c
            i += 1
    if substitutions:
        raise ValueError("a template substitution ${ ... } does not end")
    return "".join(out)


# ---------------------------------------------------------------- outside hosts

URL_IN_CODE = re.compile(r"https?://[^\s\"'`<>\\]*", re.IGNORECASE)
ABSOLUTE_URL = re.compile(r"https?://", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.IGNORECASE)
# Namespace names: identifiers that are compared as text, never requested.
XML_NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink",
                  "http://www.w3.org/1999/xhtml", "http://www.w3.org/XML/1998/namespace")


@dataclass(frozen=True)
class KnownUrl:
    """A URL in the code of a bundled script that the built site never requests, and why."""

    file: str     # regular expression on the path inside the site
    prefix: str   # the URL as it stands in the code, or its start
    why: str


MATERIAL_BUNDLE = r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js"
KNOWN_URLS = (
    KnownUrl(MATERIAL_BUNDLE, "https://unpkg.com/resize-observer-polyfill",
             "loaded only where the browser has no ResizeObserver; every browser the theme supports has one"),
    KnownUrl(MATERIAL_BUNDLE, "https://unpkg.com/mermaid@",
             "loaded only on a page with a Mermaid diagram; test_no_page_has_a_mermaid_diagram keeps it so"),
    KnownUrl(MATERIAL_BUNDLE, "https://api.github.com/repos/${",
             "repository facts, fetched only when repo_url is set; test_no_page_shows_repository_facts keeps it so"),
    KnownUrl(MATERIAL_BUNDLE, "https://api.github.com/users/${",
             "repository facts, fetched only when repo_url is set; test_no_page_shows_repository_facts keeps it so"),
    KnownUrl(MATERIAL_BUNDLE, "https://${e}/api/v4/projects/${",
             "repository facts, fetched only when repo_url is set; test_no_page_shows_repository_facts keeps it so"),
    KnownUrl(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", "https://bit.ly/2s3ChXG",
             "text of a console warning about an invalid query"),
    KnownUrl(r"assets/pyodide/pyodide\.m?js", "https://cdn.jsdelivr.net/pyodide/v${",
             "Pyodide's package host, read only under Node; in a browser packages come from the folder "
             "of the site's own lock file"),
    KnownUrl(r"assets/pyodide/pyodide\.asm\.mjs", "https://${t}",
             "the sockets layer, used only by Python code that opens a network connection; the scorer opens none"),
    KnownUrl(r"assets/javascripts/lunr/wordcut\.js", "https://github.com/isaacs/node-glob/issues/167",
             "text of an error message"),
)


def outside_urls_in_js(relative: str, source: str) -> list[str]:
    """URLs of other hosts in the code (not the comments) of a script, less the known ones."""
    found = []
    in_build = relative.removeprefix("es/")  # the Spanish build (site/es/) has the theme's files of its own
    for match in URL_IN_CODE.finditer(js_code(source)):
        url = match.group(0)
        if url.startswith(XML_NAMESPACES):
            continue
        if any(re.fullmatch(k.file, in_build) and url.startswith(k.prefix) for k in KNOWN_URLS):
            continue
        found.append(url)
    return found


def outside_urls_in_css(source: str) -> list[str]:
    urls = [next(g for g in m.groups() if g is not None) for m in CSS_URL.finditer(source)]
    urls += [m.group(1) for m in CSS_IMPORT.finditer(source)]
    return list(dict.fromkeys(u for u in urls if ABSOLUTE_URL.match(u) or u.startswith("//")))


def outside_urls_in_html(page: Path) -> list[str]:
    """Outside URLs a page loads by itself: any attribute but a link's href and namespaces, inline CSS and JS."""
    found = []
    for element in parse_html(page).walk():
        for name, value in element.attrs.items():
            if not (ABSOLUTE_URL.search(value) or value.strip().startswith("//")):
                continue
            if element.tag == "a" and name == "href":
                continue
            if element.tag == "link" and name == "href" and element.attrs.get("rel") == "canonical":
                continue  # names the page's address (from site_url); browsers do not fetch it
            if name.startswith("xmlns") and value.startswith(XML_NAMESPACES):
                continue
            found.append(f"<{element.tag} {name}={value!r}>")
        if element.tag == "style":
            found += [f"<style> {u}" for u in outside_urls_in_css(element.text())]
        if element.tag == "script" and element.attrs.get("type", "text/javascript") in (
                "text/javascript", "module", "application/javascript"):
            found += [f"<script> {u}" for u in outside_urls_in_js("", "".join(
                c for c in element.children if isinstance(c, str)))]
        if element.tag == "script" and element.attrs.get("type") == "application/json":
            body = "".join(c for c in element.children if isinstance(c, str))
            found += [f"<script json> {u}" for u in ABSOLUTE_URL.findall(body)]
    return found


# ---------------------------------------------------------------- internal links

def site_path_of(site: Path, page: Path, reference: str) -> tuple[Path, str] | None:
    """The file a relative or root-relative reference from a page points to, and its fragment."""
    relative = page.relative_to(site).as_posix()
    parts = urlsplit(urljoin(f"http://site.invalid/{relative}", reference))
    if parts.netloc != "site.invalid":
        return None
    target = site / unquote(parts.path).lstrip("/")
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def is_outside_or_special(reference: str) -> bool:
    lowered = reference.strip().lower()
    return lowered.startswith(("http://", "https://", "//", "mailto:", "tel:", "data:", "javascript:"))


@functools.lru_cache(maxsize=None)
def ids_of(page: Path) -> frozenset[str]:
    return frozenset(e.attrs[k] for e in parse_html(page).walk() for k in ("id", "name") if k in e.attrs)


# ================================================================ tests

class TestStageAndSubphasePages:
    @pytest.mark.parametrize("stage", METHODOLOGY.stages, ids=lambda s: s.id)
    def test_stage_page_title(self, built_site, stage):
        """Each stage has its page at /<stage-id>/ whose h1 is the stage title of its YAML."""
        heading = article(page_of(built_site, stage.id)).find("h1")
        assert heading is not None
        assert squash(heading.text(skip_class="headerlink")) == stage.title

    @pytest.mark.parametrize("stage, sub", SUBPHASES, ids=lambda v: v.id)
    def test_subphase_page_title(self, built_site, stage, sub):
        """Each subphase has its page at /<stage-id>/<subphase-id>/ whose h1 is the subphase title."""
        heading = article(page_of(built_site, stage.id, sub.id)).find("h1")
        assert heading is not None
        assert squash(heading.text(skip_class="headerlink")) == sub.title

    @pytest.mark.parametrize("stage, sub", SUBPHASES, ids=lambda v: v.id)
    def test_guiding_questions_on_page(self, built_site, stage, sub):
        """Every guiding question of a subphase appears, as written, on its page."""
        text = squash(article(page_of(built_site, stage.id, sub.id)).text())
        missing = [q.id for q in sub.guiding_questions if squash(q.text) not in text]
        assert not missing, f"guiding questions not on the page: {missing}"

    @pytest.mark.parametrize("stage, sub", SUBPHASES, ids=lambda v: v.id)
    def test_items_on_page(self, built_site, stage, sub):
        """Every item of a subphase has a fieldset with its id, a legend holding its question, and its explanation.

        A long explanation shows its first sentence and folds the rest under "More on this check".
        """
        content = article(page_of(built_site, stage.id, sub.id))
        for item in sub.items:
            fieldsets = content.find_all("fieldset", data_item=item.id)
            assert len(fieldsets) == 1, f"{item.id}: {len(fieldsets)} fieldsets"
            legend = fieldsets[0].find("legend")
            assert legend is not None, f"{item.id}: no legend"
            assert squash(item.question) in squash(legend.text()), f"{item.id}: question not in the legend"
            explanation = fieldsets[0].find("div", cls="mh-explanation")
            folded = explanation.find("details")
            shown = [squash(p.text()) for p in explanation.find_all("p")]
            assert " ".join(shown) == squash(item.explanation), f"{item.id}: explanation not on the page as written"
            if folded is not None:
                assert len(item.explanation) > 200 and len(shown) == 2, f"{item.id}: a short explanation was folded"
                assert squash(folded.find("summary").text()) == "More on this check"
            else:
                assert len(item.explanation) <= 200 or "." not in item.explanation[:-1], item.id

    @pytest.mark.parametrize("stage, sub", SUBPHASES, ids=lambda v: v.id)
    def test_checklist_is_one_click_from_the_top(self, built_site, stage, sub):
        """The top of a subphase page links to its checklist heading, with the number of items."""
        content = article(page_of(built_site, stage.id, sub.id))
        top = content.find("p", cls="mh-to-checklist")
        link = top.find("a")
        target = link.attrs["href"].lstrip("#")
        heading = content.find("h2", id=target)
        assert heading is not None and squash(heading.text(skip_class="headerlink")) == "Checklist"
        assert squash(top.find("span", cls="mh-progress").text()) == f"({len(sub.items)} items)"

    @pytest.mark.parametrize("stage, sub", SUBPHASES, ids=lambda v: v.id)
    def test_inputs_are_labelled(self, built_site, stage, sub):
        """Every input and textarea of a checklist has a label with text, around it or pointing at it."""
        content = article(page_of(built_site, stage.id, sub.id))
        labels_for = {e.attrs["for"]: e for e in content.find_all("label") if "for" in e.attrs}
        for item in sub.items:
            fieldset = content.find("fieldset", data_item=item.id)
            assert fieldset is not None, f"{item.id}: no fieldset"
            controls = [e for e in fieldset.walk() if e.tag in ("input", "textarea", "select")]
            assert controls, f"{item.id}: no inputs"
            for control in controls:
                label = next((a for a in control.ancestors() if a.tag == "label"), None) \
                    or labels_for.get(control.attrs.get("id", "\0"))
                assert label is not None or control.attrs.get("aria-label"), \
                    f"{item.id}: {control.tag} {control.attrs} has no label"
                if label is not None:
                    assert squash(label.text()), f"{item.id}: empty label"

    @pytest.mark.parametrize("stage, sub", SUBPHASES, ids=lambda v: v.id)
    def test_option_controls_match_options(self, built_site, stage, sub):
        """A choice item offers exactly its options, as inputs whose values are the option ids."""
        content = article(page_of(built_site, stage.id, sub.id))
        for item in sub.items:
            if not item.options:
                continue
            fieldset = content.find("fieldset", data_item=item.id)
            assert fieldset is not None, f"{item.id}: no fieldset"
            values = [e.attrs.get("value") for e in fieldset.walk()
                      if e.tag == "input" and e.attrs.get("name", "").startswith("answer-")]
            assert values == [o.id for o in item.options], item.id


class TestTopLevelPages:
    def test_no_unrendered_template_syntax(self, built_site):
        """No built page shows template syntax, which would mean a macro was not run."""
        leaks = [p.relative_to(built_site).as_posix() for p in html_files(built_site)
                 if p.name == "index.html" and parse_html(p).find("article") is not None
                 and re.search(r"\{\{|\{%|%\}|\}\}", article(p).text())]
        assert not leaks, f"template syntax left in: {leaks}"

    def test_home_page_content(self, built_site):
        """The home page lists the five stages, the three routes and the citation, and links where to start."""
        home = article(built_site / "index.html")
        stages = home.find("ol", cls="mh-stages")
        assert stages is not None
        assert [a.attrs["href"] for a in stages.find_all("a")] == [f"{s.id}/" for s in METHODOLOGY.stages]
        routes = home.find("ul", cls="mh-route-cards")
        assert [li.attrs["data-route"] for li in routes.find_all("li")] == [r.id for r in METHODOLOGY.routes]
        for card, route in zip(routes.find_all("li"), METHODOLOGY.routes):
            low, high = METHODOLOGY.maximum_range(route.id)
            assert squash(card.text()).endswith(f"Maximum {low if low == high else f'{low}–{high}'} points")
        assert home.find("p", cls="mh-citation") is not None
        start = home.find("div", cls="mh-start")
        assert [a.attrs["href"] for a in start.find_all("a")] == [
            "business-comprehension/initial-understanding/#bc-iu-01", "score/", "how-to-use/"]
        links = {a.attrs.get("href", "").split("#")[0] for a in home.find_all("a")}
        first = METHODOLOGY.stages[0]
        assert {"how-to-use/", f"{first.id}/{first.subphases[0].id}/", "score/"} <= links

    def test_how_to_use_tables(self, built_site):
        """The guide shows the routes with their maxima and the task-type maxima of the ML route."""
        guide = article(page_of(built_site, "how-to-use"))
        routes = guide.find("table", cls="mh-routes")
        task_types = guide.find("table", cls="mh-task-types")
        assert routes is not None and task_types is not None
        text = squash(routes.text())
        for route in METHODOLOGY.routes:
            low, high = METHODOLOGY.maximum_range(route.id)
            assert route.title in text and (str(low) if low == high else f"{low}–{high}") in text

    def test_references_cite_the_paper(self, built_site):
        """The references page cites the paper with its DOI link and license link."""
        refs = article(page_of(built_site, "references"))
        hrefs = {a.attrs.get("href") for a in refs.find_all("a")}
        assert METHODOLOGY.citation.doi_url in hrefs
        assert METHODOLOGY.citation.license_url in hrefs
        assert refs.find("p", cls="mh-citation") is not None


def _route_points_by_basis(route_id: str, items) -> dict[str, str]:
    """The points of `items` on a route per source basis, as the page writes them (a range for the ML route)."""
    tasks = [t.id for t in METHODOLOGY.task_types] if METHODOLOGY.route_uses_task_type(route_id) else [None]
    shown = {}
    for basis in ("paper", "derived", "added", "total"):
        values = [sum(i.maximum(route_id, t) for i in items if basis == "total" or i.source.basis == basis)
                  for t in tasks]
        shown[basis] = str(min(values)) if min(values) == max(values) else f"{min(values)}–{max(values)}"
    return shown


class TestProvenancePage:
    def test_route_points_by_basis(self, built_site):
        """The summary table's points per route and basis are those the items give."""
        page = article(page_of(built_site, "provenance"))
        table = page.find("table", cls="mh-provenance-summary")
        assert table is not None
        for route in METHODOLOGY.routes:
            row = table.find("tr", data_route=route.id)
            assert row is not None, route.id
            shown = {td.attrs["data-basis"]: squash(td.text()) for td in row.find_all("td")}
            assert shown == _route_points_by_basis(route.id, METHODOLOGY.items), route.id

    def test_total_column_is_the_published_maximum(self, built_site):
        """Each route's total on the page is the paper's published maximum."""
        table = article(page_of(built_site, "provenance")).find("table", cls="mh-provenance-summary")
        for route in METHODOLOGY.routes:
            total = squash(table.find("tr", data_route=route.id).find("td", data_basis="total").text())
            low, high = route.published_minimum, route.published_maximum
            assert total == (str(low) if low == high else f"{low}–{high}")

    def test_paper_column_is_the_score_paper_core_maximum(self, built_site):
        """The paper's-own-questions column equals the paper-core maximum the score shows."""
        from mlops_handbook import Answers

        table = article(page_of(built_site, "provenance")).find("table", cls="mh-provenance-summary")
        for route in METHODOLOGY.routes:
            shown = squash(table.find("tr", data_route=route.id).find("td", data_basis="paper").text())
            task = METHODOLOGY.task_types[0].id if METHODOLOGY.route_uses_task_type(route.id) else None
            assert shown == str(score(METHODOLOGY, Answers(route=route.id, task_type=task)).paper_maximum)

    def test_points_per_stage(self, built_site):
        """Each route's stage table gives every stage's points per basis, and the whole route."""
        page = article(page_of(built_site, "provenance"))
        for route in METHODOLOGY.routes:
            table = page.find("table", data_route=route.id)
            assert table is not None, route.id
            for stage in METHODOLOGY.stages:
                row = table.find("tr", data_stage=stage.id)
                expected = _route_points_by_basis(route.id, stage.items)
                if expected["total"] == "0":
                    assert row is None, f"{route.id}/{stage.id} has no points but a row"
                    continue
                shown = {td.attrs["data-basis"]: squash(td.text()) for td in row.find_all("td")}
                assert shown == expected, f"{route.id}/{stage.id}"

    def test_item_counts(self, built_site):
        """The sentence counting the items per basis matches the checklists."""
        counts = article(page_of(built_site, "provenance")).find("p", cls="mh-item-counts")
        assert counts is not None
        for basis in ("paper", "derived", "added"):
            number = squash(counts.find("span", data_basis=basis).text())
            assert number == str(sum(1 for i in METHODOLOGY.items if i.source.basis == basis)), basis

    def test_guide_no_longer_claims_the_paper_only(self, built_site):
        """How to use links the provenance page and no longer says the handbook applies the paper and nothing else."""
        guide = article(page_of(built_site, "how-to-use"))
        text = squash(guide.text())
        assert "nothing else" not in text and "digital form of the Excel template" not in text
        assert any(a.attrs.get("href", "").startswith("../provenance/") for a in guide.find_all("a"))


# The worked example's words in each language: the page folder, the tables' headers, the row of
# the total, a stage off the route, and a percentage as the package computes it.
@dataclass(frozen=True)
class ExampleWords:
    folder: tuple[str, ...]
    stages: list[str]
    items: list[str]
    figures: list[str]
    overall: str
    off_route: str
    percent: object

    def page(self, site: Path) -> Path:
        return page_of(site, *self.folder, "how-to-use")


EXAMPLE_WORDS = {
    "en": ExampleWords((), ["Stage", "Points", "Maximum", "Percentage"], ["Item", "Answer", "Points"],
                       ["Figure", "Points", "Maximum", "Percentage"], "Overall", "not on this route",
                       lambda value: f"{value:.1f}%"),
    "es": ExampleWords(("es",), ["Etapa", "Puntos", "Máximo", "Porcentaje"], ["Ítem", "Respuesta", "Puntos"],
                       ["Cifra", "Puntos", "Máximo", "Porcentaje"], "Total", "no hace parte de esta ruta",
                       lambda value: f"{value:.1f}".replace(".", ",") + " %"),  # squash() makes the no-break space a space
}


@pytest.mark.parametrize("lang", sorted(EXAMPLE_WORDS))
class TestWorkedExample:
    @staticmethod
    def example(built_site, words: ExampleWords):
        """The guide's article and the score of the one answers file it shows."""
        guide = article(words.page(built_site))
        blocks = [c.text() for c in guide.find_all("code") if '"mlops-handbook-answers"' in c.text()]
        assert len(blocks) == 1, "the guide should show one answers file"
        return guide, score(METHODOLOGY, parse_text(blocks[0], METHODOLOGY, "worked example"))

    @staticmethod
    def table(guide, headers: list[str]):
        return next(t for t in guide.find_all("table") if [squash(th.text()) for th in t.find_all("th")] == headers)

    def test_worked_example_numbers_match_the_package(self, built_site, lang):
        """The worked example's stage table shows what the package computes from the answers file shown beside it,
        in each language's figures."""
        words = EXAMPLE_WORDS[lang]
        guide, result = self.example(built_site, words)
        titles = {s.id: s.title for s in METHODOLOGY.in_language(lang).stages}
        rows = {}
        for tr in self.table(guide, words.stages).find_all("tr"):
            cells = [squash(td.text()) for td in tr.find_all("td")]
            if cells:
                rows[cells[0]] = cells[1:]
        for stage in result.stages:
            percent = words.percent(stage.percent) if stage.percent is not None else words.off_route
            assert rows[titles[stage.stage_id]] == [str(stage.points), str(stage.maximum), percent], stage.title
        assert rows[words.overall] == [str(result.points), str(result.maximum), words.percent(result.percent)]

    def test_worked_example_item_points(self, built_site, lang):
        """Each answered item in the worked example's item table shows the points the package gives it."""
        guide, result = self.example(built_site, EXAMPLE_WORDS[lang])
        points = {s.item_id: s.points for s in result.items if not s.open}  # answered or marked N/A
        shown = {}
        for tr in self.table(guide, EXAMPLE_WORDS[lang].items).find_all("tr"):
            cells = tr.find_all("td")
            if cells:
                shown[squash(cells[0].find("a").text())] = int(squash(cells[-1].text()))
        assert shown == points

    def test_worked_example_figures_match_the_package(self, built_site, lang):
        """The worked example's three figures (paper's scale, of what applies, paper's own questions) are the package's."""
        words = EXAMPLE_WORDS[lang]
        guide, result = self.example(built_site, words)
        assert result.not_applicable, "the example should show an item marked not applicable"
        rows = [[squash(td.text()) for td in tr.find_all("td")] for tr in self.table(guide, words.figures).find_all("tr")]
        assert [r[1:] for r in rows if r] == [
            [str(result.points), str(result.maximum), words.percent(result.percent)],
            [str(result.points), str(result.applicable_maximum), words.percent(result.applicable_percent)],
            [str(result.paper_points), str(result.paper_maximum), words.percent(result.paper_percent)],
        ]


class TestModulePreload:
    def test_every_page_preloads_the_bundled_page_code(self, built_site):
        """Each page that runs the page code preloads its one bundled module, which resolves to a file."""
        pages = [p for p in html_files(built_site) if p.name == "index.html"]
        for page in pages:
            head = parse_html(page).find("head")
            links = [e.attrs["href"] for e in head.find_all("link") if e.attrs.get("rel") == "modulepreload"]
            assert [href.rsplit("/", 1)[-1] for href in links] == ["main.js"], page
            target, _ = site_path_of(built_site, page, links[0])
            assert target.is_file(), f"{page}: {links[0]}"

    def test_every_page_runs_the_scorers_early_start_in_its_head(self, built_site):
        """Each page runs scorer-boot.js's code inline in its head, after the entry module's preload it
        finds the site root from, and under the Content-Security-Policy, which allows it by its digest."""
        code = (REPO / "docs" / "assets" / "js" / "scorer-boot.js").read_text(encoding="utf-8")
        body = code[code.index("(function () {"):].strip()
        digest = base64.b64encode(hashlib.sha256(f"/* scorer-boot.js */\n{body}".encode()).digest()).decode()
        for page in (p for p in html_files(built_site) if p.name == "index.html"):
            text = page.read_text(encoding="utf-8")
            head = text[:text.index("</head>")]
            assert head.count(body) == 1, page
            assert head.index('href$="assets/js/handbook/main.js"') > 0
            assert head.index('rel="modulepreload"') < head.index(body), page
            policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', head).group(1)
            assert f"'sha256-{digest}'" in policy, page
            assert head.index("Content-Security-Policy") < head.index(body), page


class TestInternalLinks:
    def test_every_internal_reference_resolves(self, built_site):
        """Every href and src of every built page points to a file of the site, and to an existing anchor."""
        broken = []
        for page in html_files(built_site):
            for element in parse_html(page).walk():
                for name in ("href", "src"):
                    reference = element.attrs.get(name)
                    if reference is None or is_outside_or_special(reference):
                        continue
                    resolved = site_path_of(built_site, page, reference)
                    where = f"{page.relative_to(built_site)}: <{element.tag} {name}={reference!r}>"
                    if resolved is None:
                        broken.append(where)
                        continue
                    target, fragment = resolved
                    if not target.is_file():
                        broken.append(f"{where} -> missing {target.relative_to(built_site)}")
                    elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
                        broken.append(f"{where} -> no #{fragment} in {target.relative_to(built_site)}")
        assert not broken, "broken references:\n" + "\n".join(broken)

    def test_css_references_resolve(self, built_site):
        """Every relative url() of the site's stylesheets points to a file of the site."""
        broken = []
        for sheet in built_site.rglob("*.css"):
            for match in CSS_URL.finditer(sheet.read_text(encoding="utf-8")):
                url = next(g for g in match.groups() if g is not None)
                if not url or is_outside_or_special(url) or url.startswith("#"):
                    continue
                target = (sheet.parent / unquote(urlsplit(url).path)).resolve()
                if not target.is_file():
                    broken.append(f"{sheet.relative_to(built_site)}: url({url})")
        assert not broken, broken

    def test_checker_reports_a_missing_page(self, tmp_path):
        """The link resolver maps directory URLs to index.html and reports a page that is not there."""
        (tmp_path / "a").mkdir()
        page = tmp_path / "a" / "index.html"
        page.write_text("<p id='x'></p>", encoding="utf-8")
        assert site_path_of(tmp_path, page, "../a/#x") == (tmp_path / "a" / "index.html", "x")
        target, _ = site_path_of(tmp_path, page, "../b/")
        assert not target.is_file()


class TestNoOutsideHosts:
    def test_html_loads_nothing_from_other_hosts(self, built_site):
        """No built page loads anything from another host: outside URLs stand only in links a reader clicks."""
        found = [f"{p.relative_to(built_site)}: {u}" for p in html_files(built_site)
                 for u in outside_urls_in_html(p)]
        assert not found, "\n".join(found)

    def test_css_loads_nothing_from_other_hosts(self, built_site):
        """No stylesheet imports or points url() at another host."""
        found = [f"{s.relative_to(built_site)}: {u}" for s in built_site.rglob("*.css")
                 for u in outside_urls_in_css(s.read_text(encoding="utf-8"))]
        assert not found, found

    def test_scripts_request_no_other_host(self, built_site):
        """No script's code names another host, except the theme's known URLs the site never requests."""
        found = []
        for script in sorted([*built_site.rglob("*.js"), *built_site.rglob("*.mjs")]):
            relative = script.relative_to(built_site).as_posix()
            found += [f"{relative}: {u}" for u in
                      outside_urls_in_js(relative, script.read_text(encoding="utf-8", errors="replace"))]
        assert not found, "\n".join(found)

    def test_no_page_has_a_mermaid_diagram(self, built_site):
        """No page has a Mermaid diagram, so the theme never loads Mermaid from its outside host."""
        pages = [p.relative_to(built_site).as_posix() for p in html_files(built_site)
                 if any("mermaid" in e.classes for e in parse_html(p).walk())]
        assert not pages

    def test_no_page_shows_repository_facts(self, built_site):
        """No page has the repository widget, so the theme never asks a code host's API for its facts."""
        pages = [p.relative_to(built_site).as_posix() for p in html_files(built_site)
                 if parse_html(p).find(data_md_component="source") is not None]
        assert not pages

    def test_checks_catch_outside_urls(self, tmp_path):
        """The scanners flag a script that fetches another host, a stylesheet import and a page's script src."""
        assert outside_urls_in_js("x.js", 'fetch("https://cdn.example.org/a.js")') == ["https://cdn.example.org/a.js"]
        assert outside_urls_in_css("@import url('https://fonts.example.org/f.css');") == ["https://fonts.example.org/f.css"]
        assert outside_urls_in_css("a{background:url(//img.example.org/x.png)}") == ["//img.example.org/x.png"]
        page = tmp_path / "p.html"
        page.write_text('<script src="https://cdn.example.org/x.js"></script><a href="https://doi.org/1">d</a>',
                        encoding="utf-8")
        assert outside_urls_in_html(page) == ["<script src='https://cdn.example.org/x.js'>"]

    def test_known_urls_apply_only_to_their_file(self):
        """A known theme URL found in any other script is still reported."""
        code = 'load("https://unpkg.com/mermaid@11/dist/mermaid.min.js")'
        assert outside_urls_in_js("assets/js/handbook/main.js", code) == ["https://unpkg.com/mermaid@11/dist/mermaid.min.js"]
        assert outside_urls_in_js("assets/javascripts/bundle.0123abcd.min.js", code) == []


class TestJsCodeScanner:
    def test_comments_are_removed(self):
        """URLs in line and block comments are dropped from the code."""
        code = js_code("/*! https://a.example */ x = 1; // https://b.example\ny = 2;")
        assert "example" not in code and "x = 1;" in code and "y = 2;" in code

    def test_strings_and_templates_are_kept(self):
        """Strings, templates and nested substitutions are code, even when they hold // or /*."""
        source = 'a = "http://s.example/*"; b = `t ${c + `in ${"//q.example"}`} //x`; d = 1'
        code = js_code(source)
        assert code == source

    def test_regular_expressions_are_kept(self):
        """A regular expression holding quotes or slashes does not start a string or a comment."""
        source = 'r = /["\'\\/]+/g; s = "https://r.example"; t = a / b / c'
        assert js_code(source) == source

    def test_unterminated_string_is_an_error(self):
        """A string that does not end makes the scanner fail rather than skip the rest."""
        with pytest.raises(ValueError):
            js_code('a = "never ends\n b = 2')


class TestBuildFailures:
    def test_broken_checklist_fails_the_build_with_the_validator_message(self, tmp_path):
        """A stage file with an invalid item kind fails the build with the file, the problem and the fix."""
        project = copy_project(tmp_path / "project")
        stage_file = sorted((project / "checklists").glob("0*.yaml"))[0]
        text = stage_file.read_text(encoding="utf-8")
        assert "kind: yes-no" in text
        stage_file.write_text(text.replace("kind: yes-no", "kind: yesno", 1), encoding="utf-8")

        result = build(project, tmp_path / "site")
        assert result.returncode != 0
        assert stage_file.name in result.stdout
        assert "'yesno' is not one of" in result.stdout
        assert "Fix: use one of: yes-no, multiple-choice, single-choice." in result.stdout

    def test_undefined_macro_variable_fails_the_build(self, tmp_path):
        """A page that uses an undefined template variable fails the build and names the variable."""
        project = copy_project(tmp_path / "project")
        page = project / "docs" / "how-to-use.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n{{ no_such_variable }}\n", encoding="utf-8")

        result = build(project, tmp_path / "site")
        assert result.returncode != 0
        assert "no_such_variable" in result.stdout and "undefined" in result.stdout


class TestPageLanguage:
    """macros.py's language of a build (extra.lang), which the renderers receive."""

    @pytest.fixture
    def macros(self):
        import importlib.util

        spec = importlib.util.spec_from_file_location("handbook_macros", REPO / "macros.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def test_language_from_extra_lang_english_by_default(self, macros):
        """extra.lang gives the build's language; a configuration without it is English."""
        assert macros.page_language({"lang": "es"}) == "es"
        assert macros.page_language({}) == "en"

    def test_unknown_language_stops_the_build_naming_the_setting(self, macros):
        """A language the handbook is not written in stops the build with the setting and the languages it has."""
        from mkdocs.exceptions import PluginError

        with pytest.raises(PluginError, match=r"extra.lang is 'fr'.*en and es"):
            macros.page_language({"lang": "fr"})

    @pytest.mark.parametrize("lang", ["en", "es"])
    def test_renderers_get_the_methodology_in_the_builds_language(self, macros, lang):
        """Every macro renders the methodology in the build's language: its texts and the renderers' own words."""
        registered = {}

        class Env:
            project_dir = str(Path(__file__).resolve().parents[1])
            conf = {"extra": {"lang": lang}}

            def macro(self, function, name):
                registered[name] = function

        macros.define_env(Env())
        assert set(registered) == set(macros.MACROS)
        assert {function.args[0].language for function in registered.values()} == {lang}
        heading = registered["checklist"]("kickoff")
        assert ("No aplica" in heading) == (lang == "es") and ("Not applicable" in heading) == (lang == "en")


class TestSearchIndex:
    def test_search_index_has_every_subphase(self, built_site):
        """The search index exists and holds each subphase page under its title."""
        index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
        titles = {d["location"]: d["title"] for d in index["docs"]}
        for stage, sub in SUBPHASES:
            assert titles.get(f"{stage.id}/{sub.id}/") == sub.title, sub.id
