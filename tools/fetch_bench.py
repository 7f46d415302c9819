#!/usr/bin/env python3
"""Times artdiff fetching the five fixture pages of tests/pages in parallel from a loopback
server (127.0.0.1, a free port, stopped at the end) and reports wall time and peak RSS, beside
the same comparison from the files on disk (no fetch) for reference.

Usage (from the repository root, after `cargo build --release`):
    python3 tools/fetch_bench.py [RUNS] [DELAY_MS]
DELAY_MS makes the server wait before each answer (a slow site); with 0 it answers at once.
Nothing leaves the machine."""
import http.server, os, resource, statistics, subprocess, sys, threading, time
from pathlib import Path

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
DELAY = float(sys.argv[2]) / 1000 if len(sys.argv) > 2 else 0.0
ROOT = Path(__file__).resolve().parent.parent
PAGES = ["herald.html", "courier.html", "gazette.html", "wire.html", "blog.html"]
BODIES = {f"/{p}": (ROOT / "tests/pages" / p).read_bytes() for p in PAGES}
EXE = str(Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target") / "release" / "artdiff")

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        body = BODIES.get(self.path)
        if DELAY: time.sleep(DELAY)
        if body is None:
            self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers(); return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}"
env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}

def measure(args):
    walls, rss = [], []
    for _ in range(RUNS):
        t = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M", EXE, "--export", "-", "--format", "json", *args],
                           capture_output=True, env=env)
        walls.append(time.perf_counter() - t)
        if p.returncode:
            sys.exit(f"artdiff failed: {p.stderr.decode(errors='replace')[-300:]}")
        rss.append(int(p.stderr.decode().strip().splitlines()[-1]))
    return statistics.median(walls) * 1000, max(rss) / 1024

try:
    fetched = measure([f"{base}/{p}" for p in PAGES])
    files = measure([str(ROOT / "tests/pages" / p) for p in PAGES])
finally:
    server.shutdown()
print(f"5 pages fetched in parallel (server delay {DELAY*1000:.0f} ms): median {fetched[0]:.0f} ms, peak RSS {fetched[1]:.1f} MiB")
print(f"5 pages from files (no fetch):                 median {files[0]:.0f} ms, peak RSS {files[1]:.1f} MiB")
