"""The scorer's runtime in the built site (scripts/prepare_site.py), the finishing step
(scripts/finish_site.py), and the wheel checks they rely on."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import load_script
from mlops_handbook.loader import load_raw

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[1]



@pytest.fixture(scope="module")
def prepare_site():
    return load_script("prepare_site")


@pytest.fixture(scope="module")
def finish_site():
    return load_script("finish_site")


@pytest.fixture(scope="module")
def build_wheels():
    return load_script("build_wheels")


class TestRuntimeAssets:
    def test_pyodide_files_are_copied_unchanged(self, built_site, prepare_site):
        """Every Pyodide file the worker loads is in assets/pyodide/, byte for byte, and nothing else
        (but the pre-compressed copies the finishing step writes beside them)."""
        copied = built_site / "assets" / "pyodide"
        names = sorted(p.name for p in copied.iterdir() if p.suffix not in (".gz", ".br"))
        assert names == sorted(prepare_site.PYODIDE_FILES)
        for name in prepare_site.PYODIDE_FILES:
            assert (copied / name).read_bytes() == (prepare_site.PYODIDE_DIR / name).read_bytes(), name

    def test_runtime_json_lists_the_wheels_in_install_order(self, built_site):
        """runtime.json names XlsxWriter's wheel, then ours, at paths that hold exactly those bytes."""
        runtime = json.loads((built_site / "assets" / "runtime.json").read_text(encoding="utf-8"))
        assert runtime["pyodide_version"] == json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
        names = [wheel["name"] for wheel in runtime["wheels"]]
        assert names[0].startswith("xlsxwriter-3.3.1-") and names[1].startswith("mlops_handbook-")
        for wheel in runtime["wheels"]:
            data = (built_site / "assets" / wheel["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == wheel["sha256"]
            assert wheel["path"] == f'wheels/{wheel["sha256"][:16]}/{wheel["name"]}'
            assert data == (ROOT / "build" / "wheels" / wheel["name"]).read_bytes()

    def test_runtime_json_gives_every_loaded_file_its_digest(self, built_site, prepare_site):
        """runtime.json lists each Pyodide file and methodology.json with the sha256 of the bytes the site serves."""
        assets = built_site / "assets"
        runtime = json.loads((assets / "runtime.json").read_text(encoding="utf-8"))
        assert [entry["name"] for entry in runtime["pyodide"]] == list(prepare_site.PYODIDE_FILES)
        for entry in runtime["pyodide"] + [runtime["methodology"]]:
            assert entry["path"] == ("methodology.json" if entry["name"] == "methodology.json"
                                     else f'pyodide/{entry["name"]}')
            assert hashlib.sha256((assets / entry["path"]).read_bytes()).hexdigest() == entry["sha256"], entry["name"]
        assert runtime["methodology"]["name"] == "methodology.json"

    def test_startup_stdlib_is_compiled_modules_of_the_whole(self, built_site):
        """The startup library holds only compiled modules, each of a source in the whole python_stdlib.zip
        (a minority of them) or in the package, at a path named by its digest."""
        assets = built_site / "assets"
        entry = json.loads((assets / "runtime.json").read_text(encoding="utf-8"))["startup_stdlib"]
        data = (assets / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert entry["path"] == f'stdlib/{entry["sha256"][:16]}/python_stdlib_startup.zip'
        with zipfile.ZipFile(assets / entry["path"]) as startup, zipfile.ZipFile(assets / "pyodide" / "python_stdlib.zip") as whole:
            compiled = startup.namelist()
            sources = set(whole.namelist())
        package = {name for name in compiled if name.startswith("mlops_handbook/")}
        assert compiled and all(name.endswith(".pyc") and name[:-1] in sources for name in set(compiled) - package)
        assert {"encodings/__init__.pyc", "json/__init__.pyc", "dataclasses.pyc"} <= set(compiled)
        assert {"mlops_handbook/__init__.pyc", "mlops_handbook/browser.pyc", "mlops_handbook/scoring.pyc"} <= package
        assert "mlops_handbook/spreadsheet.pyc" not in package  # imported only by an export, after the first total
        assert len(compiled) == entry["modules"] < len(sources) / 2

    def test_whole_stdlib_replaces_the_startup_one_in_place(self, built_site):
        """Started with the startup library, the interpreter lacks a module a workbook import needs until the
        whole library is written over it and the package's wheel installed, as the worker does; then it
        imports that module, more of a package it had, and the package's spreadsheet writer."""
        assets = built_site / "assets"
        runtime = json.loads((assets / "runtime.json").read_text(encoding="utf-8"))
        startup = runtime["startup_stdlib"]["path"]
        wheels = [str(assets / wheel["path"]) for wheel in runtime["wheels"]]
        script = f"""
            import {{ readFileSync }} from "node:fs";
            const {{ loadPyodide }} = await import({json.dumps((assets / "pyodide" / "pyodide.mjs").as_uri())});
            const pyodide = await loadPyodide({{ indexURL: {json.dumps(str(assets / "pyodide") + "/")},
                                                stdLibURL: {json.dumps(str(assets / startup))} }});
            const probe = "import importlib.util as u, encodings, mlops_handbook.browser; " +
                          "print(u.find_spec('xml') is None, u.find_spec('encodings.idna') is None)";
            pyodide.setStdout({{ batched: (line) => console.log(line) }});
            pyodide.runPython(probe);
            const library = pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('.zip'))");
            pyodide.FS.writeFile(library, readFileSync({json.dumps(str(assets / "pyodide" / "python_stdlib.zip"))}));
            pyodide.runPython("import importlib; importlib.invalidate_caches()");
            const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
            for (const wheel of {json.dumps(wheels)}) {{
              pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", {{ extractDir: sitePackages }});
            }}
            pyodide.runPython("import importlib, os, mlops_handbook; importlib.invalidate_caches(); " +
                              `mlops_handbook.__path__[:] = [os.path.join("${{sitePackages}}", "mlops_handbook")]`);
            pyodide.runPython(probe);
            pyodide.runPython("import xml.parsers.expat, encodings.idna, mlops_handbook.spreadsheet; print('imported')");
        """
        ran = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=120)
        assert ran.returncode == 0, ran.stderr[-2000:]
        assert ran.stdout.split() == ["True", "True", "False", "False", "imported"]

    def test_methodology_json_is_the_loaders_data(self, built_site):
        """assets/methodology.json is exactly loader.load_raw of the checklists."""
        written = json.loads((built_site / "assets" / "methodology.json").read_text(encoding="utf-8"))
        assert written == json.loads(json.dumps(load_raw(ROOT / "checklists")))


class TestContentSecurityPolicy:
    def test_policy_allows_every_inline_script_of_the_site(self, built_site):
        """Every inline script of every built page has its sha256 in the policy, and the policy lists no other."""
        found = set()
        for page in built_site.rglob("*.html"):
            for attributes, text in re.findall(r"<script([^>]*)>(.*?)</script>", page.read_text(encoding="utf-8"), re.S):
                if "src=" not in attributes and "application/json" not in attributes:
                    found.add("'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'")
        policy = (built_site / "assets" / "content-security-policy.txt").read_text(encoding="utf-8")
        script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
        assert found and set(script_src[2:]) == found

    def test_hashes_cover_inline_scripts_only(self, finish_site, tmp_path):
        """Inline scripts are hashed once each; scripts with src and JSON data blocks are not."""
        (tmp_path / "a").mkdir()
        (tmp_path / "index.html").write_text('<script>var a = 1;</script><script src="x.js"></script>'
                                             '<script type="application/json">{"b": 2}</script>')
        (tmp_path / "a" / "index.html").write_text("<script>var a = 1;</script><script>var c = 3;</script>")
        expected = sorted("'sha256-" + base64.b64encode(hashlib.sha256(text).digest()).decode() + "'"
                          for text in (b"var a = 1;", b"var c = 3;"))
        assert finish_site.inline_script_hashes(sorted(tmp_path.rglob("*.html"))) == expected

    def test_meta_policy_goes_after_the_charset(self, built_site):
        """Each page has one CSP <meta>, right after its charset, the first element of its head."""
        for page in built_site.rglob("*.html"):
            head = page.read_text(encoding="utf-8").split("</head>")[0]
            assert re.search(r'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="[^"]+">',
                             head), page
            assert head.count("Content-Security-Policy") == 1, page


RELATIVE_IMPORT = re.compile(r"""(?:\bimport\s*|\bfrom\s*|\bimport\s*\(\s*)["'][./]""")


class TestBundledPageCode:
    def test_pages_preload_only_the_bundle_which_imports_no_module(self, built_site, finish_site):
        """Every page preloads the one page-code bundle, and neither bundle imports a module of the sources."""
        for page in built_site.rglob("index.html"):
            head = page.read_text(encoding="utf-8").split("</head>")[0]
            preloads = re.findall(r'<link rel="modulepreload" href="([^"]*)">', head)
            assert len(preloads) == 1 and preloads[0].endswith("assets/js/handbook/main.js"), page
        for entry in finish_site.BUNDLE_ENTRIES:
            code = (built_site / entry).read_text(encoding="utf-8")
            assert code.startswith(finish_site.BUNDLE_MARK), entry
            assert RELATIVE_IMPORT.findall(code) == [], entry
        bundled = json.loads((built_site / finish_site.BUNDLES_FILE).read_text(encoding="utf-8"))
        assert "assets/js/handbook/portfolio-page.js" in bundled["assets/js/handbook/main.js"]
        assert "assets/js/scorer-files.js" in bundled["assets/js/scorer-start.js"]

    def test_service_worker_lists_the_bundles_and_no_bundled_module(self, built_site):
        """The offline copy holds the bundles and none of the modules they took in."""
        manifest = re.search(r"const MANIFEST = (\{.*?\});\n", (built_site / "sw.js").read_text(encoding="utf-8"))
        listed = {address for files in json.loads(manifest.group(1))["files"].values() for address, _, _ in files}
        assert {"assets/js/handbook/main.js", "assets/js/scorer-start.js", "assets/js/scorer-worker.js"} <= listed
        assert not listed & {"assets/js/handbook/site.js", "assets/js/scorer-files.js", "assets/js/bundles.json"}

    def test_bundling_a_small_site_twice_gives_the_same_files(self, finish_site, tmp_path, monkeypatch):
        """A module graph becomes one module holding every part, the site named by a relative path as
        `./run build` names it; a second finish changes no byte."""
        files = {"index.html": '<html><head><meta charset="utf-8"></head><body>'
                               '<script type="module" src="assets/js/handbook/main.js"></script></body></html>',
                 "assets/js/handbook/main.js": 'import { word } from "./word.js";\ndocument.title = word;\n',
                 "assets/js/handbook/word.js": 'export const word = "bundled-" + "word";\n',
                 "assets/js/scorer-start.js": 'export { word } from "./handbook/word.js";\n',
                 "assets/js/scorer-boot.js": "/* start */\n(function () {})();\n"}
        for name, text in files.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text, encoding="utf-8")
        monkeypatch.chdir(tmp_path.parent)
        finish_site.finish(Path(tmp_path.name))
        first = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
        bundle = (tmp_path / "assets/js/handbook/main.js").read_text(encoding="utf-8")
        assert '"bundled-word"' in bundle and RELATIVE_IMPORT.findall(bundle) == []
        finish_site.finish(tmp_path)
        assert {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()} == first

    def test_missing_esbuild_names_npm_ci(self, finish_site, monkeypatch, tmp_path):
        """Without esbuild installed the step stops with a message that names `npm ci`."""
        monkeypatch.setattr(finish_site, "ESBUILD", tmp_path / "no-esbuild")
        (tmp_path / "site" / "assets" / "js" / "handbook").mkdir(parents=True)
        (tmp_path / "site" / "index.html").write_text("<html></html>", encoding="utf-8")
        (tmp_path / "site" / "assets" / "js" / "handbook" / "main.js").write_text("export {};\n", encoding="utf-8")
        with pytest.raises(finish_site.FinishError, match="npm ci"):
            finish_site.finish(tmp_path / "site")


class TestOneRuntimeForEveryLanguage:
    PAGE = '<html><head><script src="{prefix}assets/js/handbook/main.js" type="module"></script></head></html>'

    def small_site(self, tmp_path: Path, spanish_prefix: str) -> Path:
        site = tmp_path / "site"
        (site / "assets" / "js").mkdir(parents=True)
        (site / "assets" / "js" / "scorer-boot.js").write_text("(function () {})();\n", encoding="utf-8")
        (site / "index.html").write_text(self.PAGE.format(prefix=""), encoding="utf-8")
        (site / "es" / "score").mkdir(parents=True)
        (site / "es" / "score" / "index.html").write_text(self.PAGE.format(prefix=spanish_prefix), encoding="utf-8")
        return site

    def test_spanish_pages_preload_the_roots_page_code(self, finish_site, tmp_path):
        """A Spanish page that loads the root's page code gets the root's bundle preloaded."""
        site = self.small_site(tmp_path, "../../")
        finish_site.add_module_preloads(site, sorted(site.rglob("*.html")))
        page = (site / "es" / "score" / "index.html").read_text(encoding="utf-8")
        assert '<link rel="modulepreload" href="../../assets/js/handbook/main.js">' in page

    def test_a_page_loading_page_code_of_its_own_stops_the_step(self, finish_site, tmp_path):
        """A Spanish page that loads page code from its own build's assets/ (a second runtime) stops the step, named."""
        site = self.small_site(tmp_path, "../")
        with pytest.raises(finish_site.FinishError, match=r"es/score/index.html .*mkdocs.es.yml"):
            finish_site.add_module_preloads(site, sorted(site.rglob("*.html")))


class TestPrepareStopsWithoutRuntime:
    def test_missing_pyodide_names_npm_ci(self, prepare_site, monkeypatch, tmp_path):
        """Without node_modules/pyodide the step stops, says to run npm ci, and writes nothing."""
        monkeypatch.setattr(prepare_site, "PYODIDE_DIR", tmp_path / "pyodide")
        with pytest.raises(prepare_site.PrepareError, match="npm ci"):
            prepare_site.prepare(tmp_path / "assets")
        assert not (tmp_path / "assets").exists()

    def test_wrong_pyodide_version_is_refused(self, prepare_site, monkeypatch, tmp_path):
        """A Pyodide other than the pinned one stops the step with both versions named."""
        fake = tmp_path / "pyodide"
        fake.mkdir()
        (fake / "package.json").write_text('{"version": "0.1.0"}')
        monkeypatch.setattr(prepare_site, "PYODIDE_DIR", fake)
        with pytest.raises(prepare_site.PrepareError, match=r"0\.1\.0.*pins"):
            prepare_site.prepare(tmp_path / "assets")

    def test_missing_wheels_name_the_script(self, prepare_site, monkeypatch, tmp_path):
        """Without the wheels the step stops and names scripts/build_wheels.py."""
        monkeypatch.setattr(prepare_site, "WHEEL_DIR", tmp_path)
        with pytest.raises(prepare_site.PrepareError, match="build_wheels.py"):
            prepare_site.prepare(tmp_path / "assets")

    def test_preparing_twice_keeps_the_same_files(self, prepare_site, tmp_path):
        """A second run rewrites nothing that did not change (the snapshot is not made again), and drops a
        wheel folder no longer listed."""
        assets = tmp_path / "assets"
        # The startup library and the snapshot take Node some seconds to make: those the repository's
        # runtime has are given to the first run, which keeps them if they are this runtime's.
        prepare_site.prepare()
        for generated in ("stdlib", "snapshots", "runtime.json"):
            source = prepare_site.ASSETS / generated
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, assets / generated)
        first = prepare_site.prepare(assets)
        stale = assets / "wheels" / "0123456789abcdef"
        stale.mkdir()
        wasm = assets / "pyodide" / "pyodide.asm.wasm"
        snapshot = assets / first["snapshot"]["path"]
        before = wasm.stat().st_mtime_ns, snapshot.stat().st_mtime_ns
        assert prepare_site.prepare(assets) == first  # the snapshot of the same runtime is not made again
        assert (wasm.stat().st_mtime_ns, snapshot.stat().st_mtime_ns) == before and not stale.exists()
        assert sorted(p.name for p in assets.iterdir()) == sorted(prepare_site.GENERATED)


class TestBuildNeedsThePreparedRuntime:
    def test_build_without_prepared_runtime_names_the_step(self, tmp_path):
        """A bare `mkdocs build` of a project whose runtime was not prepared stops with the command to run."""
        from test_site import build, copy_project

        project = copy_project(tmp_path / "project")
        (project / "docs" / "assets" / "runtime.json").unlink()
        result = build(project, tmp_path / "site")
        assert result.returncode != 0
        assert "scripts/prepare_site.py" in result.stdout and "Traceback" not in result.stdout


class TestWheelChecks:
    def _copy_wheels(self, build_wheels, target: Path) -> Path:
        wheels = build_wheels.check_wheels(ROOT / "build" / "wheels")
        for wheel in wheels:
            shutil.copy2(wheel, target / wheel.name)
        return target / wheels[1].name

    def test_current_wheels_pass(self, build_wheels, tmp_path):
        """The wheels in build/wheels match the source tree."""
        ours = self._copy_wheels(build_wheels, tmp_path)
        assert build_wheels.stale_files(ours) == []

    def test_changed_module_makes_the_wheel_stale(self, build_wheels, tmp_path):
        """A wheel whose module differs from the source is reported stale, naming the file."""
        ours = self._copy_wheels(build_wheels, tmp_path)
        with zipfile.ZipFile(ours) as archive:
            contents = {name: archive.read(name) for name in archive.namelist()}
        contents["mlops_handbook/scoring.py"] += b"\n# changed\n"
        ours.unlink()
        with zipfile.ZipFile(ours, "w") as archive:
            for name, data in contents.items():
                archive.writestr(name, data)
        assert build_wheels.stale_files(ours) == ["mlops_handbook/scoring.py"]
        with pytest.raises(build_wheels.WheelError, match="older than the source"):
            build_wheels.check_wheels(tmp_path)

    def test_altered_xlsxwriter_wheel_is_refused(self, build_wheels, tmp_path):
        """An XlsxWriter wheel with other bytes than the published one is refused."""
        self._copy_wheels(build_wheels, tmp_path)
        with open(tmp_path / build_wheels.XLSXWRITER_WHEEL, "ab") as file:
            file.write(b"\0")
        with pytest.raises(build_wheels.WheelError, match="SHA-256"):
            build_wheels.check_wheels(tmp_path)
