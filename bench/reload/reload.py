#!/usr/bin/env python3
"""How long a saved zone edit takes to be served, and whether queries during reloads are all answered right.

Runs the built DnsLb on 127.0.0.1 (a free port) with a zones folder of its own, and web-node stand-ins (TCP
listeners) on 127.0.0.21-28 for the pool's probes. Each version N of the zone has its own pool members and
says which version it is in every answer: the pool's TTL is 1000 + N, the SRV port N, the SOA serial N.

1. Edit latency: N edits, one after the other, alternately written in place and written to a temporary
   file renamed over the zone file (as editors do). For each, the time from just before the write to the
   first answer for the pool name that carries the new version (queried without pause over UDP).
2. Reloads under load: client threads (UDP, and one TCP connection) query without pause while the zone is
   rewritten M times; every answer is checked: answered at all, whole from one version (the members of
   that version, nothing else), and never from an older version than one already served to any client.

Everything stays on loopback; the server and listeners are stopped at the end (the server by its PID).
Standard library only.
"""
import argparse
import os
import random
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from benchlib import encode_name, release_program, skip_name  # noqa: E402 (after the path is set)

ORIGIN = "bench.test."
POOL = "pool.bench.test."
TTL_BASE = 1000
ADDRESSES = [f"127.0.0.{i}" for i in range(21, 29)]
A, SOA, SRV, OPT = 1, 6, 33, 41
QUESTIONS = [(POOL, A), ("www." + ORIGIN, A), ("_svc._tcp." + ORIGIN, SRV), (ORIGIN, SOA)]


def members(version):
    mask = version * 73 % 255 + 1
    return {a for i, a in enumerate(ADDRESSES) if mask >> i & 1}


def zone_text(version):
    # NS last: a file caught half-written is not a zone, so it is rejected rather than served in part.
    lines = [f"$ORIGIN {ORIGIN}", "$TTL 300", f"@ IN SOA ns1 hostmaster {version} 3600 600 86400 60"]
    lines += [f"pool {TTL_BASE + version} IN A {a}" for a in sorted(members(version))]
    lines += ["www IN CNAME pool", f"_svc._tcp IN SRV 0 0 {version} pool", "ns1 IN A 127.0.0.1", "@ IN NS ns1", ""]
    return "\n".join(lines)


def write_zone(path, version, rename):
    text = zone_text(version)
    if rename:
        temporary = path + ".new"
        with open(temporary, "w") as f:
            f.write(text)
        os.replace(temporary, path)
    else:
        with open(path, "w") as f:
            f.write(text)


def query(name, qtype, qid):
    return struct.pack(">HHHHHH", qid, 0, 1, 0, 0, 1) + encode_name(name) + struct.pack(">HH", qtype, 1) \
        + b"\x00" + struct.pack(">HHIH", OPT, 1232, 0, 0)


def parse(message):
    """(id, flags, [(type, ttl, rdata)] answers, [(type, ttl, rdata)] additional)."""
    qid, flags, qd, an, ns, ar = struct.unpack(">HHHHHH", message[:12])
    offset = 12
    for _ in range(qd):
        offset = skip_name(message, offset) + 4
    sections = []
    for count in (an, ns, ar):
        records = []
        for _ in range(count):
            offset = skip_name(message, offset)
            rtype, _, ttl, length = struct.unpack(">HHIH", message[offset:offset + 10])
            offset += 10
            records.append((rtype, ttl, message[offset:offset + length]))
            offset += length
        sections.append(records)
    return qid, flags, sections[0], sections[2]


def judge(message, qtype):
    """(version, error): which version an answer came from, or what is wrong with it."""
    _, flags, answers, additional = parse(message)
    if flags & 0xF or not flags & 0x0400:
        return 0, f"rcode {flags & 0xF}, aa {bool(flags & 0x0400)}"
    if qtype == SOA:
        soa = [r for r in answers if r[0] == SOA]
        if len(soa) != 1:
            return 0, "no single SOA"
        rdata = soa[0][2]
        offset = skip_name(rdata, skip_name(rdata, 0))
        return struct.unpack(">I", rdata[offset:offset + 4])[0], None
    if qtype == SRV:
        srv = [r for r in answers if r[0] == SRV]
        if len(srv) != 1:
            return 0, "no single SRV"
        version = struct.unpack(">H", srv[0][2][4:6])[0]
        addresses = [r for r in additional if r[0] == A]
    else:
        addresses = [r for r in answers if r[0] == A]
        if not addresses:
            return 0, "no address"
        version = addresses[0][1] - TTL_BASE
    if any(r[1] != TTL_BASE + version for r in addresses):
        return version, "addresses of two versions"
    got = {socket.inet_ntoa(r[2]) for r in addresses}
    if got != members(version):
        return version, f"version {version}: got {sorted(got)}, members are {sorted(members(version))}"
    return version, None


class Listeners:
    """A TCP listener on every member address, one port: what the pool's TCP probes connect to."""

    def __init__(self):
        self.sockets = []
        for attempt in range(20):
            port = random.randint(20000, 60000)
            try:
                for address in ADDRESSES:
                    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    s.bind((address, port))
                    s.listen(64)
                    self.sockets.append(s)
                self.port = port
                break
            except OSError:
                self.close()
        else:
            raise RuntimeError("no free port on 127.0.0.21-28")
        for s in self.sockets:
            threading.Thread(target=self._accept, args=(s,), daemon=True).start()

    @staticmethod
    def _accept(listener):
        while True:
            try:
                client, _ = listener.accept()
                client.close()
            except OSError:
                return

    def close(self):
        for s in self.sockets:
            s.close()
        self.sockets = []


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
        u.bind(("127.0.0.1", 0))
        return u.getsockname()[1]


class Server:
    def __init__(self, program, folder, port, probe_port, delay_ms):
        settings = (
            '{ "Dns": { "Listen": ["127.0.0.1"], "Port": %d, "ZonesReloadDelayMs": %d },'
            ' "Pools": { "%s": { "Probe": { "Kind": "Tcp", "Port": %d }, "TimeoutMs": 10000 } } }'
            % (port, delay_ms, POOL.rstrip("."), probe_port))
        with open(os.path.join(folder, "dnslb.json"), "w") as f:
            f.write(settings)
        self.log = open(os.path.join(folder, "dnslb.log"), "w")
        self.process = subprocess.Popen(["dotnet", program], cwd=folder, stdout=self.log, stderr=subprocess.STDOUT)
        self.port = port

    def wait_ready(self, version):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"DnsLb exited with {self.process.returncode}; see its log")
            try:
                if udp_version(self.port, (ORIGIN, SOA)) == version:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("DnsLb did not answer within 60 s")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(30)
        self.log.close()
        return code


def udp_version(port, question, timeout=5.0):
    name, qtype = question
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.connect(("127.0.0.1", port))
        qid = random.randint(0, 65535)
        s.send(query(name, qtype, qid))
        return judge(s.recv(4096), qtype)[0]


def measure_latency(server, path, first, edits):
    """Seconds from just before each write to the first answer showing it."""
    times = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(5)
        s.connect(("127.0.0.1", server.port))
        for n, version in enumerate(range(first, first + edits)):
            start = time.perf_counter()
            write_zone(path, version, rename=n % 2 == 1)
            while True:
                s.send(query(POOL, A, n & 0xFFFF))
                reply = s.recv(4096)
                if judge(reply, A)[0] == version:
                    break
                if time.perf_counter() - start > 30:
                    raise RuntimeError(f"version {version} not served within 30 s")
            times.append(time.perf_counter() - start)
    return times


class Load:
    """Clients querying without pause; every answer judged."""

    def __init__(self, port, udp_clients):
        self.port = port
        self.newest = 0
        self.lock = threading.Lock()
        self.queries = 0
        self.unanswered = 0
        self.wrong = []
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._udp, args=(i,)) for i in range(udp_clients)]
        self.threads.append(threading.Thread(target=self._tcp))
        for t in self.threads:
            t.start()

    def _record(self, reply, qtype, floor):
        version, error = judge(reply, qtype)
        with self.lock:
            self.queries += 1
            if error is None and version < floor:
                error = f"version {version} after version {floor} was served"
            if error is not None:
                self.wrong.append(error)
            elif version > self.newest:
                self.newest = version

    def _udp(self, index):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.settimeout(10)
            s.connect(("127.0.0.1", self.port))
            i = index
            while not self.stopping.is_set():
                name, qtype = QUESTIONS[i % len(QUESTIONS)]
                qid = i & 0xFFFF
                floor = self.newest
                s.send(query(name, qtype, qid))
                try:
                    while True:
                        reply = s.recv(4096)
                        if struct.unpack(">H", reply[:2])[0] == qid:
                            break
                except socket.timeout:
                    with self.lock:
                        self.unanswered += 1
                    continue
                self._record(reply, qtype, floor)
                i += 1

    def _tcp(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as s:
            i = 0
            while not self.stopping.is_set():
                name, qtype = QUESTIONS[i % len(QUESTIONS)]
                floor = self.newest
                message = query(name, qtype, i & 0xFFFF)
                s.sendall(struct.pack(">H", len(message)) + message)
                length = struct.unpack(">H", self._exactly(s, 2))[0]
                self._record(self._exactly(s, length), qtype, floor)
                i += 1

    @staticmethod
    def _exactly(s, count):
        data = b""
        while len(data) < count:
            chunk = s.recv(count - len(data))
            if not chunk:
                raise OSError("connection closed")
            data += chunk
        return data

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join()


def reloads_under_load(server, path, first, reloads, udp_clients):
    load = Load(server.port, udp_clients)
    try:
        for n, version in enumerate(range(first, first + reloads)):
            write_zone(path, version, rename=n % 2 == 1)
            deadline = time.monotonic() + 30
            while udp_version(server.port, (ORIGIN, SOA)) != version:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"version {version} not served within 30 s")
                time.sleep(0.002)
        deadline = time.monotonic() + 30
        while load.newest < first + reloads - 1 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        load.stop()
    return load


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=200, help="edits timed one by one (default 200)")
    parser.add_argument("--reloads", type=int, default=300, help="reloads under load (default 300; 0 skips)")
    parser.add_argument("--clients", type=int, default=4, help="UDP clients during the reloads, besides one TCP client (default 4)")
    parser.add_argument("--delay-ms", type=int, default=200, help="Dns:ZonesReloadDelayMs (default 200, as shipped)")
    parser.add_argument("--program", help="DnsLb.dll to run (default: build src/DnsLb in Release and run that)")
    args = parser.parse_args()

    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    program = os.path.abspath(args.program) if args.program else None
    if program is None:
        program = release_program(root)

    folder = tempfile.mkdtemp(prefix="dnslb-reload-bench-")
    os.makedirs(os.path.join(folder, "zones"))
    path = os.path.join(folder, "zones", "bench.test.zone")
    write_zone(path, 1, rename=False)
    listeners = Listeners()
    server = Server(program, folder, free_port(), listeners.port, args.delay_ms)
    code = None
    try:
        try:
            server.wait_ready(1)
        except RuntimeError:
            with open(os.path.join(folder, "dnslb.log")) as f:
                sys.stderr.write(f.read())
            raise
        times = measure_latency(server, path, 2, args.edits)
        ms = sorted(t * 1000 for t in times)
        print(f"edit to first answer showing it, {len(ms)} edits (in place and renamed over, alternately), "
              f"Dns:ZonesReloadDelayMs={args.delay_ms}:")
        print(f"  median {statistics.median(ms):.0f} ms, p90 {ms[int(len(ms) * 0.9) - 1]:.0f} ms, "
              f"worst {ms[-1]:.0f} ms, best {ms[0]:.0f} ms")
        if args.reloads > 0:
            load = reloads_under_load(server, path, 2 + args.edits, args.reloads, args.clients)
            print(f"reloads under load: {args.reloads} reloads, {load.queries} queries from {args.clients} UDP clients "
                  f"and 1 TCP client: {load.unanswered} unanswered, {len(load.wrong)} wrong")
            for error in load.wrong[:10]:
                print(f"  wrong: {error}")
    finally:
        code = server.stop()
        listeners.close()
        print(f"DnsLb stopped by SIGTERM with exit code {code}")
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
