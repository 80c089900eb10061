#!/bin/bash
# bench/startup/run.sh: how soon DnsLb answers after it is started, and how much memory it holds, beside
# Knot DNS on the same zone, in one run (README.md, "Performance").
#
# DnsLb is built as the developers' lab builds it (`dotnet build -c Release`, then `dotnet <DnsLb.dll>`), so
# what is measured is what that build output does. Then everything runs inside a private network namespace
# with only a loopback interface (unshare --net): nothing can leave the machine. startup.py starts each
# server ROUNDS times, stops each by its PID, and bounds every wait.
#
# Env (defaults): ROUNDS (5) starts of each server; IDLE (3) seconds between the first answer and the idle
# reading; LOAD (5) seconds of dnsperf before the second reading; NO_KNOT (unset) set to 1 to skip Knot;
# DNSLB_ARGS extra command-line settings for DnsLb (space-separated); FLOOR (unset) set to 1 to measure also
# the floor programs of bench/floor (a UDP responder bare, and inside DnsLb's host and logging); OUTDIR (a
# temporary folder, kept).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib/benchlib.sh
. "$REPO/bench/lib/benchlib.sh"

if [ -z "${STARTUP_BENCH_IN_NETNS:-}" ]; then
  for tool in dotnet python3 unshare ip dnsperf; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed (Debian: dnsperf util-linux iproute2 python3)" >&2; exit 2; }
  done
  if [ -z "${NO_KNOT:-}" ] && ! command -v knotd >/dev/null; then
    echo "run.sh: knotd is not installed (Debian: knot), measuring DnsLb alone" >&2
    NO_KNOT=1
  fi
  OUTDIR=${OUTDIR:-$(mktemp -d /tmp/dnslb-startup-XXXXXX)}
  mkdir -p "$OUTDIR"
  echo "run.sh: building DnsLb (Release), as the lab does" >&2
  TARGET=$(build_release "$REPO/src/DnsLb" "$OUTDIR/build.log")
  FLOOR_TARGET=
  [ -z "${FLOOR:-}" ] || FLOOR_TARGET=$(build_release "$REPO/bench/floor" "$OUTDIR/build.log")
  exec unshare --net -- env STARTUP_BENCH_IN_NETNS=1 TARGET="$TARGET" OUTDIR="$OUTDIR" NO_KNOT="${NO_KNOT:-}" FLOOR_TARGET="$FLOOR_TARGET" \
    bash -c 'ip link set lo up && exec bash "$0" "$@"' "$0" "$@"
fi

extra=()
for a in ${DNSLB_ARGS:-}; do extra+=("--dnslb-arg=$a"); done
knot=()
[ -n "${NO_KNOT:-}" ] && knot=(--no-knot)
[ -n "${FLOOR_TARGET:-}" ] && knot+=(--floor "$FLOOR_TARGET")
{
  echo "# start and memory, DnsLb vs Knot DNS ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
  echo "# $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# dotnet $(dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \([^ ]*\).*/\1/p' | tail -1)${NO_KNOT:+}$(command -v knotd >/dev/null && echo ", $(knotd -V | head -1)")"
  echo "# rounds ${ROUNDS:-5}, idle ${IDLE:-3} s, dnsperf -c 10 -q 100 -l ${LOAD:-5} on bench/startup/mix.txt"
  echo
  python3 "$HERE/startup.py" --dnslb "$TARGET" --rounds "${ROUNDS:-5}" --idle "${IDLE:-3}" --load "${LOAD:-5}" \
    --outdir "$OUTDIR" "${knot[@]}" "${extra[@]}"
} | tee "$OUTDIR/summary.md"
echo "run.sh: logs and dnsperf output in $OUTDIR" >&2
