"""Serve a built site as a static web server would, for trying it on this machine.

    python scripts/serve_site.py SITE_DIR [--port 8000] [--prefix /path/] [--no-compress]

Files are served with the types a browser needs for the scorer (WebAssembly, JavaScript modules).
Where the build wrote compressed copies beside a file (FILE.br, FILE.gz: scripts/compress_site.py),
the copy the browser's Accept-Encoding prefers is sent instead, Brotli first, as nginx's
brotli_static and gzip_static do: Content-Encoding names it, Content-Type stays the file's, and
every response for such a file says "Vary: Accept-Encoding". A request with a Range gets the file
as built, and so does a file changed after its copies were written. --no-compress serves every
file as built, for comparison. --prefix serves the site under a path, as a host that puts it in a
sub-folder would. For production use any static web server; see the README.
"""

from __future__ import annotations

import argparse
import datetime
import email.utils
import functools
import http.server
import os
import sys
from pathlib import Path

TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".json": "application/json", ".whl": "application/zip", ".xml": "application/xml",
         ".gz": "application/gzip", ".br": "application/octet-stream"}  # a copy asked for by its own name
# The copies a build may write beside a file, by the Accept-Encoding token that allows each, best first.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def accepted_encodings(accept_encoding: str) -> dict[str, float]:
    """The q-value of each coding an Accept-Encoding header names ('*' included); malformed q counts 0."""
    accepted = {}
    for item in accept_encoding.split(","):
        name, _, parameters = item.partition(";")
        name = name.strip().lower()
        if not name:
            continue
        quality = 1.0
        for parameter in parameters.split(";"):
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        accepted[name] = quality
    return accepted


def preferred_encoding(accept_encoding: str, available: list[str]) -> str | None:
    """The coding of available (in order of preference) the header accepts with the highest q; None for none."""
    accepted = accepted_encodings(accept_encoding)
    best, best_quality = None, 0.0
    for coding in available:
        quality = accepted.get(coding, accepted.get("*", 0.0))
        if quality > best_quality:
            best, best_quality = coding, quality
    return best


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}
    prefix = "/"
    headers_sent: tuple[tuple[str, str], ...] = ()  # extra headers on every response
    compress = True  # serve the build's compressed copies to browsers that accept them
    _vary = False  # this response depends on Accept-Encoding

    def end_headers(self):
        for name, value in self.headers_sent:
            self.send_header(name, value)
        if self._vary:
            self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def send_head(self):
        self._vary = False
        original = self._requested_file()
        if not self.compress or original is None:
            return super().send_head()
        copies = {coding: original + suffix for coding, suffix in ENCODINGS
                  if is_fresh_copy(original + suffix, original)}
        if not copies:
            return super().send_head()
        self._vary = True
        coding = preferred_encoding(self.headers.get("Accept-Encoding", ""), list(copies))
        if coding is None or "Range" in self.headers:  # a range is of the file as built
            return super().send_head()
        try:
            copy = open(copies[coding], "rb")  # noqa: SIM115 - the base class sends and closes it
        except OSError:
            return super().send_head()
        stat = os.fstat(copy.fileno())
        if not_modified_since(self.headers, stat.st_mtime):  # as the base class answers a plain file
            copy.close()
            self.send_response(304)
            self.end_headers()
            return None
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(original))
        self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return copy

    def _requested_file(self) -> str | None:
        """The file the request names (a folder's index.html), or None if it names none."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].split("#", 1)[0].endswith("/"):
                return None  # the base class redirects to the folder's address
            path = os.path.join(path, "index.html")
        return path if os.path.isfile(path) else None

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def not_modified_since(headers, mtime: float) -> bool:
    """Whether a conditional request's If-Modified-Since (with no If-None-Match) is at or after mtime."""
    since = headers.get("If-Modified-Since")
    if since is None or "If-None-Match" in headers:
        return False
    try:
        when = email.utils.parsedate_to_datetime(since)
    except (TypeError, ValueError, IndexError, OverflowError):
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return int(mtime) <= when.timestamp()


def is_fresh_copy(copy: str, original: str) -> bool:
    """Whether copy exists and was written after original (a file changed since it was compressed
    must not be served from its stale copy)."""
    try:
        return os.stat(copy).st_mtime >= os.stat(original).st_mtime
    except OSError:
        return False


def handler(site_dir: Path, prefix: str = "/", headers: dict[str, str] | None = None, compress: bool = True):
    """A request handler class serving site_dir under prefix (which starts and ends with '/').

    headers are sent with every response; compress=False serves every file as built, ignoring
    the compressed copies beside it.
    """
    cls = type("Handler", (SiteHandler,), {"prefix": prefix, "headers_sent": tuple((headers or {}).items()),
                                           "compress": compress})
    return functools.partial(cls, directory=str(site_dir))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--prefix", default="/")
    parser.add_argument("--no-compress", action="store_true",
                        help="serve every file as built, never its .br or .gz copy")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"serve_site: {args.site_dir} has no index.html; build the site first (./run build).", file=sys.stderr)
        return 2
    prefix = "/" + args.prefix.strip("/") + "/" if args.prefix.strip("/") else "/"
    site_handler = handler(args.site_dir, prefix, compress=not args.no_compress)
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), site_handler)
    except OSError as error:
        print(f"serve_site: cannot listen on 127.0.0.1:{args.port} ({error.strerror}); "
              "set another port with PORT=8001 ./run serve.", file=sys.stderr)
        return 2
    print(f"Serving {args.site_dir} on http://127.0.0.1:{args.port}{prefix} (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
