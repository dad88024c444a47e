"""Write pre-compressed copies of a built site's files, for hosts that serve them.

    python scripts/compress_site.py SITE_DIR     (after scripts/finish_site.py, which writes sw.js)

Beside every file a browser downloads that compresses well (pages, styles, scripts, JSON, the
WebAssembly runtime) it writes FILE.gz (gzip, level 9) and FILE.br (Brotli, quality 11), each
only when it is at least 5% smaller than the file. A host that
serves such copies (nginx's gzip_static and brotli_static, Caddy's precompressed, Apache with the
README's rules, scripts/serve_site.py) then sends the smallest encoding the browser accepts with
no compression work per request, and at a level no on-the-fly compressor affords. The copies are
transport encodings of the same bytes: the service worker never lists them and no page asks for
them by name. Output is deterministic: the same site gives the same bytes.

Copies are kept in build/compressed/ (ignored by git) under their file's digest, so that a build
compresses only the files that changed: Brotli at quality 11 is slow (a minute or so for the whole
site, most of it for pyodide.asm.wasm), a run with the previous build's copies a second or so.
compress_unless_disabled() skips the step when COMPRESS=0 is set, for hosts that compress on the
fly (GitHub Pages, Netlify, Cloudflare Pages).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / "build" / "compressed"
# What compresses: text and WebAssembly. Zips and wheels are deflated already (python_stdlib.zip:
# 2.5% smaller with Brotli 11), so are images and the gzipped memory snapshot; they are left alone.
# A copy is kept only if it saves at least MIN_SAVING.
COMPRESSIBLE_SUFFIXES = (".html", ".css", ".js", ".mjs", ".json", ".wasm", ".xml", ".svg", ".txt", ".map")
MIN_SAVING = 0.05
MIN_SIZE = 256  # bytes; below this, the headers of a compressed response cost what it saves
# Copies are kept by the digest of their file, so a build compresses only what changed; a change
# of the settings below must change CACHE_VERSION. Entries unused for CACHE_DAYS are removed.
CACHE_VERSION = "v1-gzip9-br11-lgwin24"
CACHE_DAYS = 30
ENCODINGS = (".br", ".gz")
# Brotli comes from Node's built-in zlib (brotliCompress), not from a PyPI package: Node is already
# needed by every build (the runtime and its snapshot), so this adds no dependency, and one Node
# process compresses every file on its thread pool while Python writes the gzip copies.
# Window lgwin 24 (16 MB). It matters only for pyodide.asm.wasm, the one file over 4 MB, where the
# default 22 measured 0.9% smaller; switching changes CACHE_VERSION, so every copy is made once again.
BROTLI_SCRIPT = r"""
const fs = require("fs");
const zlib = require("zlib");
const jobs = JSON.parse(fs.readFileSync(0, "utf8"));
const { BROTLI_PARAM_QUALITY, BROTLI_PARAM_LGWIN, BROTLI_PARAM_MODE, BROTLI_PARAM_SIZE_HINT,
        BROTLI_MODE_TEXT, BROTLI_MODE_GENERIC } = zlib.constants;
Promise.all(jobs.map(([source, target, text]) => {
  const data = fs.readFileSync(source);
  const params = { [BROTLI_PARAM_QUALITY]: 11, [BROTLI_PARAM_LGWIN]: 24,
                   [BROTLI_PARAM_MODE]: text ? BROTLI_MODE_TEXT : BROTLI_MODE_GENERIC,
                   [BROTLI_PARAM_SIZE_HINT]: data.length };
  return new Promise((resolve, reject) => zlib.brotliCompress(data, { params }, (error, result) => {
    if (error) { reject(new Error(source + ": " + error.message)); return; }
    fs.writeFileSync(target, result);
    resolve();
  }));
})).catch((error) => { console.error(error.message); process.exit(1); });
"""
BINARY_SUFFIXES = (".wasm",)


class CompressError(Exception):
    """The site or the tools are not what this step expects; the message says what and the fix."""


def candidates(site_dir: Path) -> list[Path]:
    """The files of site_dir worth a compressed copy, by their type and size, in a stable order."""
    return [path for path in sorted(site_dir.rglob("*"))
            if path.is_file() and path.suffix in COMPRESSIBLE_SUFFIXES and path.stat().st_size >= MIN_SIZE]


def gzip_bytes(data: bytes) -> bytes:
    """gzip at level 9 with no file name and time 0, so the same input always gives the same bytes."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def _brotli(jobs: list[tuple[Path, Path]]) -> subprocess.Popen | None:
    """Start one Node process writing target = Brotli(source) for every job; None if no jobs."""
    if not jobs:
        return None
    node = shutil.which("node")
    if node is None:
        raise CompressError("node is not on PATH: Brotli copies need Node.js 20 or newer (apt-get install "
                            "nodejs), or skip compressed copies with COMPRESS=0.")
    process = subprocess.Popen([node, "-e", BROTLI_SCRIPT], stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    listing = [[str(source), str(target), source.suffix not in BINARY_SUFFIXES] for source, target in jobs]
    process.stdin.write(json.dumps(listing).encode("utf-8"))
    process.stdin.close()
    return process


def compress(site_dir: Path, cache_dir: Path | None = CACHE_DIR) -> list[Path]:
    """Write FILE.br and FILE.gz beside each compressible file of site_dir; the copies written.

    cache_dir keeps every copy under the digest of its file (None: compress everything anew).
    """
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise CompressError(f"{site_dir} is not a folder: build the site first (./run build).")
    sources = candidates(site_dir)
    cached = {source: _cache_entry(source, cache_dir) for source in sources}
    brotli_jobs = [(source, _copy(source, ".br")) for source in sources
                   if not _from_cache(cached[source], ".br", _copy(source, ".br"))]
    node = _brotli(brotli_jobs)
    for source in sources:  # gzip here while Node writes the Brotli copies
        target = _copy(source, ".gz")
        if not _from_cache(cached[source], ".gz", target):
            _write(target, gzip_bytes(source.read_bytes()))
            _to_cache(target, cached[source], ".gz")
    if node is not None:
        with node.stderr:
            error = node.stderr.read().decode("utf-8", "replace").strip()
        if node.wait() != 0:
            raise CompressError(f"Brotli compression in Node failed: {error or 'exit ' + str(node.returncode)}. "
                                "Check that node is version 20 or newer (node --version).")
        for source, target in brotli_jobs:
            _to_cache(target, cached[source], ".br")
    if cache_dir is not None:
        _prune(Path(cache_dir))
    written = []
    for source in sources:
        size = source.stat().st_size
        for encoding in ENCODINGS:
            copy = _copy(source, encoding)
            if copy.stat().st_size > size * (1 - MIN_SAVING):
                copy.unlink()  # saves too little to be worth a header and a file
            else:
                written.append(copy)
    return written


def _copy(source: Path, encoding: str) -> Path:
    return source.with_name(source.name + encoding)


def _cache_entry(source: Path, cache_dir: Path | None) -> Path | None:
    """Where the copies of source's content are kept (CACHE_VERSION/digest, plus the encoding)."""
    if cache_dir is None:
        return None
    return Path(cache_dir) / CACHE_VERSION / hashlib.sha256(source.read_bytes()).hexdigest()


def _from_cache(entry: Path | None, encoding: str, target: Path) -> bool:
    """Copy the cached copy to target if there is one (marking it used); whether there was."""
    if entry is None or not entry.with_suffix(encoding).is_file():
        return False
    shutil.copyfile(entry.with_suffix(encoding), target)
    os.utime(entry.with_suffix(encoding))
    return True


def _to_cache(target: Path, entry: Path | None, encoding: str) -> None:
    if entry is not None:
        entry.parent.mkdir(parents=True, exist_ok=True)
        _write(entry.with_suffix(encoding), target.read_bytes())


def _write(path: Path, data: bytes) -> None:
    """Write by renaming a complete file into place, so that builds running at once never read half a copy."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def _prune(cache_dir: Path) -> None:
    """Forget copies no build has used for CACHE_DAYS days, and caches of other versions of this step."""
    if not cache_dir.is_dir():
        return
    for folder in cache_dir.iterdir():
        if folder.name != CACHE_VERSION:
            shutil.rmtree(folder, ignore_errors=True)
    cutoff = time.time() - CACHE_DAYS * 86400
    for entry in (cache_dir / CACHE_VERSION).glob("*"):
        if entry.stat().st_mtime < cutoff:
            entry.unlink(missing_ok=True)


def fill_cache(files: list[Path], cache_dir: Path = CACHE_DIR) -> int:
    """Compress files into the cache only (nothing written beside them); how many were not cached yet.

    The prepare step calls it for the Pyodide runtime, whose Brotli copy takes most of a minute, so
    that this is paid once per runtime version and not by the first build (or test run) after it.
    """
    missing = [f for f in files if f.suffix in COMPRESSIBLE_SUFFIXES and f.stat().st_size >= MIN_SIZE
               and not all(_cache_entry(f, cache_dir).with_suffix(e).is_file() for e in ENCODINGS)]
    if missing:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as folder:
            for source in missing:
                shutil.copyfile(source, Path(folder) / source.name)
            compress(Path(folder), cache_dir)
    return len(missing)


def compress_unless_disabled(site_dir: Path) -> None:
    """compress(site_dir), unless COMPRESS=0 is set (hosts that compress on the fly need no copies)."""
    if os.environ.get("COMPRESS", "1") != "0":
        compress(site_dir)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python scripts/compress_site.py SITE_DIR", file=sys.stderr)
        return 2
    try:
        written = compress(Path(argv[0]))
    except CompressError as error:
        print(f"compress_site: {error}", file=sys.stderr)
        return 1
    print(f"compress_site: {len(written)} compressed copies written in {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
