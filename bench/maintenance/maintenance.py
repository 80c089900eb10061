#!/usr/bin/env python3
"""Planned maintenance through DnsLb: drain a node, wait until it is safe to stop, stop it, and count what a
client that keeps asking DnsLb and connecting to its answers sees.

Starts the built DnsLb on 127.0.0.1 (free DNS and status ports) serving one zone with a pool of three web
nodes on 127.0.0.11-13, and the three nodes (tiny HTTP servers, one process each, this script in --serve
mode). A client loop then asks DnsLb for the pool name over UDP, connects to the first address of the answer
and GETs / (one new connection each time, as a browser that was just handed the answer), again and again,
while the main thread:
  1. drains the victim (127.0.0.12) through the status API: POST /api/pools/{pool}/members/{address}/drain;
  2. waits until GET /api/status says that member is safeToStop (the pool's TTL has passed since it left
     the answers and another member is up);
  3. stops the victim's web server (SIGTERM to the process this script started), and keeps looping a while.
At the end: connections made, failed ones (DNS error, no address, refused, reset, timed out, not 200),
connections slower than --delayed-ms, the slowest one, and how often the victim was still answered first.
Exit status 0 when no connection failed.

Everything stays on loopback; every process is stopped by the PID this script started it with; every loop
and wait is bounded (--max-connections, --max-seconds, --wait-seconds). Standard library only.
"""
import argparse
import json
import os
import random
import shutil
import signal
import socket
import socketserver
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from benchlib import answer_section, query, release_program  # noqa: E402 (after the path is set)

ORIGIN = "maint.test."
POOL = "web." + ORIGIN
NODES = ["127.0.0.11", "127.0.0.12", "127.0.0.13"]
VICTIM = "127.0.0.12"
A = 1


# ---------------------------------------------------------------- web node (--serve mode)

class NodeHandler(BaseHTTPRequestHandler):
    server_version = "maintenance-node/1"
    sys_version = ""

    def do_GET(self):  # noqa: N802 (http.server naming)
        body = b"ok\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        pass


class NodeServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    # socketserver.TCPServer, not http.server.HTTPServer: the latter's server_bind looks up the address's
    # name (a reverse DNS query to the system resolver, which is not on loopback).
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 128


def serve(address, port):
    if not address.startswith("127."):
        sys.exit("only loopback addresses (127.0.0.0/8)")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with NodeServer((address, port), NodeHandler) as server:
        server.serve_forever()


# ---------------------------------------------------------------- DNS (RFC 1035 §4)

def resolve(port, name, timeout):
    """The A records of name, in the order DnsLb answered them; raises OSError or ValueError on failure."""
    qid = random.randrange(65536)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.sendto(query(qid, name, A), ("127.0.0.1", port))
        while True:
            message, _ = s.recvfrom(4096)
            if len(message) >= 12 and struct.unpack(">H", message[:2])[0] == qid:
                break
    rcode, records = answer_section(message)
    if rcode:
        raise ValueError("rcode %d" % rcode)
    return [socket.inet_ntoa(rdata) for rtype, rdata in records if rtype == A and len(rdata) == 4]


# ---------------------------------------------------------------- the client loop

class Client:
    """Asks DnsLb, connects to the first address, GETs /; counts and times every attempt."""

    def __init__(self, dns_port, web_port, timeout, pause, delayed, max_connections):
        self.dns_port, self.web_port = dns_port, web_port
        self.timeout, self.pause, self.delayed = timeout, pause, delayed
        self.max_connections = max_connections
        self.phase = "before drain"
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.count = {}            # phase -> connections
        self.first = {}            # phase -> {address: times answered first}
        self.failures = []         # (t, phase, address, what)
        self.slow = []             # (seconds, t, phase, address) over the delayed threshold
        self.slowest = (0.0, 0.0, "", "")
        self.started = time.monotonic()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _one(self):
        t0 = time.monotonic()
        address = "-"
        try:
            addresses = resolve(self.dns_port, POOL, self.timeout)
            if not addresses:
                raise ValueError("no address in the answer")
            address = addresses[0]
            with socket.create_connection((address, self.web_port), timeout=self.timeout) as s:
                s.sendall(b"GET / HTTP/1.1\r\nHost: " + POOL.rstrip(".").encode() + b"\r\nConnection: close\r\n\r\n")
                head = b""
                while b"\r\n" not in head:
                    chunk = s.recv(4096)
                    if not chunk:
                        raise ConnectionError("closed before a response")
                    head += chunk
            status = head.split(b"\r\n", 1)[0]
            if b" 200 " not in status + b" ":
                raise ValueError("answered %r" % status.decode("latin-1"))
            return t0, time.monotonic() - t0, address, None
        except (OSError, ValueError) as e:
            return t0, time.monotonic() - t0, address, "%s: %s" % (type(e).__name__, e)

    def _run(self):
        for _ in range(self.max_connections):
            if self.stop.is_set():
                return
            phase = self.phase
            t0, took, address, failure = self._one()
            t = t0 - self.started
            with self.lock:
                self.count[phase] = self.count.get(phase, 0) + 1
                firsts = self.first.setdefault(phase, {})
                firsts[address] = firsts.get(address, 0) + 1
                if failure:
                    self.failures.append((t, phase, address, failure))
                if took > self.slowest[0]:
                    self.slowest = (took, t, phase, address)
                if took * 1000 > self.delayed:
                    self.slow.append((took, t, phase, address))
            time.sleep(self.pause)

    def connections(self):
        with self.lock:
            return sum(self.count.values())


# ---------------------------------------------------------------- DnsLb and its status API

def free_port(kind):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def zone_text(ttl):
    lines = ["$ORIGIN " + ORIGIN, "$TTL 300", "@ IN SOA ns1 hostmaster 1 3600 600 86400 60", "@ IN NS ns1",
             "ns1 IN A 127.0.0.1"]
    lines += ["web %d IN A %s" % (ttl, node) for node in NODES]
    return "\n".join(lines) + "\n"


def status(status_port):
    with urllib.request.urlopen("http://127.0.0.1:%d/api/status" % status_port, timeout=5) as response:
        return json.load(response)


def member(document, address):
    for pool in document.get("pools", []):
        if pool.get("name", "").rstrip(".") == POOL.rstrip("."):
            for m in pool.get("members", []):
                if m.get("address") == address:
                    return m
    return None


def drain(status_port, address):
    url = "http://127.0.0.1:%d/api/pools/%s/members/%s/drain" % (status_port, POOL.rstrip("."), address)
    request = urllib.request.Request(url, data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status


def wait_for(what, condition, seconds, process=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError("DnsLb exited with code %d while waiting: %s (its log is printed above)" % (process.returncode, what))
        try:
            if condition():
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    raise RuntimeError("not within %g s: %s" % (seconds, what))


def stop_process(process, seconds=10):
    if process.poll() is not None:
        return process.returncode
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait(seconds)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--serve", nargs=2, metavar=("ADDRESS", "PORT"), help=argparse.SUPPRESS)
    parser.add_argument("--program", help="DnsLb.dll (or the DnsLb executable) to run; default: build src/DnsLb in Release and run that")
    parser.add_argument("--ttl", type=int, default=5, help="TTL of the pool's records, seconds (default 5, as the example zone)")
    parser.add_argument("--before", type=float, default=2.0, help="seconds of connections before the drain (default 2)")
    parser.add_argument("--after", type=float, default=3.0, help="seconds of connections after the node is stopped (default 3)")
    parser.add_argument("--pause-ms", type=float, default=5.0, help="pause between connections (default 5)")
    parser.add_argument("--delayed-ms", type=float, default=250.0, help="a connection slower than this counts as delayed (default 250)")
    parser.add_argument("--max-connections", type=int, default=100_000, help="bound on connections (default 100000)")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="bound on the whole run's waits (default 120)")
    parser.add_argument("--wait-seconds", type=float, default=60.0, help="bound on each wait for DnsLb (default 60)")
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]))
        return 0

    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    program = os.path.abspath(args.program) if args.program else None
    if program is None:
        program = release_program(root)
    command = ["dotnet", program] if program.endswith(".dll") else [program]

    folder = tempfile.mkdtemp(prefix="dnslb-maintenance-")
    os.makedirs(os.path.join(folder, "zones"))
    with open(os.path.join(folder, "zones", ORIGIN.rstrip(".") + ".zone"), "w") as f:
        f.write(zone_text(args.ttl))
    dns_port, status_port, web_port = free_port(socket.SOCK_DGRAM), free_port(socket.SOCK_STREAM), free_port(socket.SOCK_STREAM)
    pool = "--Pools:" + POOL.rstrip(".")
    settings = ["--Dns:Port=%d" % dns_port, "--Dns:Listen:0=127.0.0.1", "--Dns:ZonesDirectory=" + os.path.join(folder, "zones"),
                "--Status:Listen=127.0.0.1:%d" % status_port,
                pool + ":Probe:Kind=Http", pool + ":Probe:Port=%d" % web_port, pool + ":Probe:Path=/"]

    nodes, server, client, log = {}, None, None, None
    started = time.monotonic()
    try:
        for node in NODES:
            nodes[node] = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve", node, str(web_port)],
                                           stdin=subprocess.DEVNULL)
        for node in NODES:
            wait_for("web node %s listening" % node, lambda n=node: socket.create_connection((n, web_port), timeout=1).close() is None, 10)
        log = open(os.path.join(folder, "dnslb.log"), "w")
        # The working directory is the temporary folder: no dnslb.json from anywhere else is read.
        server = subprocess.Popen(command + settings, cwd=folder, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        t = time.monotonic()
        wait_for("every member up in /api/status",
                 lambda: all((member(status(status_port), n) or {}).get("state") == "up" for n in NODES), args.wait_seconds, server)
        print("DnsLb on 127.0.0.1:%d (status 127.0.0.1:%d), pool %s = %s, TTL %d s, web nodes on port %d"
              % (dns_port, status_port, POOL.rstrip("."), ", ".join(NODES), args.ttl, web_port))
        print("every member up %.1f s after start" % (time.monotonic() - t))

        client = Client(dns_port, web_port, timeout=min(5.0, args.max_seconds), pause=args.pause_ms / 1000,
                        delayed=args.delayed_ms, max_connections=args.max_connections)
        client.thread.start()
        time.sleep(args.before)

        client.phase = "drained"
        t_drain = time.monotonic() - client.started
        code = drain(status_port, VICTIM)
        wait_for("%s safeToStop" % VICTIM, lambda: (member(status(status_port), VICTIM) or {}).get("safeToStop") is True,
                 min(args.wait_seconds, args.max_seconds), server)
        m = member(status(status_port), VICTIM)
        t_safe = time.monotonic() - client.started
        print("drained %s at %.1f s (HTTP %d); safeToStop at %.1f s (state %s, drained %s)"
              % (VICTIM, t_drain, code, t_safe, m.get("state"), m.get("drained")))

        client.phase = "stopped"
        t_stop = time.monotonic() - client.started
        stop_process(nodes.pop(VICTIM))
        print("web node %s stopped at %.1f s" % (VICTIM, t_stop))
        end = time.monotonic() + args.after
        while time.monotonic() < end and client.thread.is_alive() and time.monotonic() - started < args.max_seconds:
            time.sleep(0.05)
    finally:
        if client is not None:
            client.stop.set()
            client.thread.join(30)
        if server is not None:
            print("DnsLb stopped, exit code %s" % stop_process(server, 30))
        for process in nodes.values():
            stop_process(process)
        if log is not None:
            log.close()
        if client is None and os.path.exists(os.path.join(folder, "dnslb.log")):
            with open(os.path.join(folder, "dnslb.log")) as f:
                sys.stderr.write(f.read()[-4000:])
        shutil.rmtree(folder, ignore_errors=True)

    phases = ["before drain", "drained", "stopped"]
    print("connections: %d (%s)" % (client.connections(), ", ".join("%s %d" % (p, client.count.get(p, 0)) for p in phases)))
    for p in phases:
        print("  first address, %s: %s" % (p, ", ".join("%s %d" % kv for kv in sorted(client.first.get(p, {}).items()))))
    print("failed: %d" % len(client.failures))
    for t, phase, address, what in client.failures[:10]:
        print("  at %.2f s (%s) to %s: %s" % (t, phase, address, what))
    print("delayed (over %g ms): %d" % (args.delayed_ms, len(client.slow)))
    took, t, phase, address = client.slowest
    print("slowest connection: %.1f ms (at %.2f s, %s, to %s)" % (took * 1000, t, phase, address))
    return 0 if not client.failures else 1


if __name__ == "__main__":
    sys.exit(main())
