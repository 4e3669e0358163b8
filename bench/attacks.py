"""Replay issue 18's findings against a live `policykg serve` over real HTTP and print a figure for
each (tests/test_server_attacks.py runs the same replays and holds their bounds).

    python bench/attacks.py --base http://127.0.0.1:8000 [--key KEY] [--db PATH]
    python bench/attacks.py --serve [--exe .venv/bin/policykg] [--db ./policykg.db]

``--serve`` starts `policykg serve` from the current directory (run it from a checkout set up with
the quick start, as a user does) with an API key, replays everything, kills it with -9 during an
upload and starts it again to check the temporary files are gone.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx

if not __package__:  # run as a script (python bench/attacks.py): the checkout's root makes `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.api import stop_server as stop  # noqa: E402

SLOW = "MATCH p=(a)-[*1..30]-(b) RETURN count(*)"
SMUGGLE = "/* **/ RETURN 1 AS a, '*/ {p} //' AS b"  # the issue's: the engine does not end the comment at **/
PAYLOADS = {"file read": 'LOAD FROM "/etc/passwd" (file_format="csv", delim=":", header=false) RETURN *',
            "file write": 'COPY (RETURN 1 AS x) TO "{out}"', "CALL": "CALL show_tables() RETURN *",
            "CHECKPOINT": "CHECKPOINT", "LOAD EXTENSION": 'LOAD EXTENSION "/proc/self/fd/0"'}
SECURITY_HEADERS = ("x-content-type-options", "x-frame-options", "referrer-policy")


def timed(fn):
    t = time.monotonic()
    out = fn()
    return out, time.monotonic() - t


def smuggling(c: httpx.Client) -> dict:
    """Each payload, smuggled as the issue did and sent bare: status codes, and no file written."""
    out = os.path.join(tempfile.gettempdir(), f"policykg-attack-{os.getpid()}.csv")
    rows = {}
    for name, payload in PAYLOADS.items():
        p = payload.format(out=out)
        codes = [c.post("/cypher", json={"query": q}).status_code for q in (SMUGGLE.format(p=p), p)]
        rows[name] = codes
    return {"status (smuggled, bare)": rows, "file written": os.path.exists(out)}


def hostile_params(c: httpx.Client) -> dict:
    deep: list = []
    for _ in range(900):
        deep = [deep]
    codes = [c.post("/cypher", json={"query": "RETURN $x AS x", "params": {"x": deep}}).status_code for _ in range(4)]
    r, took = timed(lambda: c.post("/cypher", json={"query": "RETURN 1 AS one"}))
    return {"900-deep params": codes, "next /cypher": r.status_code, "next took s": round(took, 2)}


def health_under_slow_cypher(c: httpx.Client, n: int = 60) -> dict:
    """``n`` slow ad-hoc queries at once; /health sampled all the while."""
    worst, samples, done = 0.0, 0, threading.Event()

    def probe():
        nonlocal worst, samples
        while not done.is_set():
            _, took = timed(lambda: c.get("/health", timeout=30))
            worst, samples = max(worst, took), samples + 1
            time.sleep(0.1)

    t = threading.Thread(target=probe)
    t.start()
    with ThreadPoolExecutor(n) as pool:
        codes = list(pool.map(lambda _: c.post("/cypher", json={"query": SLOW}, timeout=120).status_code, range(n)))
    done.set()
    t.join()
    return {"slow /cypher": n, "answers": {k: codes.count(k) for k in sorted(set(codes))},
            "/health worst s": round(worst, 3), "/health samples": samples}


def raw(base: str, head: bytes, body_chunks=(), wait_s: float = 10.0) -> tuple[bytes, float]:
    """Send a request head (and optionally body chunks) on a socket; the first bytes of the
    answer and the seconds until they came."""
    u = urlsplit(base)
    s = socket.create_connection((u.hostname, u.port or 80), timeout=wait_s)
    t = time.monotonic()
    try:
        try:
            s.sendall(head)
            for chunk in body_chunks:
                s.sendall(chunk)
        except OSError:  # the server closed early: read what it said
            pass
        return s.recv(65536), time.monotonic() - t
    except OSError:
        return b"", time.monotonic() - t
    finally:
        s.close()


def keyless_upload(base: str, size: int = 10 * 1024 * 1024) -> dict:
    """A keyless upload announcing 10 MB whose body is never sent: the answer comes anyway."""
    head = (f"POST /documents HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            f"Content-Length: {size}\r\n\r\n").encode()
    answer, took = raw(base, head)
    return {"status": answer.split(b" ", 2)[1].decode() if answer else None, "answered without body s": round(took, 3)}


def huge_header(base: str, size: int = 20 * 1024 * 1024) -> dict:
    head = b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: "
    chunks = (b"a" * (1 << 20) for _ in range(size >> 20))
    answer, took = raw(base, head, chunks)
    return {"status": answer.split(b" ", 2)[1].decode() if answer else "closed", "took s": round(took, 3)}


def big_view(c: httpx.Client, agency: str) -> dict:
    r, took = timed(lambda: c.get(f"/viz/agency/{agency}", params={"depth": 3, "max_nodes": 20000}, timeout=120))
    code = r.json()["error"]["code"] if r.status_code >= 400 else None
    return {"status": r.status_code, "code": code, "took s": round(took, 2)}


def client_mistakes(c: httpx.Client, db: str | None) -> dict:
    out = {"lone surrogate": c.post("/cypher", content=b'{"query": "RETURN \\"\\ud800\\" AS x"}',
                                    headers={"content-type": "application/json"}).status_code,
           "missing parameter": c.post("/cypher", json={"query": "RETURN $nope AS x", "params": {"x": 1}}).status_code,
           "bad JSON": c.post("/cypher", content=b"{", headers={"content-type": "application/json"}).status_code,
           "surrogate in a path": c.get("/agencies/%ED%A0%80").status_code,
           "comment": c.post("/cypher", json={"query": "RETURN 1 /* c */"}).status_code}
    leaks = []
    for r in (c.post("/cypher", json={"query": "COPY (RETURN 1) TO '/x.csv'"}), c.get("/agencies/none-such"),
              c.post("/cypher", json={"query": 'RETURN 1 AS a'}, headers={"content-type": "text/plain"})):
        text = r.text
        if (db and os.path.dirname(os.path.abspath(db)) in text) or "pid " in text.lower():
            leaks.append(r.request.url.path)
    out["responses naming a path or pid"] = leaks
    return out


def headers(c: httpx.Client) -> dict:
    page = c.get("/")
    missing = [h for h in SECURITY_HEADERS if h not in page.headers]
    return {"missing on /": missing, "CSP on /": page.headers.get("content-security-policy", "")}


def upload_kill_cleanup(exe: str, db: str, key: str) -> dict:
    """Kill -9 the server during a slow upload, start it again: the upload's temporary files are gone."""
    tmp = tempfile.gettempdir()
    before = {n for n in os.listdir(tmp) if n.startswith("policykg-upload-")}
    proc, base = start(exe, db, key)
    head = (f"POST /documents HTTP/1.1\r\nHost: x\r\nX-API-Key: {key}\r\nContent-Type: multipart/form-data; "
            f"boundary=b\r\nContent-Length: 5000000\r\n\r\n").encode()
    u = urlsplit(base)
    s = socket.create_connection((u.hostname, u.port))
    s.sendall(head + b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n" + b"x" * 2_000_000)
    time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    s.close()
    proc, base = start(exe, db, key)
    time.sleep(0.5)
    left = {n for n in os.listdir(tmp) if n.startswith("policykg-upload-")} - before
    stop(proc)
    return {"upload temp dirs left after kill -9 and restart": sorted(left)}


def start(exe: str, db: str, key: str, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([exe, "serve", "--db", db, "--port", str(port), "--workers", "2", "--no-access-log"],
                            env={**os.environ, "POLICYKG_API_KEY": key, **(env or {})}, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/health", timeout=1)
            return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("policykg serve did not start")


def replay(base: str, db: str | None, agency: str) -> dict:
    with httpx.Client(base_url=base, timeout=60) as c:
        return {"smuggling": smuggling(c), "hostile params": hostile_params(c),
                "health under 60 slow /cypher": health_under_slow_cypher(c), "keyless 10 MB upload": keyless_upload(base),
                "20 MB header": huge_header(base), "depth-3 view of 20,000 nodes": big_view(c, agency),
                "client mistakes": client_mistakes(c, db), "security headers": headers(c)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", help="a running server")
    ap.add_argument("--serve", action="store_true", help="start policykg serve from the current directory")
    ap.add_argument("--exe", default=".venv/bin/policykg")
    ap.add_argument("--db", default="./policykg.db")
    ap.add_argument("--key", default="attack-replay-key")
    ap.add_argument("--agency", default="省发展改革委")
    args = ap.parse_args()
    if args.serve:
        proc, base = start(args.exe, args.db, args.key)
        try:
            figures = replay(base, args.db, args.agency)
        finally:
            stop(proc)
        figures["kill -9 during an upload"] = upload_kill_cleanup(args.exe, args.db, args.key)
    elif args.base:
        figures = replay(args.base, args.db, args.agency)
    else:
        ap.error("--base URL or --serve")
    json.dump(figures, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
