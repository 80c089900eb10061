#!/bin/bash
# bench/resolver/run.sh: cache hits of DnsLb as a LAN resolver beside Unbound, in one run.
#
# Both forward every name outside their own data to the same upstream, a Knot DNS serving a generated
# zone on loopback. Each server's cache is filled by one pass over the names, then dnsperf measures cache
# hits: a saturating run (throughput) and a run at a fixed rate (latency below saturation), ROUNDS times,
# the servers interleaved. The server is pinned to CPU $SERVER_CPU, dnsperf to $CLIENT_CPU.
#
# Everything runs inside a private network namespace with only a loopback interface (unshare --net, as
# ../shared/lab/lib/isolate.sh does): nothing can leave the machine, and the machine's resolver is never
# asked. Unbound gets a forward-zone "." to the loopback Knot, do-not-query-localhost: no, and root hints
# that name only an unused loopback address. Every process started is stopped by its PID.
#
# Env (defaults): DURATION (10) seconds per measured dnsperf run; ROUNDS (3); NAMES (1000) names in the
# zone and the query list; RATE (20000) queries per second of the latency run; CLIENTS (4) dnsperf -c;
# OUTSTANDING (200) dnsperf -q; SERVER_CPU (1); CLIENT_CPU (0); RETRY_NOISY (2) and MAX_OTHER (10): a run
# during which other programs used more than MAX_OTHER % of a core is measured again, at most RETRY_NOISY
# more times; OUTDIR (a temporary folder, kept).
# Bounded: each dnsperf run is killed by timeout(1) 30 s past its limit; a server that does not answer
# within 30 s of its start ends the run.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
NAMES=${NAMES:-1000}
RATE=${RATE:-20000}
CLIENTS=${CLIENTS:-4}
OUTSTANDING=${OUTSTANDING:-200}
RETRY_NOISY=${RETRY_NOISY:-2}
MAX_OTHER=${MAX_OTHER:-10}
SERVER_CPU=${SERVER_CPU:-1}
CLIENT_CPU=${CLIENT_CPU:-0}
KNOT_PORT=5391
DNSLB_PORT=5392
UNBOUND_PORT=5393

for tool in dnsperf knotd unbound dotnet unshare ip taskset dig; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed (Debian: dnsperf knot unbound bind9-dnsutils util-linux iproute2)" >&2; exit 2; }
done

# Stage 1, outside the namespace: build DnsLb (restoring packages needs the registry), then start again
# inside a loopback-only namespace.
if [ -z "${RESOLVER_BENCH_IN_NETNS:-}" ]; then
  WORK=$(mktemp -d /tmp/dnslb-resolver-bench-XXXXXX)
  echo "run.sh: building DnsLb (Release) into $WORK/dnslb" >&2
  dotnet publish "$REPO/src/DnsLb" -c Release -o "$WORK/dnslb" -p:UseAppHost=false >"$WORK/publish.log" 2>&1 \
    || { cat "$WORK/publish.log" >&2; exit 1; }
  exec unshare --net -- env RESOLVER_BENCH_IN_NETNS=1 WORK="$WORK" \
    bash -c 'ip link set lo up && exec bash "$0" "$@"' "$0" "$@"
fi

# Stage 2, inside the namespace.
OUTDIR=${OUTDIR:-$WORK/results}
mkdir -p "$OUTDIR" "$WORK/knot/db" "$WORK/knot/zones" "$WORK/unbound" "$WORK/zones"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK/dnslb" "$WORK/knot" "$WORK/unbound" "$WORK/zones" # the results stay
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "run.sh: $*" >&2; }
# shellcheck source=../lib/benchlib.sh
. "$REPO/bench/lib/benchlib.sh"

# --- the upstream: Knot DNS serving bench.example with NAMES hosts (TTL one day: no expiry during the run)
{
  echo '$ORIGIN bench.example.'
  echo '$TTL 86400'
  echo '@ SOA ns1 hostmaster 1 3600 600 86400 300'
  echo '@ NS ns1'
  echo 'ns1 A 127.0.0.1'
  for ((i = 1; i <= NAMES; i++)); do
    echo "h$i A 127.$(((i >> 16) & 255)).$(((i >> 8) & 255)).$((i & 255))"
  done
} >"$WORK/knot/zones/bench.example.zone"
write_knot_conf "$WORK/knot" "$KNOT_PORT" bench.example "background-workers: 1" "udp-workers: 1" "tcp-workers: 1"
for ((i = 1; i <= NAMES; i++)); do echo "h$i.bench.example A"; done >"$WORK/queries.txt"

# --- Unbound: only a forward-zone "." to the loopback Knot; root hints name an unused loopback address
printf '. 3600000 NS root.invalid.\nroot.invalid. 3600000 A 127.0.0.254\n' >"$WORK/unbound/root.hints"
cat >"$WORK/unbound/unbound.conf" <<EOF
server:
    verbosity: 0
    interface: 127.0.0.1@$UNBOUND_PORT
    port: $UNBOUND_PORT
    outgoing-interface: 127.0.0.1
    do-ip6: no
    do-daemonize: no
    username: ""
    chroot: ""
    directory: "$WORK/unbound"
    pidfile: "$WORK/unbound/unbound.pid"
    use-syslog: no
    logfile: ""
    root-hints: "$WORK/unbound/root.hints"
    module-config: "iterator"
    do-not-query-localhost: no
    access-control: 127.0.0.0/8 allow
    num-threads: $(nproc)
    so-reuseport: yes
remote-control:
    control-enable: no
forward-zone:
    name: "."
    forward-addr: 127.0.0.1@$KNOT_PORT
EOF

# --- DnsLb: its example zone, forwarding everything else to the loopback Knot (one UDP socket per core)
cp "$REPO"/zones/*.zone "$WORK/zones/"

wait_answering() { # NAME PORT QUESTION...: until dig gets NOERROR with an answer, at most 30 s
  local name=$1 port=$2; shift 2
  for ((t = 0; t < 300; t++)); do
    if dig @127.0.0.1 -p "$port" +time=1 +tries=1 +short "$@" 2>/dev/null | grep -q .; then return 0; fi
    sleep 0.1
  done
  log "$name did not answer on 127.0.0.1:$port within 30 s"
  exit 1
}

knotd -c "$WORK/knot/knot.conf" 2>"$OUTDIR/knot.log" &
KNOT_PID=$!
PIDS+=("$KNOT_PID")
wait_answering knot "$KNOT_PORT" h1.bench.example A

dotnet "$WORK/dnslb/DnsLb.dll" --Dns:Listen=127.0.0.1 --Dns:Port="$DNSLB_PORT" --Dns:ZonesDirectory="$WORK/zones" \
  --Forwarding:Upstreams=127.0.0.1:"$KNOT_PORT" --Logging:LogLevel:Default=Warning >"$OUTDIR/dnslb.log" 2>&1 &
DNSLB_PID=$!
PIDS+=("$DNSLB_PID")
wait_answering dnslb "$DNSLB_PORT" h1.bench.example A

unbound -d -c "$WORK/unbound/unbound.conf" >"$OUTDIR/unbound.log" 2>&1 &
UNBOUND_PID=$!
PIDS+=("$UNBOUND_PID")
wait_answering unbound "$UNBOUND_PORT" h1.bench.example A

# --- measuring helpers
machine() { # busy ticks of the whole machine (softirq and irq aside: loopback packets are handled there) and total ticks
  awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print t - $5 - $6 - $7 - $8, t }' /proc/stat
}
HZ=$(getconf CLK_TCK)
run_dnsperf() { # OUT PORT SECONDS [dnsperf options...]; dnsperf's own CPU time (user system, seconds) in OUT.cpu
  local out=$1 port=$2 secs=$3; shift 3
  timeout $((secs + 30)) taskset -c "$CLIENT_CPU" /usr/bin/time -o "$out.cpu" -f '%U %S' \
    dnsperf -s 127.0.0.1 -p "$port" -d "$WORK/queries.txt" -l "$secs" -t 2 "$@" >"$out" 2>&1 || true
}

printf 'round\tserver\tmode\tqps\tcompleted\tlost\tnoerror_pct\tavg_ms\tmin_ms\tmax_ms\tsd_ms\tserver_cpu_pct\tqps_per_cpu_s\tknot_ticks\tother_cpu_pct\tattempt\n' >"$OUTDIR/results.tsv"
measure_once() { # ROUND NAME PORT PID MODE ATTEMPT [dnsperf options...]: prints one line of results.tsv
  local round=$1 name=$2 port=$3 pid=$4 mode=$5 attempt=$6; shift 6
  local out="$OUTDIR/$name-r$round-$mode-a$attempt.txt"
  local s0 k0 b0 t0 s1 k1 b1 t1 d0 d1 du ds
  s0=$(ticks "$pid"); k0=$(ticks "$KNOT_PID"); read -r b0 t0 < <(machine); d0=$(date +%s.%N)
  run_dnsperf "$out" "$port" "$DURATION" "$@"
  s1=$(ticks "$pid"); k1=$(ticks "$KNOT_PID"); read -r b1 t1 < <(machine); d1=$(date +%s.%N)
  read -r du ds <"$out.cpu" || { du=0; ds=0; }
  local qps completed lost avg min max sd
  qps=$(field "$out" "Queries per second:"); completed=$(field "$out" "Queries completed:")
  lost=$(field "$out" "Queries lost:"); avg=$(field "$out" "Average Latency (s):")
  min=$(sed -n 's/.*(min \([0-9.]*\),.*/\1/p' "$out" | head -1); max=$(sed -n 's/.*max \([0-9.]*\)).*/\1/p' "$out" | head -1)
  sd=$(field "$out" "Latency StdDev (s):")
  local noerror; noerror=$(sed -n 's/.*NOERROR [0-9]* (\([0-9.]*\)%).*/\1/p' "$out" | head -1)
  # other CPU %: what the rest of the machine did meanwhile (other programs), in percent of one core
  awk -v r="$round" -v n="$name" -v m="$mode" -v at="$attempt" -v q="$qps" -v c="$completed" -v l="$lost" -v ne="${noerror:-0}" -v a="$avg" -v mi="$min" -v ma="$max" -v sd="$sd" \
      -v st="$((s1 - s0))" -v kt="$((k1 - k0))" -v busy="$((b1 - b0))" -v tot="$((t1 - t0))" -v hz="$HZ" -v d0="$d0" -v d1="$d1" \
      -v dnsperf_s="$(awk -v u="$du" -v s="$ds" 'BEGIN { print u + s }')" -v cores="$(nproc)" 'BEGIN {
        secs = d1 - d0; cpu_s = st / hz
        other = tot > 0 ? 100 * (busy - st - kt - dnsperf_s * hz) / (tot / cores) : 0
        if (other < 0) other = 0
        printf "%s\t%s\t%s\t%.0f\t%s\t%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.0f\t%.0f\t%d\t%.0f\t%s\n", r, n, m, q, c, l, ne, a * 1000, mi * 1000, ma * 1000, sd * 1000,
          100 * cpu_s / secs, (cpu_s > 0 ? c / cpu_s : 0), kt, other, at }'
}

# A run during which the rest of the machine used more than MAX_OTHER % of a core (other programs) is
# measured again, at most RETRY_NOISY more times; the last attempt is kept, its number in the last column.
measure() { # ROUND NAME PORT PID MODE [dnsperf options...]
  local round=$1 name=$2 port=$3 pid=$4 mode=$5; shift 5
  local attempt line other
  for ((attempt = 1; attempt <= 1 + RETRY_NOISY; attempt++)); do
    line=$(measure_once "$round" "$name" "$port" "$pid" "$mode" "$attempt" "$@")
    other=$(echo "$line" | cut -f15)
    [ "$other" -le "$MAX_OTHER" ] && break
    [ "$attempt" -le "$RETRY_NOISY" ] && log "  $name $mode: the machine was busy ($other % of a core elsewhere), measuring again"
  done
  echo "$line" >>"$OUTDIR/results.tsv"
}

# Pinning: the server (every thread) on SERVER_CPU; dnsperf on CLIENT_CPU; Knot on SERVER_CPU too (idle
# once the caches are full: its ticks during each run are reported, and are 0 when every answer is a hit).
pin "$KNOT_PID"; pin "$DNSLB_PID"; pin "$UNBOUND_PID"

log "filling both caches: one pass over $NAMES names each, then a warm-up"
for server in "dnslb $DNSLB_PORT" "unbound $UNBOUND_PORT"; do
  set -- $server
  run_dnsperf "$OUTDIR/$1-fill.txt" "$2" 30 -n 1 -c 1 -q 10
  run_dnsperf "$OUTDIR/$1-warmup.txt" "$2" 3 -c "$CLIENTS" -q "$OUTSTANDING"
done
pin "$DNSLB_PID"; pin "$UNBOUND_PID" # threads the runtime started since

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 1; round <= ROUNDS; round++)); do
  for server in "dnslb $DNSLB_PORT $DNSLB_PID" "unbound $UNBOUND_PORT $UNBOUND_PID"; do
    set -- $server
    log "round $round: $1 throughput, then latency at $RATE qps (${DURATION}s each)"
    measure "$round" "$1" "$2" "$3" throughput -c "$CLIENTS" -q "$OUTSTANDING"
    measure "$round" "$1" "$2" "$3" latency -c "$CLIENTS" -q "$OUTSTANDING" -Q "$RATE"
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo "# DnsLb vs Unbound, cache hits ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
  echo "# $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load average before $load_before, after $load_after"
  echo "# unbound $(unbound -V | sed -n 's/^Version //p'), knotd $(knotd -V | sed 's/.*version //'), dnsperf $(dnsperf -h 2>&1 | sed -n 's/^Version //p')"
  echo "# dnsperf -c $CLIENTS -q $OUTSTANDING -l $DURATION over $NAMES names (latency runs: -Q $RATE); server on CPU $SERVER_CPU, dnsperf on CPU $CLIENT_CPU"
  echo
  echo "| round | server | run | QPS | lost | NOERROR % | avg latency ms | min ms | max ms | stddev ms | server CPU % | QPS per server CPU-s | Knot ticks | other CPU % | attempt |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  tail -n +2 "$OUTDIR/results.tsv" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16 }'
  echo
  tail -n +2 "$OUTDIR/results.tsv" | awk -F'\t' '
    { key = $2 "/" $3; n[key]++; v[key, n[key]] = $4; l[key, n[key]] = $8; c[key, n[key]] = $13 }
    function median(arr, k, cnt,   i, j, t, a) { for (i = 1; i <= cnt; i++) a[i] = arr[k, i]
      for (i = 1; i <= cnt; i++) for (j = i + 1; j <= cnt; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return cnt % 2 ? a[(cnt + 1) / 2] : (a[cnt / 2] + a[cnt / 2 + 1]) / 2 }
    END {
      for (m = 1; m <= 2; m++) { mode = m == 1 ? "throughput" : "latency"
        d = "dnslb/" mode; u = "unbound/" mode
        printf "median %s: DnsLb %.0f QPS, %.3f ms, %.0f QPS/CPU-s; Unbound %.0f QPS, %.3f ms, %.0f QPS/CPU-s; DnsLb/Unbound QPS %.2f, latency %.2f, QPS/CPU-s %.2f\n",
          mode, median(v, d, n[d]), median(l, d, n[d]), median(c, d, n[d]), median(v, u, n[u]), median(l, u, n[u]), median(c, u, n[u]),
          median(v, d, n[d]) / median(v, u, n[u]), median(l, d, n[d]) / median(l, u, n[u]), median(c, d, n[d]) / median(c, u, n[u]) }
    }'
} | tee "$OUTDIR/summary.md"
log "raw dnsperf output and results.tsv in $OUTDIR"
