#!/usr/bin/env python3
"""Sums where the server's time went into the categories of the query path.

  classify.py perf SELF.txt
      SELF.txt: `perf report --no-children -n --sort dso,sym --stdio -g none` (samples, self time)
  classify.py callgrind CALLGRIND.OUT PERF-MAP [QUERIES]
      self instructions per function from a callgrind dump; JIT-compiled code, which valgrind cannot name,
      is named from the .NET perf map (/tmp/perf-PID.map, DOTNET_PerfMapEnabled=1)

Cost goes to the function the JIT left standing: small methods inlined into a caller count as the caller's
(QueryEngine.Respond holds much of the header and question parsing, for instance), which is why "engine"
is a category of its own.
"""
import bisect
import re
import sys
from collections import defaultdict

CATEGORIES = [
    ("kernel: syscalls and the loopback network stack", lambda dso, sym: dso.startswith("[kernel")),
    ("socket calls, user side (.NET sockets, interop, libc)", lambda dso, sym: "libSystem.Native" in dso or "libc." in dso
        or re.search(r"System\.Net\.Sockets|SocketAddress|SafeHandle|Interop[/+]|IPEndPoint|IL_STUB_PInvoke|DatagramBatch|LinuxSocketCalls|UdpListener::(Serve|RunPortable)", sym)),
    ("parsing the query", lambda dso, sym: re.search(r"DnsMessageReader|ReadQuestions|ReadEdns|Edns::FromRecord|OptionsAreWellFormed|DnsHeader::Read", sym)),
    ("looking the name up", lambda dso, sym: re.search(r"NameLookup|ZoneSet|Zones\.Zone::|NameKeyComparer|Dictionary|ZoneNode|WireName::CopyLower|WireName::IsAtOrBelow|ChaseName|Marvin|RRSet::|FindZone", sym)),
    ("writing the answer", lambda dso, sym: re.search(r"DnsMessageWriter|NameCompressor|RecordData|AnswerWriter|AdditionalAddresses|DnsHeader::WriteTo|Edns::TryWrite|WireName::EqualsIgnoreCase|SpanHelpers::Memmove|SpanHelpers::Clear", sym)),
    ("pool selection and shuffle", lambda dso, sym: re.search(r"PoolAddressSelector|PoolAnswerRule|Shuffle|Random|Xoshiro|PoolMember|ZoneOrderSelector", sym)),
    ("metrics and clock", lambda dso, sym: re.search(r"DnsMetrics|PerThreadCells|LatencyHistogram|QueryLabels|TimeProvider|Stopwatch|clock_gettime|QueryPerformanceCounter", sym) or "[vdso" in dso or "vdso" in sym),
    ("engine and listener loop (what the JIT inlined into them)", lambda dso, sym: re.search(r"QueryEngine|AuthoritativeAnswerer|UdpListener|QueryContext|ClientAddress", sym)),
    ("runtime (GC, JIT, stubs, thread pool)", lambda dso, sym: "libcoreclr" in dso or "libclrjit" in dso or re.search(r"stub |\[unknown\]|Threading|ThreadPool", sym)),
]


def categorise(costs):
    """costs: iterable of (cost, dso, sym). Returns ({category: cost}, [(cost, dso, sym) of other], total)."""
    totals = {name: 0 for name, _ in CATEGORIES}
    other = []
    total = 0
    for cost, dso, sym in costs:
        total += cost
        for name, test in CATEGORIES:
            if test(dso, sym):
                totals[name] += cost
                break
        else:
            other.append((cost, dso, sym))
    return totals, other, total


def report(costs, unit, per=None):
    totals, other, total = categorise(costs)
    rest = sum(c for c, _, _ in other)
    print(f"{'category':60} {'share':>7}" + (f" {unit + ' per query':>22}" if per else ""))
    for name, _ in CATEGORIES + [("other", None)]:
        value = totals.get(name, rest)
        print(f"{name:60} {100 * value / total:6.1f}%" + (f" {value / per:22.0f}" if per else ""))
    print(f"{'total':60} {'100.0%':>7}" + (f" {total / per:22.0f}" if per else "") + f"   ({total:.0f} {unit})")
    print("largest in other:")
    for cost, dso, sym in sorted(other, reverse=True)[:10]:
        print(f"  {100 * cost / total:5.2f}% {dso} {sym[:120]}")


def perf_costs(path):
    line = re.compile(r"^\s*[0-9.]+%\s+([0-9]+)\s+(.+?)\s+\[(.)\]\s+(.*)$")  # share, samples, dso, [k] or [.], symbol
    for text in open(path, errors="replace"):
        m = line.match(text)
        if m:
            yield int(m.group(1)), m.group(2), m.group(4)


def read_perf_map(path):
    entries = []
    for text in open(path, errors="replace"):
        parts = text.rstrip("\n").split(" ", 2)
        if len(parts) == 3:
            entries.append((int(parts[0], 16), int(parts[1], 16), parts[2]))
    entries.sort()
    return [e[0] for e in entries], entries


def callgrind_costs(path, map_path):
    """Self cost per function: the cost lines after fn= (the one after calls= is the callee's, inclusive), JIT
    code named from the perf map."""
    starts, entries = read_perf_map(map_path)
    names = {"ob": {}, "fn": {}}
    compressed = re.compile(r"^\((\d+)\)(?: (.*))?$")

    def name_of(kind, value):
        m = compressed.match(value)
        if not m:
            return value
        if m.group(2) is not None:
            names[kind][m.group(1)] = m.group(2)
        return names[kind].get(m.group(1), value)

    def resolve(ob, fn):
        if ob in ("???", None) and fn.startswith("0x"):
            address = int(fn.split("'")[0], 16)  # 0x...'2: the same function entered recursively
            i = bisect.bisect_right(starts, address) - 1
            if i >= 0 and entries[i][0] <= address < entries[i][0] + entries[i][1]:
                return "[JIT]", entries[i][2]
        return ob or "???", fn

    ob = fn = None
    self_cost = defaultdict(int)
    in_call = False
    for text in open(path, errors="replace"):
        text = text.rstrip("\n")
        if text.startswith("ob="):
            ob = name_of("ob", text[3:])
        elif text.startswith("fn="):
            fn = name_of("fn", text[3:])
        elif text.startswith(("cob=", "cfn=")):
            name_of("ob" if text.startswith("cob=") else "fn", text[4:])  # names are numbered on first use, here too
        elif text.startswith("calls="):
            in_call = True
        elif text and (text[0].isdigit() or text[0] in "+-*"):
            parts = text.split()
            if len(parts) < 2 or fn is None:
                continue
            if in_call:
                in_call = False
            else:
                self_cost[resolve(ob, fn)] += int(parts[1])
    for (ob, sym), cost in self_cost.items():
        yield cost, ob, sym


def main(argv):
    if len(argv) >= 3 and argv[1] == "perf":
        report(list(perf_costs(argv[2])), "samples")
    elif len(argv) >= 4 and argv[1] == "callgrind":
        report(list(callgrind_costs(argv[2], argv[3])), "instructions", int(argv[4]) if len(argv) > 4 else None)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
