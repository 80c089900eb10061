using DnsLb.Protocol;

namespace DnsLb.Tests.Support;

/// <summary>
/// Hostile input from a fixed seed: half random bytes, half valid queries (many types, names in and out of
/// the zone, with and without EDNS) with bytes flipped, counts changed, compression pointers planted, cut
/// short or grown. The QR bit is mostly cleared, so packets reach the parser instead of being dropped.
/// </summary>
internal sealed class BadPackets(int seed)
{
    private static readonly byte[][] Seeds = BuildSeeds();
    private readonly Random _random = new(seed);

    private static byte[][] BuildSeeds()
    {
        string[] names = ["twopir.example.com.", "www.example.com.", "many.example.com.", "nope.example.com.", "example.com.", "ns1.example.com.", "elsewhere.test.", "."];
        RecordType[] types = [RecordType.A, RecordType.AAAA, RecordType.ANY, RecordType.MX, RecordType.NS, RecordType.SOA, RecordType.TXT, RecordType.CNAME, RecordType.SRV, (RecordType)65];
        var seeds = new List<byte[]>();
        ushort id = 1;
        foreach (var name in names)
        {
            foreach (var type in types)
                seeds.Add(DnsMessage.Query(name, type, id++, ednsPayload: id % 3 == 0 ? null : (ushort)(id % 2 == 0 ? 1232 : 512)).Encode());
        }
        return [.. seeds];
    }

    public byte[] Next()
    {
        var packet = _random.Next(2) == 0 ? RandomBytes() : Mutated();
        if (packet.Length > 2 && _random.Next(16) != 0)
            packet[2] &= 0x7F;
        return packet;
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[_random.Next(0, 300)];
        _random.NextBytes(bytes);
        if (bytes.Length >= 12 && _random.Next(2) == 0)
        {
            // Small section counts reach deeper into the parser than random ones.
            bytes[4] = 0;
            bytes[5] = 1;
            for (int i = 6; i < 12; i++)
                bytes[i] = (byte)(_random.Next(4) == 0 ? _random.Next(3) : 0);
        }
        return bytes;
    }

    private byte[] Mutated()
    {
        var bytes = (byte[])Seeds[_random.Next(Seeds.Length)].Clone();
        for (int edits = _random.Next(1, 6); edits > 0; edits--)
        {
            int at = _random.Next(bytes.Length);
            switch (_random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)_random.Next(256);
                    break;
                case 1:
                    if (at + 1 < bytes.Length)
                        (bytes[at], bytes[at + 1]) = ((byte)(0xC0 | _random.Next(4)), (byte)_random.Next(256)); // a compression pointer
                    break;
                case 2:
                    if (bytes.Length >= 12)
                        bytes[4 + (2 * _random.Next(4)) + 1] = (byte)_random.Next(4); // a section count
                    break;
                default:
                    bytes[at] ^= (byte)(1 << _random.Next(8));
                    break;
            }
        }
        return _random.Next(4) switch
        {
            0 => bytes[.._random.Next(bytes.Length)],
            1 => [.. bytes, .. RandomTail()],
            _ => bytes,
        };
    }

    private byte[] RandomTail()
    {
        var tail = new byte[_random.Next(1, 64)];
        _random.NextBytes(tail);
        return tail;
    }
}
