#!/bin/bash
# bench/perf/dnsperf.sh: DnsLb's authoritative throughput beside Knot DNS's, same zone, same query mix, one run.
#
# DnsLb is built as the developers' lab builds it (`dotnet build -c Release`, then `dotnet <DnsLb.dll>`), with
# twopir.example.com a pool probed over HTTP by three tiny nodes on 127.0.0.11-13:8080 (all healthy); Knot DNS
# (when `knotd` is installed) serves the same zone file statically. dnsperf sends the lab's mix (70% pool A,
# 10% static A, 10% CNAME to the pool, 10% NXDOMAIN) for DURATION seconds per run, ROUNDS times, the servers
# interleaved. Each run records QPS, lost queries, the server's CPU time (utime+stime of all its threads) and
# so QPS per server CPU-second, the work done per unit of CPU, which a busy machine disturbs less than QPS.
#
# Everything runs inside a private network namespace with only a loopback interface (unshare --net, as the
# lab's lib/isolate.sh does): nothing can leave the machine. Every process started is stopped by its PID;
# every dnsperf run is bounded by -l and by timeout(1); a server that does not answer within 30 s ends the run.
#
# Env (defaults): DURATION (10) seconds per run; ROUNDS (3); WARMUP (3) seconds of dnsperf before the first
# round; CLIENTS (10) dnsperf -c; OUTSTANDING (100) dnsperf -q; PIN (1) 1 = the server on CPU SERVER_CPU (1)
# and dnsperf on CLIENT_CPU (0), 0 = no affinity; NO_KNOT (unset) 1 skips Knot; DNSLB_ARGS extra command-line
# settings for DnsLb; OUTDIR (a temporary folder, kept: raw dnsperf output and results.tsv).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib/benchlib.sh
. "$REPO/bench/lib/benchlib.sh"
ZONE="$REPO/bench/startup/example.com.zone"
QUERIES="$REPO/bench/startup/mix.txt"
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-3}
CLIENTS=${CLIENTS:-10}
OUTSTANDING=${OUTSTANDING:-100}
PIN=${PIN:-1}
SERVER_CPU=${SERVER_CPU:-1}
CLIENT_CPU=${CLIENT_CPU:-0}
DNSLB_PORT=5395
KNOT_PORT=5396

# Stage 1, outside the namespace: build DnsLb (restoring packages needs the registry), then start again inside.
if [ -z "${PERF_BENCH_IN_NETNS:-}" ]; then
  for tool in dotnet dnsperf python3 unshare ip taskset dig; do
    command -v "$tool" >/dev/null || { echo "dnsperf.sh: $tool is not installed (Debian: dnsperf bind9-dnsutils python3 util-linux iproute2)" >&2; exit 2; }
  done
  if [ -z "${NO_KNOT:-}" ] && ! command -v knotd >/dev/null; then
    echo "dnsperf.sh: knotd is not installed (Debian: knot), measuring DnsLb alone" >&2
    NO_KNOT=1
  fi
  OUTDIR=${OUTDIR:-$(mktemp -d /tmp/dnslb-dnsperf-XXXXXX)}
  mkdir -p "$OUTDIR"
  echo "dnsperf.sh: building DnsLb (Release), as the lab does" >&2
  TARGET=$(build_release "$REPO/src/DnsLb" "$OUTDIR/build.log")
  exec unshare --net -- env PERF_BENCH_IN_NETNS=1 TARGET="$TARGET" OUTDIR="$OUTDIR" NO_KNOT="${NO_KNOT:-}" \
    bash -c 'ip link set lo up && exec bash "$0" "$@"' "$0" "$@"
fi

# Stage 2, inside the namespace.
WORK=$(mktemp -d /tmp/dnslb-dnsperf-work-XXXXXX)
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log() { echo "dnsperf.sh: $*" >&2; }

# The pool's nodes: startup.py's tiny HTTP servers (200 on every GET, no name lookups), until stdin closes.
exec 3> >(exec python3 "$REPO/bench/startup/startup.py" --serve-nodes >/dev/null)
PIDS+=("$!")
sleep 1 # the nodes listen before the first probe

mkdir -p "$WORK/dnslb-zones" "$WORK/knot/db" "$WORK/knot/zones"
cp "$ZONE" "$WORK/dnslb-zones/example.com.zone"
cp "$ZONE" "$WORK/knot/zones/example.com.zone"
P=Pools:twopir.example.com
# shellcheck disable=SC2086
(cd "$WORK" && exec dotnet "$TARGET" --Dns:Port=$DNSLB_PORT --Dns:Listen:0=127.0.0.1 --Dns:ZonesDirectory="$WORK/dnslb-zones" \
  --$P:Probe:Kind=Http --$P:Probe:Port=8080 --$P:Probe:Path=/ ${DNSLB_ARGS:-}) >"$OUTDIR/dnslb.log" 2>&1 &
DNSLB_PID=$!
PIDS+=("$DNSLB_PID")
SERVERS=("dnslb $DNSLB_PORT $DNSLB_PID")

if [ -z "${NO_KNOT:-}" ]; then
  write_knot_conf "$WORK/knot" "$KNOT_PORT" example.com
  knotd -c "$WORK/knot/knot.conf" >"$OUTDIR/knot.log" 2>&1 &
  KNOT_PID=$!
  PIDS+=("$KNOT_PID")
  SERVERS+=("knot $KNOT_PORT $KNOT_PID")
fi

wait_answering() { # NAME PORT: until the pool name is answered, at most 30 s
  local t
  for ((t = 0; t < 300; t++)); do
    if dig @127.0.0.1 -p "$2" +time=1 +tries=1 +short twopir.example.com A 2>/dev/null | grep -q '^127\.'; then return 0; fi
    sleep 0.1
  done
  log "$1 did not answer on 127.0.0.1:$2 within 30 s (log in $OUTDIR)"
  exit 1
}
for s in "${SERVERS[@]}"; do set -- $s; wait_answering "$1" "$2"; done

HZ=$(getconf CLK_TCK)
client=()
[ "$PIN" = 1 ] && client=(taskset -c "$CLIENT_CPU")
run_dnsperf() { # OUT PORT SECONDS
  timeout $(($3 + 30)) "${client[@]}" dnsperf -s 127.0.0.1 -p "$2" -d "$QUERIES" -l "$3" -c "$CLIENTS" -q "$OUTSTANDING" -t 2 >"$1" 2>&1 || true
}

for s in "${SERVERS[@]}"; do
  set -- $s
  log "warming up $1 (${WARMUP}s)"
  run_dnsperf "$OUTDIR/$1-warmup.txt" "$2" "$WARMUP"
  [ "$PIN" = 1 ] && pin "$3" # after the warm-up: threads the runtime started meanwhile are pinned too
done

printf 'round\tserver\tqps\tcompleted\tlost\tavg_ms\tserver_cpu_s\tqps_per_cpu_s\trss_kb\n' >"$OUTDIR/results.tsv"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 1; round <= ROUNDS; round++)); do
  for s in "${SERVERS[@]}"; do
    set -- $s
    log "round $round: $1 (${DURATION}s)"
    out="$OUTDIR/$1-r$round.txt"
    t0=$(ticks "$3")
    run_dnsperf "$out" "$2" "$DURATION"
    t1=$(ticks "$3")
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$3/status")
    awk -v r="$round" -v n="$1" -v q="$(field "$out" "Queries per second:")" -v c="$(field "$out" "Queries completed:")" \
        -v l="$(field "$out" "Queries lost:")" -v a="$(field "$out" "Average Latency (s):")" -v t="$((t1 - t0))" -v hz="$HZ" -v rss="$rss" \
        'BEGIN { cpu = t / hz; printf "%s\t%s\t%.0f\t%s\t%s\t%.3f\t%.2f\t%.0f\t%s\n", r, n, q, c, l, a * 1000, cpu, (cpu > 0 ? c / cpu : 0), rss }' >>"$OUTDIR/results.tsv"
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo "# DnsLb vs Knot DNS, authoritative answers ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
  echo "# $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load average before $load_before, after $load_after"
  echo "# dnsperf -c $CLIENTS -q $OUTSTANDING -l $DURATION on bench/startup/mix.txt; $([ "$PIN" = 1 ] && echo "server on CPU $SERVER_CPU, dnsperf on CPU $CLIENT_CPU" || echo "no CPU affinity")"
  echo
  echo "| round | server | QPS | lost | avg latency ms | server CPU s | QPS per server CPU-s | RSS MiB |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  tail -n +2 "$OUTDIR/results.tsv" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %.1f |\n", $1, $2, $3, $5, $6, $7, $8, $9 / 1024 }'
  echo
  tail -n +2 "$OUTDIR/results.tsv" | awk -F'\t' '
    { n[$2]++; q[$2, n[$2]] = $3; c[$2, n[$2]] = $8 }
    function median(arr, k, cnt,   i, j, t, a) { for (i = 1; i <= cnt; i++) a[i] = arr[k, i]
      for (i = 1; i <= cnt; i++) for (j = i + 1; j <= cnt; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return cnt % 2 ? a[(cnt + 1) / 2] : (a[cnt / 2] + a[cnt / 2 + 1]) / 2 }
    END {
      d = median(q, "dnslb", n["dnslb"]); dc = median(c, "dnslb", n["dnslb"])
      printf "median DnsLb: %.0f QPS, %.0f QPS per server CPU-s\n", d, dc
      if (n["knot"] > 0) {
        k = median(q, "knot", n["knot"]); kc = median(c, "knot", n["knot"])
        printf "median Knot:  %.0f QPS, %.0f QPS per server CPU-s\n", k, kc
        printf "DnsLb/Knot: QPS %.2f, QPS per server CPU-s %.2f\n", d / k, dc / kc
      }
    }'
} | tee "$OUTDIR/summary.md"
log "raw dnsperf output and results.tsv in $OUTDIR"
