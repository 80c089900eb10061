using System.Security.Cryptography;

namespace DnsLb.Transfer.Tsig;

/// <summary>
/// The rules every received MAC meets (RFC 8945 §5.2.2.1). A MAC may be truncated to its first octets, down
/// to the larger of 10 octets and half the hash; longer than the hash or shorter than that is FORMERR. Our
/// local policy accepts every truncation the RFC allows, so BADTRUNC (§5.2.4) is never sent; our own MACs are
/// never truncated. A truncated MAC is compared over its length, and is the request MAC a response covers.
/// </summary>
internal static class TsigMac
{
    public static bool HasAllowedLength(int length, TsigAlgorithm algorithm)
    {
        int full = TsigAlgorithms.MacLength(algorithm);
        return length <= full && length >= Math.Max(10, full / 2);
    }

    /// <summary>True when <paramref name="received"/> is the first octets of <paramref name="computed"/>; constant time.</summary>
    public static bool Matches(ReadOnlySpan<byte> computed, ReadOnlySpan<byte> received) =>
        received.Length <= computed.Length && CryptographicOperations.FixedTimeEquals(computed[..received.Length], received);

    /// <summary>Seconds since 1970 on <paramref name="time"/>'s clock: TSIG's Time Signed.</summary>
    public static long Now(TimeProvider time) => time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>RFC 8945 §5.2.3: the signature's time must lie within Fudge seconds of ours, either way.</summary>
    public static bool IsInWindow(long now, long timeSigned, ushort fudge) => Math.Abs(now - timeSigned) <= fudge;
}
