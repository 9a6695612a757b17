#!/usr/bin/env bash
# Serve soak: one `planvev serve` on 127.0.0.1 over a copy of the example
# site, under (all at once, each bounded in count and time):
#   - concurrent clients:  CLIENTS threads x GETS requests of real pages
#   - slow clients:        SLOW sockets sending their head a byte at a time
#   - oversized heads:     BIG requests with a 16 MB header line
#   - event streams:       SSE streams held open, counting reload events
#   - a save storm:        SAVES writes to one area text, as fast as possible
# Prints requests made and failed, reloads seen, memory (VmRSS) and threads
# before, at the peak and after, and how long SIGTERM takes to stop it.
#   scripts/serve-soak.sh            # defaults below; env vars override
set -euo pipefail
cd "$(dirname "$0")/.."
export CLIENTS="${CLIENTS:-100}" GETS="${GETS:-50}" SLOW="${SLOW:-200}" BIG="${BIG:-20}"
export SSE="${SSE:-50}" SAVES="${SAVES:-3000}" LIMIT="${LIMIT:-300}"
cargo build --quiet
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
cp -r content "$tmp/content"
./target/debug/planvev serve --content "$tmp/content" --port 0 >"$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q "Serving" "$tmp/serve.log" && break; sleep 0.1; done
port=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve.log" | head -1 | cut -d: -f3)
[ -n "$port" ] || { cat "$tmp/serve.log"; exit 1; }
mem() { awk '/VmRSS|Threads/ {printf "%s %s%s  ", $1, $2, $3}' "/proc/$pid/status"; echo; }
echo "serve pid $pid on 127.0.0.1:$port"
echo "before: $(mem)"
rc=0
timeout "$LIMIT" python3 - "$port" "$tmp/content" "$pid" <<'PY' || rc=$?
import os, random, socket, sys, threading, time
port, content, pid = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
env = lambda k: int(os.environ[k])
pages = ["/", "/nn/", "/nb/", "/nn/klepp/", "/nb/klepp/sosiale-tenester/", "/nn/klepp/sosiale-tenester/",
         "/nn/klepp/print.html", "/nn/bergen/sosiale-tjenester/", "/sitemap.xml", "/404-finst-ikkje"]
stats = {"get": 0, "get_fail": 0, "big": 0, "big_refused": 0, "slow": 0, "reloads": 0, "sse_open": 0}
lock = threading.Lock()
peak = [0]
def bump(k, n=1):
    with lock: stats[k] += n
def get(path):
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
    data = b""
    while True:
        b = s.recv(65536)
        if not b: break
        data += b
    s.close()
    return data.split(b" ", 2)[1] if b" " in data else b"?"
def client():
    for _ in range(env("GETS")):
        try:
            code = get(random.choice(pages))
            bump("get")
            if code not in (b"200", b"404"): bump("get_fail")
        except Exception:
            bump("get"); bump("get_fail")
def slow():
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        for ch in b"GET / HTTP/1.1\r\nX-Slow: " + b"a" * 40:
            s.send(bytes([ch])); time.sleep(0.1)
        s.close()
    except Exception:
        pass
    bump("slow")
def big():
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.sendall(b"GET / HTTP/1.1\r\nX-Big: ")
        chunk = b"a" * 65536
        try:
            for _ in range(256): s.sendall(chunk)
        except Exception:
            pass
        ans = s.recv(200)
        bump("big")
        if ans.startswith(b"HTTP/1.1 431") or ans.startswith(b"HTTP/1.1 414"): bump("big_refused")
        s.close()
    except Exception:
        bump("big")
stop = threading.Event()
def sse():
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=60)
        s.sendall(b"GET /__planvev/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        bump("sse_open")
        buf = b""
        s.settimeout(1)
        while not stop.is_set():
            try:
                b = s.recv(65536)
            except socket.timeout:
                continue
            if not b: break
            buf += b
            n = buf.count(b"event: reload")
            if n: bump("reloads", n); buf = buf.replace(b"event: reload", b"")
        s.close()
    except Exception:
        pass
def storm():
    f = os.path.join(content, "klepp/sosiale-tenester/index.nn.md")
    text = open(f, encoding="utf-8").read()
    for i in range(env("SAVES")):
        with open(f, "w", encoding="utf-8") as o:
            o.write(text + f"\nLagring {i}.\n")
    return env("SAVES") - 1
def rss():
    for l in open(f"/proc/{pid}/status"):
        if l.startswith("VmRSS"): return int(l.split()[1])
    return 0
def watch_peak():
    while not stop.is_set():
        peak[0] = max(peak[0], rss()); time.sleep(0.05)
t0 = time.time()
threading.Thread(target=watch_peak, daemon=True).start()
sses = [threading.Thread(target=sse) for _ in range(env("SSE"))]
for t in sses: t.start()
time.sleep(0.5)
work = [threading.Thread(target=client) for _ in range(env("CLIENTS"))]
work += [threading.Thread(target=slow) for _ in range(env("SLOW"))]
work += [threading.Thread(target=big) for _ in range(env("BIG"))]
for t in work: t.start()
last = storm()
for t in work: t.join()
# The last save must show.
deadline = time.time() + 60
shown = False
while time.time() < deadline and not shown:
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(b"GET /nn/klepp/sosiale-tenester/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
    data = b""
    while True:
        b = s.recv(65536)
        if not b: break
        data += b
    shown = f"Lagring {last}.".encode() in data
    if not shown: time.sleep(0.2)
time.sleep(1)
stop.set()
for t in sses: t.join()
print(f"requests: {stats['get']} GETs ({stats['get_fail']} failed), {stats['slow']} slow clients, "
      f"{stats['big']} oversized heads ({stats['big_refused']} refused with 431/414), "
      f"{stats['sse_open']} event streams saw {stats['reloads']} reload events, {env('SAVES')} saves; "
      f"last save shown: {shown}; {time.time() - t0:.1f} s; peak VmRSS {peak[0]} kB")
sys.exit(0 if shown and stats['get_fail'] == 0 and stats['big_refused'] == stats['big'] else 1)
PY
echo "after:  $(mem)"
sleep 2
echo "idle:   $(mem)"
start=$(date +%s%N)
kill -TERM "$pid"
wait "$pid" || true
echo "SIGTERM to exit: $(( ($(date +%s%N) - start) / 1000000 )) ms"
exit $rc
