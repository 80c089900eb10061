using DnsLb.Protocol.RecordData;

namespace DnsLb.Tests.Protocol.RecordData;

/// <summary>LOC (RFC 1876): angles, altitude and sizes at and beyond their limits.</summary>
public sealed class LocDataTests
{
    [Theory]
    // RFC 1876's example: 42°21'54" = 152,514,000 thousandths above 2^31; -24 m = 10,000,000 - 2,400 cm.
    [InlineData("42 21 54 N 71 06 18 W -24m 30m", "00331613 89172DD0 70BE15F0 00988D20")]
    // 90° = 324,000,000 and 180° = 648,000,000 thousandths; the highest altitude fills 32 bits.
    [InlineData("90 S 180 E 42849672.95m 90000000m 90000000m 90000000m", "00999999 6CB02700 A69FB200 FFFFFFFF")]
    [InlineData("90 N 180 W -100000.00m 0 0 0", "00000000 934FD900 59604E00 00000000")]
    [InlineData("0 0 0.001 S 0 0 0 E 0m", "00121613 7FFFFFFF 80000000 00989680")]
    public void Parse_EdgeValues_GiveTheRfc1876WireForm(string text, string hex)
    {
        Assert.Equal(hex.Replace(" ", "", StringComparison.Ordinal), Convert.ToHexString(RDataText.Parse("LOC", text).ToWire()));
    }

    [Theory]
    [InlineData("52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m", "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m")]
    [InlineData("37 46 S 144 58 10.5 E 12.34 5.5m 0.01 0.10m", "37 46 0.000 S 144 58 10.500 E 12.34m 5m 0.01m 0.10m")]
    [InlineData("1 2 3.456 n 7 8 9.1 w 0.5m", "1 2 3.456 N 7 8 9.100 W 0.50m 1m 10000m 10m")]
    public void Format_AsBindPrintsIt(string text, string expected)
    {
        Assert.Equal(expected, RDataText.Parse("LOC", text).ToString());
    }

    [Theory]
    [InlineData("91 N 0 E 0m", "'91' is not a valid degree")]
    [InlineData("90 1 N 0 E 0m", "beyond 90 degrees")]
    [InlineData("0 N 181 E 0m", "'181' is not a valid degree")]
    [InlineData("0 N 180 0 0.001 E 0m", "beyond 180 degrees")]
    [InlineData("0 60 N 0 E 0m", "not a valid minute")]
    [InlineData("0 0 60 N 0 E 0m", "not a valid second")]
    [InlineData("0 0 1.2345 N 0 E 0m", "not a valid second")]
    [InlineData("0 0 0 0 N 0 E 0m", "where the hemisphere")]
    [InlineData("0 X 0 E 0m", "not a valid minute")]
    [InlineData("0 N 0 N 0m", "not a valid minute")]
    [InlineData("0 N 0 E -100000.01m", "altitude")]
    [InlineData("0 N 0 E 42849672.96m", "altitude")]
    [InlineData("0 N 0 E 0m 90000000.01m", "LOC size")]
    [InlineData("0 N 0 E 0m 1m -1m", "LOC horizontal precision")]
    [InlineData("0 N 0 E 1.234m", "altitude")]
    [InlineData("0 N 0 E", "ends before its altitude")]
    [InlineData("0 N 0 E 0m 1m 1m 1m 1m", "unexpected field")]
    public void Parse_OutOfRangeOrMalformed_IsAnError(string text, string expected)
    {
        Assert.Contains(expected, RDataText.Error("LOC", text), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnotherVersion_IsKeptOpaque()
    {
        var data = RDataText.Read(DnsLb.Protocol.RecordType.LOC, [1, 2, 3]);
        Assert.IsType<UnknownData>(data);
        Assert.Equal("\\# 3 010203", data.ToString());
    }
}
