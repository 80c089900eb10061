"""Just enough DNS wire format for the hostile run: build queries, read answers, mutate packets.

Standard library only. Names are written uncompressed (RFC 1035 4.1.2); answers are read with
compression pointers followed backwards only (RFC 1035 4.1.4), as a careful client would.
"""
import random
import struct

A, NS, CNAME, SOA, MX, TXT, AAAA, SRV, OPT, HTTPS, ANY = 1, 2, 5, 6, 15, 16, 28, 33, 41, 65, 255


def encode_name(name):
    out = bytearray()
    for label in name.rstrip(".").split("."):
        if label:
            out.append(len(label))
            out += label.encode("ascii")
    out.append(0)
    return bytes(out)


def query(name, qtype, qid, edns_payload=None, rd=False):
    """A query for name/qtype with id qid; with an OPT record when edns_payload is given (RFC 6891)."""
    flags = 0x0100 if rd else 0
    arcount = 1 if edns_payload else 0
    message = struct.pack(">HHHHHH", qid, flags, 1, 0, 0, arcount) + encode_name(name) + struct.pack(">HH", qtype, 1)
    if edns_payload:
        message += b"\x00" + struct.pack(">HHIH", OPT, edns_payload, 0, 0)
    return message


def _skip_name(message, offset):
    """Offset just past the name at offset; raises ValueError on anything malformed."""
    hops = 0
    while True:
        if offset >= len(message):
            raise ValueError("name runs past the end")
        length = message[offset]
        if length == 0:
            return offset + 1
        if length & 0xC0 == 0xC0:
            if offset + 1 >= len(message):
                raise ValueError("cut pointer")
            hops += 1
            if hops > 64:
                raise ValueError("pointer loop")
            return offset + 2
        if length & 0xC0:
            raise ValueError("bad label type")
        offset += 1 + length


def parse_response(message):
    """(id, flags, rcode, [(type, rdata)] of the answer section); raises ValueError when malformed."""
    if len(message) < 12:
        raise ValueError("shorter than a header")
    qid, flags, qdcount, ancount, _, _ = struct.unpack(">HHHHHH", message[:12])
    offset = 12
    for _ in range(qdcount):
        offset = _skip_name(message, offset) + 4
    answers = []
    for _ in range(ancount):
        offset = _skip_name(message, offset)
        if offset + 10 > len(message):
            raise ValueError("record header runs past the end")
        rtype, _, _, rdlength = struct.unpack(">HHIH", message[offset:offset + 10])
        offset += 10
        if offset + rdlength > len(message):
            raise ValueError("rdata runs past the end")
        answers.append((rtype, message[offset:offset + rdlength]))
        offset += rdlength
    return qid, flags, flags & 0x000F, answers


NAMES = ["twopir.example.com.", "www.example.com.", "example.com.", "ns1.example.com.", "nope.example.com.",
         "_http._tcp.example.com.", "static.example.com.", "elsewhere.test.", "."]
TYPES = [A, AAAA, ANY, MX, NS, SOA, TXT, CNAME, SRV, HTTPS, 257, 65280]


class BadPackets:
    """Random bytes and mutated valid queries from a seed; the QR bit mostly cleared so packets reach the parser."""

    def __init__(self, seed):
        self.random = random.Random(seed)
        self.seeds = []
        qid = 1
        for name in NAMES:
            for qtype in TYPES:
                payload = None if qid % 3 == 0 else (1232 if qid % 2 else 512)
                self.seeds.append(query(name, qtype, qid, payload))
                qid += 1

    def next(self):
        r = self.random
        packet = bytearray(self._random_bytes() if r.random() < 0.5 else self._mutated())
        if len(packet) > 2 and r.random() < 15 / 16:
            packet[2] &= 0x7F
        return bytes(packet)

    def _random_bytes(self):
        r = self.random
        data = bytearray(r.randbytes(r.randrange(0, 300)))
        if len(data) >= 12 and r.random() < 0.5:
            data[4:12] = bytes([0, 1] + [r.randrange(3) if r.random() < 0.25 else 0 for _ in range(6)])
        return data

    def _mutated(self):
        r = self.random
        data = bytearray(r.choice(self.seeds))
        for _ in range(r.randrange(1, 6)):
            at = r.randrange(len(data))
            kind = r.randrange(4)
            if kind == 0:
                data[at] = r.randrange(256)
            elif kind == 1 and at + 1 < len(data):
                data[at], data[at + 1] = 0xC0 | r.randrange(4), r.randrange(256)  # a compression pointer
            elif kind == 2:
                data[5 + 2 * r.randrange(4)] = r.randrange(4)  # a section count
            else:
                data[at] ^= 1 << r.randrange(8)
        cut = r.randrange(4)
        if cut == 0:
            return data[:r.randrange(len(data))]
        if cut == 1:
            return data + r.randbytes(r.randrange(1, 64))
        return data
