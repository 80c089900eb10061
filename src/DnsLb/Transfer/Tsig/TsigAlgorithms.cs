using System.Security.Cryptography;
using DnsLb.Protocol;

namespace DnsLb.Transfer.Tsig;

/// <summary>
/// What each <see cref="TsigAlgorithm"/> is on the wire and in configuration: its name (RFC 8945 §6, the
/// IANA "TSIG Algorithm Names" registry, as <c>keymgr -t</c> and <c>tsig-keygen</c> print it), the hash
/// behind it and the length of its MAC.
/// </summary>
public static class TsigAlgorithms
{
    private static readonly DnsName Sha1 = DnsName.Parse("hmac-sha1.");
    private static readonly DnsName Sha256 = DnsName.Parse("hmac-sha256.");
    private static readonly DnsName Sha384 = DnsName.Parse("hmac-sha384.");
    private static readonly DnsName Sha512 = DnsName.Parse("hmac-sha512.");

    /// <summary>The names configuration accepts, as BIND and Knot write them.</summary>
    public static readonly string[] Names = ["hmac-sha256", "hmac-sha512", "hmac-sha384", "hmac-sha1"];

    public static DnsName WireName(TsigAlgorithm algorithm) => algorithm switch
    {
        TsigAlgorithm.HmacSha256 => Sha256,
        TsigAlgorithm.HmacSha512 => Sha512,
        TsigAlgorithm.HmacSha384 => Sha384,
        _ => Sha1,
    };

    /// <summary>The MAC's full length in bytes (the hash's output length).</summary>
    public static int MacLength(TsigAlgorithm algorithm) => algorithm switch
    {
        TsigAlgorithm.HmacSha256 => 32,
        TsigAlgorithm.HmacSha512 => 64,
        TsigAlgorithm.HmacSha384 => 48,
        _ => 20,
    };

    internal static HashAlgorithmName Hash(TsigAlgorithm algorithm) => algorithm switch
    {
        TsigAlgorithm.HmacSha256 => HashAlgorithmName.SHA256,
        TsigAlgorithm.HmacSha512 => HashAlgorithmName.SHA512,
        TsigAlgorithm.HmacSha384 => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA1,
    };

    /// <summary>Reads a configured algorithm name, any case, with or without the final dot (<c>hmac-sha256</c>).</summary>
    public static bool TryParse(string text, out TsigAlgorithm algorithm)
    {
        var name = text.Trim().TrimEnd('.');
        for (int i = 0; i < Names.Length; i++)
        {
            if (name.Equals(Names[i], StringComparison.OrdinalIgnoreCase))
            {
                algorithm = (TsigAlgorithm)i;
                return true;
            }
        }
        algorithm = default;
        return false;
    }

    /// <summary>The algorithm a TSIG record names (an uncompressed wire name, any case), if we implement it.</summary>
    public static bool TryFromWire(ReadOnlySpan<byte> name, out TsigAlgorithm algorithm)
    {
        foreach (var candidate in Enum.GetValues<TsigAlgorithm>())
        {
            if (Protocol.WireName.EqualsIgnoreCase(name, WireName(candidate).Wire))
            {
                algorithm = candidate;
                return true;
            }
        }
        algorithm = default;
        return false;
    }

    public static string Name(TsigAlgorithm algorithm) => Names[(int)algorithm];
}
