"""What the Python benchmarks share (standard library only): building and finding DnsLb, and the few bits
of DNS wire format (RFC 1035 §4) they read answers with. Each script adds this folder to sys.path."""

import os
import struct
import subprocess


def release_program(root):
    """Builds src/DnsLb in Release and returns the DnsLb.dll it made, wherever the build put it (a platform
    folder when ReadyToRun is on: src/DnsLb/ReadyToRun.targets)."""
    project = os.path.join(root, "src", "DnsLb")
    subprocess.run(["dotnet", "build", "-c", "Release", "--nologo", "-v", "q", project], check=True)
    found = subprocess.run(["dotnet", "msbuild", project, "-getProperty:TargetPath", "-p:Configuration=Release"],
                           capture_output=True, text=True, check=True)
    return found.stdout.strip().splitlines()[-1]


def encode_name(name):
    """A name in wire form, uncompressed."""
    out = bytearray()
    for label in name.rstrip(".").split("."):
        out.append(len(label))
        out += label.encode("ascii")
    return bytes(out + b"\x00")


def skip_name(message, offset):
    """The offset just past the name at offset."""
    while True:
        length = message[offset]
        if length == 0:
            return offset + 1
        if length & 0xC0 == 0xC0:  # a compression pointer ends the name (RFC 1035 §4.1.4)
            return offset + 2
        offset += 1 + length


def query(qid, name, qtype):
    """A query for name and qtype (class IN) with ID qid, no EDNS."""
    return struct.pack(">HHHHHH", qid, 0, 1, 0, 0, 0) + encode_name(name) + struct.pack(">HH", qtype, 1)


def answer_section(message):
    """The rcode and the answer section of a response: (rcode, [(type, rdata)])."""
    _, flags, qdcount, ancount, _, _ = struct.unpack(">HHHHHH", message[:12])
    offset = 12
    for _ in range(qdcount):
        offset = skip_name(message, offset) + 4
    records = []
    for _ in range(ancount):
        offset = skip_name(message, offset)
        rtype, _, _, length = struct.unpack(">HHIH", message[offset:offset + 10])
        offset += 10
        records.append((rtype, message[offset:offset + length]))
        offset += length
    return flags & 0xF, records
