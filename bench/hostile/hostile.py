#!/usr/bin/env python3
"""A long hostile run against a live DnsLb on loopback; standard library only.

Starts DnsLb (the built binary) on 127.0.0.1 and a free port with the example zone, then, at the same time:
  - floods it over UDP with random and mutated packets,
  - opens TCP connections that send bad messages (lying length prefixes, half messages, garbage),
  - keeps several hundred TCP connections open that send nothing or stop halfway (more than the slots),
  - asks real questions over UDP and over new TCP connections, and checks every answer.
Every count and the time are bounded. At the end it stops DnsLb (SIGTERM to the PID it started), counts
handler failures in its log, compares its memory (VmRSS) before and after, prints the numbers and exits 1
if any real question went unanswered or wrong, or any handler failed.

    dotnet build -c Release src/DnsLb
    python3 bench/hostile/hostile.py            # --help for the bounds
Only 127.0.0.1 is ever addressed.
"""
import argparse
import os
import pathlib
import random
import select
import socket
import struct
import subprocess
import sys
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import dnswire  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
EXPECTED = {"127.0.0.11", "127.0.0.12", "127.0.0.13"}  # twopir.example.com in zones/example.com.zone


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.values = {}

    def add(self, key, n=1):
        with self.lock:
            self.values[key] = self.values.get(key, 0) + n

    def get(self, key):
        with self.lock:
            return self.values.get(key, 0)


def free_port():
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind((HOST, 0))
            port = udp.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
                try:
                    tcp.bind((HOST, port))
                    return port
                except OSError:
                    continue
    raise SystemExit("no free loopback port")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def good_answer(data, qid):
    try:
        rid, flags, rcode, answers = dnswire.parse_response(data)
    except ValueError:
        return False
    addresses = {".".join(map(str, rdata)) for rtype, rdata in answers if rtype == dnswire.A and len(rdata) == 4}
    return rid == qid and flags & 0x8000 and flags & 0x0400 and rcode == 0 and addresses == EXPECTED


def ask_udp(port, qid, timeout=2.0):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.sendto(dnswire.query("twopir.example.com.", dnswire.A, qid, 1232), (HOST, port))
        while True:
            data = s.recv(65535)
            if data[:2] == struct.pack(">H", qid):
                return good_answer(data, qid)


def recv_exactly(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def ask_tcp(port, qid, timeout=5.0):
    with socket.create_connection((HOST, port), timeout=timeout) as s:
        message = dnswire.query("twopir.example.com.", dnswire.A, qid)
        s.sendall(struct.pack(">H", len(message)) + message)
        length = struct.unpack(">H", recv_exactly(s, 2))[0]
        return good_answer(recv_exactly(s, length), qid)


def udp_flood(port, seed, count, stop, stats):
    bad = dnswire.BadPackets(seed)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.setblocking(False)
        for i in range(count):
            if stop.is_set():
                break
            try:
                s.sendto(bad.next(), (HOST, port))
                stats.add("udp packets sent")
            except BlockingIOError:
                time.sleep(0.001)
            if i % 32 == 31:
                while select.select([s], [], [], 0.0005)[0]:
                    try:
                        s.recv(65535)
                        stats.add("udp responses to bad packets")
                    except OSError:
                        break


def tcp_garbage(port, seed, count, stop, stats):
    bad = dnswire.BadPackets(seed + 1)
    r = bad.random
    for _ in range(count):
        if stop.is_set():
            break
        try:
            with socket.create_connection((HOST, port), timeout=5) as s:
                for _ in range(r.randrange(1, 6)):
                    packet = bad.next()
                    claimed = r.randrange(65536) if r.random() < 0.2 else len(packet)
                    s.sendall(struct.pack(">H", claimed) + packet)
                    stats.add("tcp bad messages sent")
                s.shutdown(socket.SHUT_WR)
                while s.recv(65535):
                    pass
            stats.add("tcp garbage connections")
        except OSError:
            stats.add("tcp garbage connections closed by the server")


def stalled_keeper(port, target, seed, stop, stats):
    """Keeps `target` connections open that send nothing, one byte, or half a message; replaces those the server closes."""
    r = random.Random(seed + 2)
    held = []
    while not stop.is_set():
        # Above the server's slots, each new connection makes it close the longest-idle one: at most 50
        # replacements per round keeps that churn to a few hundred connections a second.
        for _ in range(min(50, target - len(held))):
            if stop.is_set():
                break
            try:
                s = socket.create_connection((HOST, port), timeout=5)
                s.setblocking(False)
                kind = r.randrange(3)
                if kind == 1:
                    s.send(b"\x00")
                elif kind == 2:
                    message = dnswire.query("twopir.example.com.", dnswire.A, 7)
                    s.send(struct.pack(">H", len(message)) + message[: len(message) // 2])
                held.append(s)
                stats.add("stalled connections opened")
            except OSError:
                stats.add("stalled connections refused")
                time.sleep(0.01)
        time.sleep(0.05)
        readable = select.select(held, [], [], 0.2)[0] if held else []
        for s in readable:
            try:
                closed = s.recv(65535) == b""
            except OSError:
                closed = True
            if closed:
                held.remove(s)
                s.close()
                stats.add("stalled connections closed by the server")
    for s in held:
        s.close()


def checker(port, stop, stats, failures):
    qid = 1
    while not stop.is_set():
        qid = qid % 60000 + 1
        transport = "udp" if qid % 2 else "tcp"
        try:
            ok = ask_udp(port, qid) if transport == "udp" else ask_tcp(port, qid)
            if not ok and transport == "udp":
                stats.add("udp checks retried")
                ok = ask_udp(port, qid)  # a lost datagram under flood is retried, as any client does
        except OSError as e:
            if transport == "udp":
                stats.add("udp checks retried")
                try:
                    ok = ask_udp(port, qid)
                except OSError:
                    ok = False
            else:
                ok = False
                failures.append(f"tcp check {qid}: {e}")
        stats.add(f"{transport} answers checked")
        if not ok:
            stats.add(f"{transport} checks failed")
            failures.append(f"{transport} check {qid} got no correct answer")
        time.sleep(0.01)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dnslb", help="the DnsLb binary (default: the Release build, else the Debug one)")
    parser.add_argument("--udp-packets", type=int, default=400_000)
    parser.add_argument("--tcp-connections", type=int, default=5_000, help="connections sending bad messages")
    parser.add_argument("--stalled", type=int, default=600, help="connections held open doing nothing (the server has 256 slots)")
    parser.add_argument("--seconds", type=float, default=300, help="stop every attack after this long")
    parser.add_argument("--seed", type=int, default=20261121)
    args = parser.parse_args()

    # A Release build is in a folder named after the platform (ReadyToRun, src/DnsLb/ReadyToRun.targets).
    builds = sorted((ROOT / "src/DnsLb/bin/Release/net10.0").glob("*/DnsLb")) + [ROOT / "src/DnsLb/bin/Release/net10.0/DnsLb", ROOT / "src/DnsLb/bin/Debug/net10.0/DnsLb"]
    binary = args.dnslb or next((str(p) for p in builds if p.exists()), None)
    if binary is None:
        raise SystemExit("build DnsLb first: dotnet build -c Release src/DnsLb")
    port = free_port()
    log = []
    server = subprocess.Popen([binary, f"--Dns:Port={port}", "--Dns:Listen=127.0.0.1", f"--Dns:ZonesDirectory={ROOT / 'zones'}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    threading.Thread(target=lambda: [log.append(line.rstrip()) for line in server.stdout], daemon=True).start()
    try:
        deadline = time.time() + 60
        while not any("listening on" in line for line in log):
            if server.poll() is not None or time.time() > deadline:
                raise SystemExit("DnsLb did not start:\n" + "\n".join(log))
            time.sleep(0.05)
        for qid in range(1, 2001):  # warm up: JIT, pools, caches
            ask_udp(port, qid)
        rss_before = rss_kib(server.pid)

        stats, failures, stop = Stats(), [], threading.Event()
        attacks = [threading.Thread(target=udp_flood, args=(port, args.seed, args.udp_packets, stop, stats)),
                   threading.Thread(target=tcp_garbage, args=(port, args.seed, args.tcp_connections, stop, stats))]
        helpers = [threading.Thread(target=stalled_keeper, args=(port, args.stalled, args.seed, stop, stats)),
                   threading.Thread(target=checker, args=(port, stop, stats, failures))]
        started = time.time()
        for t in attacks + helpers:
            t.start()
        samples = []  # (seconds into the attack, VmRSS KiB)
        while any(t.is_alive() for t in attacks) and time.time() - started < args.seconds:
            samples.append((time.time() - started, rss_kib(server.pid)))
            time.sleep(0.5)
        rss_peak = max([rss_before] + [rss for _, rss in samples])
        stop.set()
        for t in attacks + helpers:
            t.join(timeout=60)
        elapsed = time.time() - started
        # After the storm: every real question is answered, over both transports.
        after_ok = sum(ask_udp(port, 60001 + i) for i in range(100)) + sum(ask_tcp(port, 60101 + i) for i in range(100))
        time.sleep(1)
        rss_after = rss_kib(server.pid)
    finally:
        server.terminate()  # SIGTERM to the DnsLb this script started, by its PID
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    handler_failures = sum("answering a UDP query failed" in line or "answering a TCP query failed" in line for line in log)
    connection_failures = sum("a TCP connection failed" in line for line in log)
    crashes = sum("Unhandled exception" in line for line in log)
    print(f"DnsLb {binary} on {HOST}:{port}, {elapsed:.0f} s of attack, exit code {server.returncode}")
    for key in sorted(stats.values):
        print(f"  {key:45} {stats.get(key):>10,}")
    print(f"  {'real questions after the attack answered':45} {after_ok:>10} / 200")
    print(f"  {'handler failures (log)':45} {handler_failures:>10}")
    print(f"  {'TCP connection failures (log)':45} {connection_failures:>10}")
    print(f"  {'TCP limit lines (log)':45} {sum('TCP connection limit' in line for line in log):>10}")
    print(f"  RSS before {rss_before / 1024:.1f} MiB, peak {rss_peak / 1024:.1f} MiB, after {rss_after / 1024:.1f} MiB")
    if samples:
        marks = [samples[min(len(samples) - 1, len(samples) * q // 4)] for q in range(5)]
        print("  RSS during the attack: " + ", ".join(f"{t:.0f} s {rss / 1024:.1f} MiB" for t, rss in marks))
    for failure in failures[:10]:
        print("  FAILED:", failure)
    bounded = rss_after < rss_before + 128 * 1024
    ok = not failures and after_ok == 200 and handler_failures == 0 and connection_failures == 0 and crashes == 0 and bounded
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
