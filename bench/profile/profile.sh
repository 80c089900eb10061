#!/bin/bash
# bench/profile/profile.sh perf|callgrind : where DnsLb's CPU goes while it answers UDP queries.
#
# Starts three HTTP backends (127.0.0.11-13:8080) and a Release build of DnsLb serving the lab zone
# (example.com.zone here, twopir a pool probed over HTTP) on 127.0.0.1:$PORT, then drives it with dnsperf
# and the lab's query mix, all inside a private network namespace that has only a loopback interface.
#   perf       samples the server (perf record -g, the .NET perf map on) for DURATION s while dnsperf runs
#              pinned (server on CPU 1, dnsperf on CPU 0), then prints the breakdown by category
#              (classify.py) and the top symbols.
#   callgrind  runs the server under valgrind --tool=callgrind, warms it up, zeroes the counters, sends
#              QUERIES queries (dnsperf, 100 outstanding: a queue is always waiting, as under load) and
#              prints user-space instructions per answered query. Repeatable on a noisy machine.
# Env: PORT [5300] DURATION [10] QUERIES [20000] OUT [a mktemp -d folder, kept]
# Every process started here is stopped by its PID; every wait is bounded.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib/benchlib.sh
. "$ROOT/bench/lib/benchlib.sh"
MODE=${1:-perf}
if [ -z "${PROFILE_IN_NETNS:-}" ]; then
  exec unshare --net -- env PROFILE_IN_NETNS=1 bash -c 'ip link set lo up && exec bash "$0" "$@"' "$0" "$@"
fi
PORT=${PORT:-5300}
DURATION=${DURATION:-10}
QUERIES=${QUERIES:-20000}
OUT=${OUT:-$(mktemp -d /tmp/dnslb-profile.XXXXXX)}
MIX="$HERE/mix.txt"
mkdir -p "$OUT/zones"
cp "$HERE/example.com.zone" "$OUT/zones/"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

for ip in 127.0.0.11 127.0.0.12 127.0.0.13; do
  python3 - "$ip" >/dev/null 2>&1 <<'PY' &
import http.server, socketserver, sys
class Ok(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"ok")
    def log_message(self, *args): pass
socketserver.TCPServer.allow_reuse_address = True
socketserver.TCPServer((sys.argv[1], 8080), Ok).serve_forever()
PY
  PIDS+=($!)
done

TARGET=$(build_release "$ROOT/src/DnsLb" "$OUT/build.log")
ARGS=(--Dns:Port="$PORT" --Dns:Listen:0=127.0.0.1 --Dns:ZonesDirectory="$OUT/zones"
      --Pools:twopir.example.com:Probe:Kind=Http --Pools:twopir.example.com:Probe:Port=8080 --Pools:twopir.example.com:Probe:Path=/)
SERVER=(dotnet "$TARGET")
if [ "$MODE" = callgrind ]; then
  # Probes once a minute: the counters should see the query path, not the probes.
  ARGS+=(--Pools:twopir.example.com:IntervalMs=60000)
  # Every method compiled once, optimised, when first called: under valgrind's slowness tiered compilation
  # goes on re-compiling for minutes, and the window measured would count the JIT at work, not the queries.
  # ReadyToRun off too, or the framework would keep running its precompiled, less optimised code.
  export DOTNET_TieredCompilation=0 DOTNET_ReadyToRun=0
  SERVER=(valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out.%p" "${SERVER[@]}")
fi
# W^X off: with it on, JIT code runs from a double mapping perf cannot match to the perf map.
(cd "$OUT" && DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 exec "${SERVER[@]}" "${ARGS[@]}") >"$OUT/server.log" 2>&1 </dev/null &
SERVER_PID=$!
PIDS+=("$SERVER_PID")
for ((i = 0; i < 600; i++)); do
  dig @127.0.0.1 -p "$PORT" example.com SOA +time=1 +tries=1 2>/dev/null | grep -q 'status: NOERROR' && break
  kill -0 "$SERVER_PID" || { cat "$OUT/server.log"; exit 1; }
  sleep 0.5
done

run_dnsperf() { timeout 600 dnsperf -s 127.0.0.1 -p "$PORT" -d "$MIX" -c 10 -q 100 -t 30 "$@"; }

if [ "$MODE" = perf ]; then
  run_dnsperf -l 3 >/dev/null   # warm-up: the JIT's optimised code, probes settled
  taskset -a -cp 1 "$SERVER_PID" >/dev/null
  taskset -c 0 dnsperf -s 127.0.0.1 -p "$PORT" -d "$MIX" -c 10 -q 100 -t 2 -l "$DURATION" >"$OUT/dnsperf.txt" &
  DP=$!
  sleep 1
  perf record -F 2999 -g -p "$SERVER_PID" -o "$OUT/perf.data" -- sleep $((DURATION - 2)) 2>"$OUT/perf-record.log"
  wait "$DP"
  grep -E 'Queries (completed|per second)' "$OUT/dnsperf.txt"
  perf report -i "$OUT/perf.data" --no-children -n --sort dso,sym --stdio -g none --percent-limit 0 2>/dev/null >"$OUT/self.txt"
  python3 "$HERE/classify.py" perf "$OUT/self.txt"
  echo "top symbols (self):"
  grep -E '^ +[0-9]' "$OUT/self.txt" | head -40
else
  CG_PID=$SERVER_PID
  for i in 1 2 3; do run_dnsperf -n $((QUERIES / 100)) >/dev/null; sleep 3; done   # warm-up (tier-1 JIT)
  callgrind_control -z "$CG_PID" >/dev/null
  run_dnsperf -n $((QUERIES / 100)) >"$OUT/dnsperf.txt"
  callgrind_control -d "$CG_PID" >/dev/null
  completed=$(sed -n 's/.*Queries completed: *\([0-9]*\).*/\1/p' "$OUT/dnsperf.txt")
  file=$(ls "$OUT"/callgrind.out.*.1)
  ir=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p;s/^totals: *\([0-9]*\).*/\1/p' "$file" | head -1)
  echo "answered $completed queries; $ir instructions; $((ir / completed)) instructions per query (user space)"
fi
echo "output in $OUT"
