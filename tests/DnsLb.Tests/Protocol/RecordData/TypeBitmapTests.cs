using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;

namespace DnsLb.Tests.Protocol.RecordData;

/// <summary>The type bit maps of NSEC, NSEC3 and CSYNC (RFC 4034 §4.1.2).</summary>
public sealed class TypeBitmapTests
{
    [Fact]
    public void FromTypes_ManyWindows_WritesEachWindowOnceInOrderWithoutTrailingZeros()
    {
        var bitmap = TypeBitmap.FromTypes([(RecordType)65535, RecordType.A, (RecordType)40000, RecordType.CAA, RecordType.NS, RecordType.URI, (RecordType)1234, RecordType.A]);

        // Window 0 (A, NS), 1 (URI, CAA), 4 (1234), 156 (40000), 255 (65535): each as short as its last type allows.
        string expected = "000160" + "0101C0" + "041B" + new string('0', 52) + "20" + "9C09" + new string('0', 16) + "80" + "FF20" + new string('0', 62) + "01";
        Assert.Equal(expected, Convert.ToHexString(bitmap));
        Assert.True(TypeBitmap.IsValid(bitmap));
        Assert.Equal([RecordType.A, RecordType.NS, RecordType.URI, RecordType.CAA, (RecordType)1234, (RecordType)40000, (RecordType)65535], TypeBitmap.Types(bitmap));
    }

    [Fact]
    public void NsecText_EveryWindow_RoundTripsThroughTheWire()
    {
        var types = string.Join(' ', Enumerable.Range(0, 256).Select(w => $"TYPE{w * 256 + (w % 7)}"));
        var data = (NsecData)RDataText.Parse("NSEC", "next.example.com. " + types);

        Assert.Equal(256, TypeBitmap.Types(data.TypeBitmap).Count);
        Assert.Equal(data.ToWire(), RDataText.Read(RecordType.NSEC, data.ToWire()).ToWire());
        Assert.Equal(data.ToWire(), RDataText.Parse("NSEC", data.ToString()).ToWire());
    }

    [Theory]
    [InlineData("")] // no types at all (NSEC3 of an empty non-terminal)
    [InlineData("0001 40")]
    [InlineData("0001 40 FF20 0000000000000000000000000000000000000000000000000000000000000001")]
    public void IsValid_CanonicalBitmap_IsAccepted(string hex) => Assert.True(TypeBitmap.IsValid(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal))));

    [Theory]
    [InlineData("00")] // no length
    [InlineData("0000")] // empty window
    [InlineData("0021" + "40")] // length 33
    [InlineData("0002 40")] // runs past the end
    [InlineData("0002 4000")] // trailing zero octet
    [InlineData("0101 40 0001 40")] // windows out of order
    [InlineData("0001 40 0001 40")] // a window twice
    public void IsValid_MalformedBitmap_IsRejected(string hex) => Assert.False(TypeBitmap.IsValid(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal))));

    [Fact]
    public void NsecText_UnknownMnemonic_IsAnError() =>
        Assert.Contains("'FOO' is not a record type", RDataText.Error("NSEC", "next A FOO"), StringComparison.Ordinal);

    [Fact]
    public void NsecText_MetaAndRareTypes_AreWrittenAsTypeNumbers()
    {
        // Knot 3.2 rejects ANY in a bitmap and knows neither TA nor DLV: a zone file we write must load there.
        var data = (NsecData)RDataText.Parse("NSEC", "next.example.com. A TYPE255 TYPE32768 TYPE32769 WKS CAA");
        Assert.Equal("next.example.com. A TYPE11 TYPE255 CAA TYPE32768 TYPE32769", data.ToString());
    }
}
