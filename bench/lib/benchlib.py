"""What the Python benchmarks share (standard library only): building and finding DnsLb, and the few bits
of DNS wire format (RFC 1035 §4) they read answers with. Each script adds this folder to sys.path."""

import os
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
