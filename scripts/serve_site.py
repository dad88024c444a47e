"""Serve a built site as a static web server would, for trying it on this machine.

    python scripts/serve_site.py SITE_DIR [--port 8000] [--prefix /path/]

Files are served exactly as built, with the types a browser needs for the scorer (WebAssembly,
JavaScript modules). --prefix serves the site under a path, as a host that puts it in a
sub-folder would. For production use any static web server; see the README.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
from pathlib import Path

TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".json": "application/json", ".whl": "application/zip", ".xml": "application/xml"}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}
    prefix = "/"
    headers_sent: tuple[tuple[str, str], ...] = ()  # extra headers on every response

    def end_headers(self):
        for name, value in self.headers_sent:
            self.send_header(name, value)
        super().end_headers()

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def handler(site_dir: Path, prefix: str = "/", headers: dict[str, str] | None = None):
    """A request handler class serving site_dir under prefix (which starts and ends with '/')."""
    cls = type("Handler", (SiteHandler,), {"prefix": prefix, "headers_sent": tuple((headers or {}).items())})
    return functools.partial(cls, directory=str(site_dir))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--prefix", default="/")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"serve_site: {args.site_dir} has no index.html; build the site first (./run build).", file=sys.stderr)
        return 2
    prefix = "/" + args.prefix.strip("/") + "/" if args.prefix.strip("/") else "/"
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler(args.site_dir, prefix))
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
