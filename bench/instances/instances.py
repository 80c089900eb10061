#!/usr/bin/env python3
"""Two DnsLb servers and a stock Knot secondary on one machine: how fast a change reaches each, and who keeps answering.

Everything runs on loopback, each server on an address of its own, as on three machines:
  127.0.0.21  DnsLb primary: serves the zone file; transfers to the two below (TSIG key), NOTIFY on every change
  127.0.0.22  DnsLb secondary (Members=All): transfers the zone, probes the pool itself, keeps a saved copy
  127.0.0.31  Knot DNS secondary (Members=Healthy): gets only the nodes DnsLb would answer, as zone versions
  127.0.0.41-43  the pool's web nodes: `python3 -m http.server` processes, killed and started again by PID

1. Edit propagation: the zone file on the primary is saved (`--edits` times, written to a temporary file renamed
   over it, as editors do) with a new serial and a new TXT record; timed from just before the save to the first
   answer showing it, from the primary and from the secondary (both asked over UDP without pause).
2. Health to a stock secondary: a web node's process is killed (`--kills` times), then started again; timed
   from the kill (and the start) to the first answer without (with) the node from Knot, and, for comparison,
   from each DnsLb, which find it out by their own probes.
3. Failure of either server: the secondary is killed (SIGKILL) while the primary is asked `--queries` times,
   then started again; the primary is killed while the secondary is asked; the secondary is then restarted with
   the primary still dead, and timed to its first answer (from its saved copy).

Settings are the shipped defaults (pool probes every 300 ms, fall 2, rise 2; zone reload delay 200 ms).
Every process this starts is stopped at the end by its PID; the temporary folder is removed. Standard library
Python only; needs knotd (Debian package knot) and a .NET SDK.
"""
import argparse
import base64
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from benchlib import answer_section, query, release_program, skip_name  # noqa: E402 (after the path is set)

PRIMARY, SECONDARY, KNOT = "127.0.0.21", "127.0.0.22", "127.0.0.31"
NODES = ["127.0.0.41", "127.0.0.42", "127.0.0.43"]
ZONE = "example.com."
POOL = "www.example.com."
A, SOA, TXT = 1, 6, 16


# --- DNS over UDP, just enough to read answers -------------------------------------------------------------

def ask(address, port, name, qtype, timeout=0.5):
    """[(type, rdata)] of the answer section, or None when nothing came back in time."""
    qid = random.randint(0, 65535)
    message = query(qid, name, qtype)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        try:
            s.connect((address, port))
            s.send(message)
            while True:
                reply = s.recv(4096)
                if struct.unpack(">H", reply[:2])[0] == qid:
                    break
        except OSError:
            return None
    rcode, records = answer_section(reply)
    return [] if rcode else records


def serial(address, port):
    answer = ask(address, port, ZONE, SOA)
    soa = [r for t, r in answer or [] if t == SOA]
    if len(soa) != 1:
        return None
    offset = skip_name(soa[0], skip_name(soa[0], 0))
    return struct.unpack(">I", soa[0][offset:offset + 4])[0]


def pool(address, port):
    answer = ask(address, port, POOL, A)
    return None if answer is None else sorted(socket.inet_ntoa(r) for t, r in answer if t == A)


def has_txt(address, port, name):
    return bool(ask(address, port, name, TXT))


# --- the servers -------------------------------------------------------------------------------------------

def free_port(*addresses):
    """A port free for UDP and TCP on every one of the addresses."""
    for _ in range(50):
        port = random.randint(20000, 60000)
        try:
            sockets = []
            for address in addresses:
                for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
                    s = socket.socket(socket.AF_INET, kind)
                    sockets.append(s)
                    s.bind((address, port))
            return port
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise RuntimeError("no free port")


class Process:
    def __init__(self, name, arguments, folder):
        self.name = name
        self.log_path = os.path.join(folder, name + ".log")
        self.log = open(self.log_path, "a")
        self.process = subprocess.Popen(arguments, cwd=folder, stdout=self.log, stderr=subprocess.STDOUT)

    def kill(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(30)
        self.log.close()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(30)
        self.log.close()


def zone_text(version):
    return "\n".join([
        f"$ORIGIN {ZONE}", "$TTL 300",
        f"@ IN SOA ns1 hostmaster {version} 3600 600 86400 60",
        "@ IN NS ns1", "ns1 IN A 127.0.0.21",
        *[f"www 5 IN A {node}" for node in NODES],
        f"v{version} IN TXT \"version {version}\"", ""])


def save_zone(folder, version):
    path = os.path.join(folder, "zones", "example.com.zone")
    with open(path + ".new", "w") as f:
        f.write(zone_text(version))
    os.replace(path + ".new", path)


def dnslb_settings(address, port, web_port, key, extra):
    settings = {
        "Dns": {"Listen": [address], "Port": port, "ServerId": address},
        "Status": {"Listen": ""},
        "Pools": {POOL.rstrip("."): {"Probe": {"Kind": "Http", "Port": web_port, "Path": "/"}}},
        "Transfer": {"Keys": {"pair-key": {"Algorithm": "hmac-sha256", "Secret": key}}},
    }
    for section, values in extra.items():
        settings.setdefault(section, {}).update(values)
    return settings


def start_dnslb(program, folder, name, settings):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "dnslb.json"), "w") as f:
        json.dump(settings, f, indent=2)
    return Process(name, ["dotnet", program], folder)


def start_knot(folder, port, primary_port, key):
    os.makedirs(os.path.join(folder, "db"), exist_ok=True)
    conf = os.path.join(folder, "knot.conf")
    with open(conf, "w") as f:
        f.write(f"""server:
    rundir: "{folder}"
    listen: {KNOT}@{port}
control:
    listen: "{folder}/knot.sock"
log:
  - target: stderr
    any: info
database:
    storage: "{folder}/db"
key:
  - id: pair-key
    algorithm: hmac-sha256
    secret: {key}
remote:
  - id: dnslb
    address: {PRIMARY}@{primary_port}
    via: {KNOT}
    key: pair-key
acl:
  - id: notify-from-dnslb
    address: {PRIMARY}
    key: pair-key
    action: notify
template:
  - id: default
    storage: "{folder}"
    file: "%s.zone"
zone:
  - domain: {ZONE}
    master: dnslb
    acl: notify-from-dnslb
""")
    return Process("knot", ["knotd", "-c", conf], folder)


def start_node(folder, address, port):
    return Process("node-" + address, [sys.executable, "-m", "http.server", "--bind", address, str(port), "--directory", folder], folder)


def wait_for(what, condition, limit=60):
    """Seconds until condition() held; polls without pause (1 ms apart)."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > limit:
            raise RuntimeError(f"not within {limit} s: {what}")
        time.sleep(0.001)
    return time.perf_counter() - start


def race(conditions, limit=60):
    """Seconds until each condition first held, all watched together from now."""
    start = time.perf_counter()
    found = {}
    while len(found) < len(conditions):
        for name, condition in conditions.items():
            if name not in found and condition():
                found[name] = time.perf_counter() - start
        if time.perf_counter() - start > limit:
            missing = ", ".join(n for n in conditions if n not in found)
            raise RuntimeError(f"not within {limit} s: {missing}")
        time.sleep(0.001)
    return found


def summary(seconds):
    ms = sorted(s * 1000 for s in seconds)
    return f"min {ms[0]:.0f} ms, median {statistics.median(ms):.0f} ms, max {ms[-1]:.0f} ms ({len(ms)} runs)"


def answered(address, port, count, pause):
    good = 0
    for _ in range(count):
        if pool(address, port):
            good += 1
        time.sleep(pause)
    return good


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=10, help="edits timed (default 10)")
    parser.add_argument("--kills", type=int, default=5, help="web node kills and restarts timed (default 5)")
    parser.add_argument("--queries", type=int, default=200, help="queries to the survivor while the other is dead (default 200, 10 ms apart)")
    parser.add_argument("--program", help="DnsLb.dll to run (default: build src/DnsLb in Release and run that)")
    args = parser.parse_args()
    if shutil.which("knotd") is None:
        sys.exit("knotd is not installed: apt-get install knot")

    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    program = os.path.abspath(args.program) if args.program else None
    if program is None:
        program = release_program(root)

    folder = tempfile.mkdtemp(prefix="dnslb-instances-")
    key = base64.b64encode(secrets.token_bytes(32)).decode()
    port = free_port(PRIMARY, SECONDARY)  # the same port on both, as two machines would use 53
    knot_port = free_port(KNOT)
    web_port = free_port(*NODES)
    primary_dir, secondary_dir = os.path.join(folder, "primary"), os.path.join(folder, "secondary")
    os.makedirs(os.path.join(primary_dir, "zones"))
    version = 1
    save_zone(primary_dir, version)
    primary_settings = dnslb_settings(PRIMARY, port, web_port, key, {"Transfer": {"Secondaries": [
        {"Address": SECONDARY, "Port": port, "Members": "All", "Key": "pair-key"},
        {"Address": KNOT, "Port": knot_port, "Members": "Healthy", "Key": "pair-key"}]}})
    secondary_settings = dnslb_settings(SECONDARY, port, web_port, key, {"Secondary": {
        "Zones": {ZONE.rstrip("."): {"Primaries": [f"{PRIMARY}:{port}"], "Key": "pair-key"}}, "Directory": "saved"}})

    nodes = {address: start_node(folder, address, web_port) for address in NODES}
    primary = start_dnslb(program, primary_dir, "dnslb-primary", primary_settings)
    secondary = start_dnslb(program, secondary_dir, "dnslb-secondary", secondary_settings)
    knot = start_knot(os.path.join(folder, "knot"), knot_port, port, key)
    processes = lambda: [primary, secondary, knot, *nodes.values()]
    try:
        wait_for("every server serving serial 1", lambda: serial(PRIMARY, port) == 1 and serial(SECONDARY, port) == 1 and serial(KNOT, knot_port) is not None)
        wait_for("every node in every answer", lambda: pool(PRIMARY, port) == NODES and pool(SECONDARY, port) == NODES and pool(KNOT, knot_port) == NODES)
        print(f"servers: DnsLb primary {PRIMARY}:{port}, DnsLb secondary {SECONDARY}:{port}, Knot {KNOT}:{knot_port}; nodes {', '.join(NODES)}:{web_port}")

        # 1. Edit propagation.
        to_primary, to_secondary = [], []
        for _ in range(args.edits):
            version += 1
            name = f"v{version}.{ZONE}"
            start = time.perf_counter()
            save_zone(primary_dir, version)
            times = race({"primary": lambda: has_txt(PRIMARY, port, name), "secondary": lambda: has_txt(SECONDARY, port, name)})
            to_primary.append(times["primary"])
            to_secondary.append(times["secondary"])
            time.sleep(0.3)
        print(f"edit saved on the primary -> answered by the primary:   {summary(to_primary)}")
        print(f"edit saved on the primary -> answered by the secondary: {summary(to_secondary)}")

        # 2. A killed web node leaves Knot's answers (Members=Healthy) and comes back; each DnsLb by its own probes.
        gone = {"knot": [], "primary": [], "secondary": []}
        back = {"knot": [], "primary": [], "secondary": []}
        victim = NODES[1]
        rest = [n for n in NODES if n != victim]
        for _ in range(args.kills):
            nodes[victim].kill()
            times = race({"knot": lambda: pool(KNOT, knot_port) == rest, "primary": lambda: pool(PRIMARY, port) == rest,
                          "secondary": lambda: pool(SECONDARY, port) == rest})
            for name, seconds in times.items():
                gone[name].append(seconds)
            time.sleep(1)
            nodes[victim] = start_node(folder, victim, web_port)
            times = race({"knot": lambda: pool(KNOT, knot_port) == NODES, "primary": lambda: pool(PRIMARY, port) == NODES,
                          "secondary": lambda: pool(SECONDARY, port) == NODES})
            for name, seconds in times.items():
                back[name].append(seconds)
            time.sleep(1)
        print(f"web node {victim} killed -> gone from Knot's answers (Members=Healthy): {summary(gone['knot'])}")
        print(f"web node {victim} started -> back in Knot's answers:                  {summary(back['knot'])}")
        print(f"  for comparison, the DnsLb primary's own answers:   gone {summary(gone['primary'])}; back {summary(back['primary'])}")
        print(f"  and the DnsLb secondary's own answers (own probes): gone {summary(gone['secondary'])}; back {summary(back['secondary'])}")

        # 3. Either server dies; the other keeps answering.
        secondary.kill()
        good = answered(PRIMARY, port, args.queries, 0.01)
        print(f"secondary killed: the primary answered {good}/{args.queries} pool queries")
        secondary = start_dnslb(program, secondary_dir, "dnslb-secondary", secondary_settings)
        wait_for("the secondary back", lambda: serial(SECONDARY, port) == version)
        primary.kill()
        good = answered(SECONDARY, port, args.queries, 0.01)
        print(f"primary killed: the secondary answered {good}/{args.queries} pool queries")
        secondary.stop()
        start = time.perf_counter()
        secondary = start_dnslb(program, secondary_dir, "dnslb-secondary", secondary_settings)
        seconds = wait_for("the restarted secondary answering", lambda: serial(SECONDARY, port) == version)
        good = answered(SECONDARY, port, args.queries, 0.01)
        print(f"secondary restarted with the primary dead: serving serial {version} from its saved copy {seconds * 1000:.0f} ms after the start; "
              f"then answered {good}/{args.queries} pool queries")
    except Exception:
        for process in processes():
            if not process.log.closed:
                process.log.flush()
            with open(process.log_path) as f:
                sys.stderr.write(f"--- {process.name}\n" + f.read()[-3000:])
        raise
    finally:
        for process in processes():
            process.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
