using System.Buffers.Binary;
using DnsLb.Protocol;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Tests.Transfer.Tsig;

/// <summary>Keys and message surgery for the TSIG tests.</summary>
internal static class TsigTestKeys
{
    public static TsigKey Key(string algorithm = "hmac-sha256", string name = TsigVectors.KeyName, string secret = TsigVectors.Secret)
    {
        Assert.True(TsigKey.TryCreate(name, algorithm, secret, out var key, out var error), error);
        return key;
    }

    public static TsigKeyRing Ring(params TsigKey[] keys) => new(keys);

    /// <summary>
    /// The message without its TSIG record, found by the key name's bytes (independently of the code under
    /// test): what the signer was given. ARCOUNT is taken down by one.
    /// </summary>
    public static byte[] Unsigned(byte[] signed)
    {
        var keyName = DnsName.Parse(TsigVectors.KeyName).Wire.ToArray();
        int start = signed.AsSpan().LastIndexOf(keyName);
        Assert.True(start > 0);
        var bytes = signed[..start];
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), (ushort)(BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(10)) - 1));
        return bytes;
    }

    /// <summary>Signs <paramref name="unsigned"/> as a client, returning the signed bytes and the exchange.</summary>
    public static (byte[] Signed, TsigClientExchange Exchange) SignRequest(byte[] unsigned, TsigKey key, TimeProvider clock)
    {
        var buffer = new byte[4096];
        unsigned.CopyTo(buffer, 0);
        Assert.True(TsigClientExchange.TrySign(buffer, unsigned.Length, key, clock, out int length, out var exchange));
        return (buffer[..length], exchange);
    }

    /// <summary>Signs the next response message with a server exchange.</summary>
    public static byte[] SignResponse(TsigServerExchange exchange, byte[] unsigned)
    {
        var buffer = new byte[65535];
        unsigned.CopyTo(buffer, 0);
        Assert.True(exchange.TrySign(buffer, unsigned.Length, out int length));
        return buffer[..length];
    }
}
