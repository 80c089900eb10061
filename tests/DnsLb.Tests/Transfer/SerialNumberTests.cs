using DnsLb.Transfer;

namespace DnsLb.Tests.Transfer;

/// <summary>RFC 1982 serial arithmetic, the examples of its §5 among them.</summary>
public sealed class SerialNumberTests
{
    [Theory]
    [InlineData(1u, 2u, -1)]
    [InlineData(2u, 1u, 1)]
    [InlineData(5u, 5u, 0)]
    [InlineData(0xFFFFFFFFu, 0u, -1)]          // wraps: 0 is newer than 4294967295
    [InlineData(0u, 0xFFFFFFFFu, 1)]
    [InlineData(0u, 0x7FFFFFFFu, -1)]          // 2^31 − 1 ahead: newer
    [InlineData(0x7FFFFFFFu, 0u, 1)]
    [InlineData(1u, 0x80000001u, null)]        // exactly 2^31 apart: undefined
    [InlineData(0u, 0x80000000u, null)]
    public void Compare_FollowsTheCircle(uint a, uint b, int? expected) => Assert.Equal(expected, SerialNumber.Compare(new(a), new(b)));

    [Fact]
    public void Add_Wraps() => Assert.Equal(new SerialNumber(1), new SerialNumber(0xFFFFFFFF).Add(2));

    [Fact]
    public void Add_MoreThanHalfTheCircle_IsNotAllowed() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SerialNumber(1).Add(0x80000000));

    [Theory]
    [InlineData(10u, null, 10u)]           // first version: the file's serial
    [InlineData(11u, 10u, 11u)]            // the file was raised: its serial
    [InlineData(10u, 10u, 11u)]            // not raised (edit, or a health change): one above
    [InlineData(3u, 10u, 11u)]             // lowered in the file: still one above, never backwards
    [InlineData(0u, 0xFFFFFFFFu, 0u)]      // raised across the wrap
    [InlineData(5u, 0xFFFFFFFFu, 5u)]
    [InlineData(0xFFFFFFFFu, 0xFFFFFFFFu, 0u)] // one above wraps to 0, which is newer
    public void Next_NeverGoesBackwards(uint content, uint? last, uint expected)
    {
        var next = SerialNumber.Next(new SerialNumber(content), last is uint l ? new SerialNumber(l) : null);
        Assert.Equal(expected, next.Value);
        if (last is uint previous)
            Assert.True(next.IsNewerThan(new SerialNumber(previous)));
    }

    [Fact]
    public void Next_FileHalfTheCircleAway_GoesOneAbove() =>
        Assert.Equal(11u, SerialNumber.Next(new SerialNumber(0x8000000A), new SerialNumber(10)).Value);
}
