# What the shell benchmarks share (bench/perf/dnsperf.sh, bench/resolver/run.sh, bench/startup/run.sh,
# bench/profile/profile.sh); sourced, not run.

# build_release PROJECT LOG: builds the project folder PROJECT as the developers' lab builds DnsLb
# (dotnet build -c Release), its output appended to LOG (printed when the build fails), and prints the path
# of the built assembly, the one `dotnet <path>` runs.
build_release() {
  dotnet build "$1" -c Release -nologo -v q >>"$2" 2>&1 || { cat "$2" >&2; return 1; }
  dotnet msbuild "$1" -getProperty:TargetPath -p:Configuration=Release 2>/dev/null | tail -n 1
}

# write_knot_conf DIR PORT DOMAIN [SERVER-LINE...]: DIR/knot.conf for a Knot DNS serving DIR/zones/DOMAIN.zone
# as written (no journal, no zone file sync) on 127.0.0.1@PORT, its database in DIR/db; extra lines go into
# its server section (worker counts).
write_knot_conf() {
  local dir=$1 port=$2 domain=$3 line; shift 3
  {
    echo "server:"
    echo "    rundir: \"$dir\""
    echo "    listen: 127.0.0.1@$port"
    for line in "$@"; do echo "    $line"; done
    cat <<EOF
control:
    listen: "$dir/knot.sock"
log:
  - target: stderr
    any: warning
database:
    storage: "$dir/db"
template:
  - id: default
    storage: "$dir/zones"
    file: "%s.zone"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
zone:
  - domain: $domain
EOF
  } >"$dir/knot.conf"
}

# ticks PID: utime + stime of the process (all its threads), in clock ticks
ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

# field FILE TEXT: the first number after TEXT in FILE (dnsperf's report)
field() { sed -n "s/.*$2[^0-9]*\([0-9.]*\).*/\1/p" "$1" | head -1; }

# pin PID: every thread of PID on CPU $SERVER_CPU
pin() { local t; for t in /proc/"$1"/task/*; do taskset -pc "$SERVER_CPU" "${t##*/}" >/dev/null 2>&1 || true; done; }
