#!/usr/bin/env python3
"""Start-to-first-answer and memory of DnsLb beside Knot DNS, on the same zone, in one run.

Run by run.sh inside a loopback-only network namespace (do not run it directly on a shared machine: it
binds 127.0.0.11-13:8080 and a DNS port on 127.0.0.1). For each round and each server:

1. start the server process and send `twopir.example.com A` to it over UDP every millisecond until an
   answer with NOERROR and at least one address arrives: the time from just before the process is
   started to that answer is "first answer";
2. wait IDLE seconds (probes run, nothing asks), read RSS (VmRSS) and PSS (smaps_rollup): "idle";
3. run dnsperf for LOAD seconds with the query mix, read RSS and PSS again: "after load";
4. stop the server by its PID (SIGTERM, then SIGKILL after 10 s).

Three tiny HTTP nodes on 127.0.0.11-13:8080 answer DnsLb's probes (a healthy pool), in a child process.
Every wait is bounded. Prints a markdown table of every round and the medians with the DnsLb/Knot ratios.
"""
import argparse
import os
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
NODES = ["127.0.0.11", "127.0.0.12", "127.0.0.13"]
NODE_PORT = 8080


def serve_nodes():
    """The child process: one HTTP node per address, 200 "ok" on every GET, no name lookups."""
    import socketserver
    import threading

    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n")

    class Server(socketserver.ThreadingTCPServer):
        allow_reuse_address = True
        daemon_threads = True

    servers = [Server((ip, NODE_PORT), Handler) for ip in NODES]
    for s in servers:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    print("ready", flush=True)
    sys.stdin.read()  # until the parent closes our stdin (or dies)


def query(qid, name="twopir.example.com", qtype=1):
    header = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    labels = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    return header + labels + struct.pack(">HH", qtype, 1)


def first_answer_ms(process, port, limit_s=30.0, t0=None):
    """Asks every millisecond until a NOERROR answer with records comes; milliseconds since t0."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setblocking(False)
    deadline = t0 + limit_s
    qid = 0
    try:
        while time.perf_counter() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with code {process.returncode} before answering")
            qid = (qid + 1) & 0xFFFF
            try:
                sock.sendto(query(qid), ("127.0.0.1", port))
            except OSError:
                pass  # nothing bound yet (ICMP port unreachable reported on the next call)
            until = time.perf_counter() + 0.001
            while time.perf_counter() < until:
                try:
                    data = sock.recv(4096)
                except BlockingIOError:
                    time.sleep(0.0002)
                    continue
                except OSError:
                    break
                if len(data) >= 12:
                    flags, _, ancount = struct.unpack(">HHH", data[2:8])
                    if flags & 0x8000 and flags & 0xF == 0 and ancount > 0:
                        return (time.perf_counter() - t0) * 1000.0
        raise RuntimeError(f"no answer within {limit_s} s")
    finally:
        sock.close()


def tree(pid):
    """pid and its descendants (knotd and DnsLb are one process each, but be exact)."""
    pids = [pid]
    for p in list(pids):
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                pids += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return pids


def memory_kib(pid):
    rss = pss = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                rss += next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
            with open(f"/proc/{p}/smaps_rollup") as f:
                pss += next(int(l.split()[1]) for l in f if l.startswith("Pss:"))
        except (OSError, StopIteration):
            pass
    return rss, pss


def cpu_ms(pid):
    """CPU time (user + system, every thread) the process has used so far, in milliseconds."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")
    except OSError:
        return None


def threads(pid):
    try:
        return len(os.listdir(f"/proc/{pid}/task"))
    except OSError:
        return 0


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def dnsperf(port, seconds, queries, out):
    cmd = ["dnsperf", "-s", "127.0.0.1", "-p", str(port), "-d", queries, "-l", str(seconds),
           "-c", "10", "-q", "100", "-t", "2"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30)
    with open(out, "w") as f:
        f.write(result.stdout + result.stderr)
    qps = lost = None
    for line in result.stdout.splitlines():
        if "Queries per second:" in line:
            qps = float(line.split(":")[1])
        if "Queries lost:" in line:
            lost = int(line.split(":")[1].split()[0])
    return qps, lost


def dnslb_command(args, work, port):
    zones = os.path.join(work, "dnslb-zones")
    os.makedirs(zones, exist_ok=True)
    with open(os.path.join(HERE, "example.com.zone")) as src, open(os.path.join(zones, "example.com.zone"), "w") as dst:
        dst.write(src.read())
    pool = "Pools:twopir.example.com"
    return ["dotnet", args.dnslb, f"--Dns:Port={port}", "--Dns:Listen:0=127.0.0.1", f"--Dns:ZonesDirectory={zones}",
            f"--{pool}:Probe:Kind=Http", f"--{pool}:Probe:Port={NODE_PORT}", f"--{pool}:Probe:Path=/"] + args.dnslb_arg


def knot_command(work, port):
    d = os.path.join(work, "knot")
    os.makedirs(os.path.join(d, "db"), exist_ok=True)
    os.makedirs(os.path.join(d, "zones"), exist_ok=True)
    with open(os.path.join(HERE, "example.com.zone")) as src, open(os.path.join(d, "zones", "example.com.zone"), "w") as dst:
        dst.write(src.read())
    with open(os.path.join(d, "knot.conf"), "w") as f:
        f.write(f"""server:
    rundir: "{d}"
    listen: 127.0.0.1@{port}
control:
    listen: "{d}/knot.sock"
log:
  - target: stderr
    any: warning
database:
    storage: "{d}/db"
template:
  - id: default
    storage: "{d}/zones"
    file: "%s.zone"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
zone:
  - domain: example.com
""")
    return ["knotd", "-c", os.path.join(d, "knot.conf")]


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dnslb", required=True, help="DnsLb.dll of the build to measure")
    parser.add_argument("--dnslb-arg", action="append", default=[], help="extra command-line setting for DnsLb")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--idle", type=float, default=3.0)
    parser.add_argument("--load", type=int, default=5)
    parser.add_argument("--port", type=int, default=5394)
    parser.add_argument("--no-knot", action="store_true")
    parser.add_argument("--floor", help="DnsLb.Floor.dll: also measure the floor programs (bench/floor), bare and in the host")
    parser.add_argument("--outdir", required=True)
    args = parser.parse_args()

    nodes = subprocess.Popen([sys.executable, __file__, "--serve-nodes"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    if nodes.stdout.readline().strip() != "ready":
        sys.exit("startup.py: the HTTP nodes did not start")
    queries = os.path.join(HERE, "mix.txt")
    servers = ["dnslb"] + ([] if args.no_knot else ["knot"]) + (["floor-bare", "floor-host"] if args.floor else [])
    rows = []
    work = tempfile.mkdtemp(prefix="dnslb-startup-")
    try:
        for r in range(1, args.rounds + 1):
            for name in servers:
                cmd = (dnslb_command(args, work, args.port) if name == "dnslb" else knot_command(work, args.port) if name == "knot"
                       else ["dotnet", args.floor, name.split("-")[1], str(args.port)])
                log = open(os.path.join(args.outdir, f"{name}-r{r}.log"), "w")
                t0 = time.perf_counter()
                process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=work)
                try:
                    first = first_answer_ms(process, args.port, t0=t0)
                    first_cpu = cpu_ms(process.pid)
                    time.sleep(args.idle)
                    rss_idle, pss_idle = memory_kib(process.pid)
                    qps, lost = dnsperf(args.port, args.load, queries, os.path.join(args.outdir, f"{name}-r{r}-dnsperf.txt"))
                    rss_load, pss_load = memory_kib(process.pid)
                    rows.append(dict(round=r, name=name, first=first, first_cpu=first_cpu, rss_idle=rss_idle, pss_idle=pss_idle, rss_load=rss_load,
                                     pss_load=pss_load, qps=qps, lost=lost, threads=threads(process.pid)))
                    print(f"round {r} {name}: first answer {first:.0f} ms ({first_cpu:.0f} ms CPU), RSS idle {rss_idle / 1024:.1f} MiB, after load "
                          f"{rss_load / 1024:.1f} MiB, {qps or 0:.0f} QPS", file=sys.stderr, flush=True)
                finally:
                    stop(process)
                    log.close()
    finally:
        nodes.stdin.close()
        nodes.wait(10)

    mib = lambda kib: kib / 1024.0
    print("| round | server | first answer ms | CPU ms until then | RSS idle MiB | PSS idle MiB | RSS after load MiB | PSS after load MiB | load QPS | lost | threads |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['round']} | {row['name']} | {row['first']:.0f} | {row['first_cpu']:.0f} | {mib(row['rss_idle']):.1f} | {mib(row['pss_idle']):.1f} | "
              f"{mib(row['rss_load']):.1f} | {mib(row['pss_load']):.1f} | {row['qps'] or 0:.0f} | {row['lost']} | {row['threads']} |")
    print()
    med = {}
    for name in servers:
        mine = [row for row in rows if row["name"] == name]
        med[name] = {k: median([row[k] for row in mine]) for k in ("first", "first_cpu", "rss_idle", "pss_idle", "rss_load", "pss_load", "qps")}
        m = med[name]
        print(f"median {name}: first answer {m['first']:.0f} ms ({m['first_cpu']:.0f} ms CPU), RSS idle {mib(m['rss_idle']):.1f} MiB (PSS {mib(m['pss_idle']):.1f}), "
              f"RSS after load {mib(m['rss_load']):.1f} MiB (PSS {mib(m['pss_load']):.1f}), {m['qps']:.0f} QPS")
    if "knot" in med:
        d, k = med["dnslb"], med["knot"]
        # Knot's CPU time until its first answer is usually below the 10 ms a clock tick measures: no ratio for it.
        print(f"DnsLb/Knot: first answer {d['first'] / k['first']:.1f}x, RSS idle {d['rss_idle'] / k['rss_idle']:.1f}x, "
              f"RSS after load {d['rss_load'] / k['rss_load']:.1f}x")


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve-nodes"]:
        serve_nodes()
    else:
        main()
