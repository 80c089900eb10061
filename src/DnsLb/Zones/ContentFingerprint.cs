using System.Buffers.Binary;

namespace DnsLb.Zones;

/// <summary>
/// A 128-bit fingerprint of what a zone load read (paths and contents), to tell a reload whether anything
/// changed. It replaces SHA-256 there: the zone files are the operator's own, so no adversary chooses them and
/// a cryptographic hash buys nothing, while SHA-256 loads OpenSSL (several MiB of a process that otherwise
/// never needs it) just to compare a file with itself.
/// </summary>
/// <remarks>
/// Two independent 64-bit lanes; each step is <c>x = rotl((x ^ w) * odd, r) * odd</c>, a bijection of the lane
/// for a given word <c>w</c>, and the finish is a bijection too. So two inputs of the same shape that differ in
/// one 8-byte word always end in different fingerprints (an edit of one spot is never missed); other changes
/// collide with a chance of about 2^-128. Every <see cref="Append"/> also adds its length, so ("ab", "c") and
/// ("a", "bc") differ.
/// Not for anything where an adversary picks the input.
/// </remarks>
internal struct ContentFingerprint
{
    private const ulong Odd1 = 0x9E3779B97F4A7C15;
    private const ulong Odd2 = 0xC2B2AE3D27D4EB4F;
    private const ulong Odd3 = 0x165667B19E3779F9;
    private const ulong Odd4 = 0xD6E8FEB86659FD93;

    private ulong _a;
    private ulong _b;

    public ContentFingerprint()
    {
        _a = 0x243F6A8885A308D3;
        _b = 0x13198A2E03707344;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
            Mix(BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        if (i < data.Length)
        {
            Span<byte> tail = stackalloc byte[8];
            tail.Clear();
            data[i..].CopyTo(tail);
            Mix(BinaryPrimitives.ReadUInt64LittleEndian(tail));
        }
        Mix((ulong)data.Length);
    }

    /// <summary>The 16 bytes of the fingerprint so far.</summary>
    public readonly byte[] ToArray()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, Finish(_a, Odd2));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), Finish(_b, Odd4));
        return bytes;
    }

    private void Mix(ulong word)
    {
        _a = ulong.RotateLeft((_a ^ word) * Odd1, 31) * Odd2;
        _b = ulong.RotateLeft((_b ^ word) * Odd3, 27) * Odd4;
    }

    private static ulong Finish(ulong x, ulong odd)
    {
        x ^= x >> 33;
        x *= odd;
        return x ^ (x >> 29);
    }
}
