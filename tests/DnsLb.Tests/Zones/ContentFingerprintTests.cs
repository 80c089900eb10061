using System.Text;
using DnsLb.Zones;

namespace DnsLb.Tests.Zones;

/// <summary>The fingerprint a reload compares to tell whether a zone's files changed.</summary>
public sealed class ContentFingerprintTests
{
    private const string Zone = "$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 60\n@ IN NS ns1\nns1 IN A 127.0.0.1\n";

    private static byte[] Of(params string[] parts)
    {
        var fingerprint = new ContentFingerprint();
        foreach (var part in parts)
            fingerprint.Append(Encoding.UTF8.GetBytes(part));
        return fingerprint.ToArray();
    }

    [Fact]
    public void ToArray_OfTheSameContent_IsTheSame()
    {
        Assert.Equal(Of("zones/example.com.zone", Zone), Of("zones/example.com.zone", Zone));
        Assert.Equal(16, Of(Zone).Length);
    }

    [Fact]
    public void ToArray_AfterAnyOneByteIsChanged_IsDifferent()
    {
        var before = Of(Zone);
        var bytes = Encoding.UTF8.GetBytes(Zone);
        for (int i = 0; i < bytes.Length; i++)
        {
            var edited = (byte[])bytes.Clone();
            edited[i] ^= 0x01;
            var fingerprint = new ContentFingerprint();
            fingerprint.Append(edited);
            Assert.NotEqual(before, fingerprint.ToArray());
        }
    }

    [Fact]
    public void ToArray_OfALineAddedOrRemoved_IsDifferent()
    {
        Assert.NotEqual(Of(Zone), Of(Zone + "www IN A 127.0.0.2\n"));
        Assert.NotEqual(Of(Zone), Of(Zone[..^1]));
        Assert.NotEqual(Of(Zone), Of(Zone + "\0"));
    }

    [Fact]
    public void ToArray_OfTheSameBytesSplitDifferently_IsDifferent()
    {
        Assert.NotEqual(Of("zones/a.zone", "\n" + Zone), Of("zones/a.zone\n", Zone));
        Assert.NotEqual(Of(), Of(""));
    }
}
