using DnsLb.Protocol.Presentation;

namespace DnsLb.Tests.Protocol.RecordData;

/// <summary>Base 64, base 16 and base 32 (extended hex) as record data writes them (RFC 4648).</summary>
public sealed class EncodingTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("AA==", "00")]
    [InlineData("AAE=", "0001")]
    [InlineData("AAEC", "000102")]
    [InlineData("+/+/", "FBFFBF")]
    public void Base64_ValidText_Decodes(string text, string hex)
    {
        Assert.True(Base64.TryDecode(text, out var bytes));
        Assert.Equal(hex, Convert.ToHexString(bytes));
        Assert.Equal(text, Base64.Encode(bytes));
    }

    [Theory]
    [InlineData("A")]
    [InlineData("AAE")]
    [InlineData("AA=A")]
    [InlineData("A===")]
    [InlineData("AA-_")]
    [InlineData("AA A")]
    public void Base64_OddOrForeignText_IsRejected(string text) => Assert.False(Base64.TryDecode(text, out _));

    [Theory]
    [InlineData("DHCID", "AAE", "is not base64")]
    [InlineData("DHCID", "\"AAEC\" =", "is not base64")]
    [InlineData("OPENPGPKEY", "", "has no data")]
    [InlineData("DNSKEY", "257 3 13", "ends before its public key")]
    [InlineData("CERT", "PGP 0 0 A", "is not base64")]
    public void Base64Field_OddOrMissing_IsAnError(string type, string text, string expected) =>
        Assert.Contains(expected, RDataText.Error(type, text), StringComparison.Ordinal);

    [Fact]
    public void Base64Field_SplitAnywhere_IsJoinedFirst()
    {
        Assert.Equal(RDataText.Parse("DHCID", "AAECAw==").ToWire(), RDataText.Parse("DHCID", "( A AE CAw = = )").ToWire());
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("g0", "80")]
    [InlineData("co", "66")] // RFC 4648 §10: BASE32-HEX("f") = "CO======"
    [InlineData("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom", "065368ABEED7EC6E9FEBA96B8C8BC3E8B791F716")]
    [InlineData("cpnmuoj1e8", "666F6F626172")] // BASE32-HEX("foobar") = "CPNMUOJ1E8======"
    public void Base32Hex_RoundTrips(string text, string hex)
    {
        Assert.True(Base32Hex.TryDecode(text.ToUpperInvariant(), out var bytes));
        Assert.Equal(hex, Convert.ToHexString(bytes));
        Assert.Equal(text, Base32Hex.Encode(bytes));
    }

    [Theory]
    [InlineData("0")] // 1 character: no whole byte
    [InlineData("0g0")] // 3
    [InlineData("0h")] // leftover bits set
    [InlineData("w0")] // outside the alphabet
    public void Base32Hex_ImpossibleText_IsRejected(string text) => Assert.False(Base32Hex.TryDecode(text, out _));

    [Theory]
    [InlineData("SSHFP", "1 1 ABC", "is not an even number of hexadecimal digits")]
    [InlineData("TLSA", "3 1 1 XY", "is not an even number of hexadecimal digits")]
    [InlineData("DS", "1 8 2", "ends before its digest")]
    [InlineData("ZONEMD", "1 1 1 0G", "hexadecimal")]
    public void Base16Field_OddOrMissing_IsAnError(string type, string text, string expected) =>
        Assert.Contains(expected, RDataText.Error(type, text), StringComparison.Ordinal);
}
