using DnsLb.Status;

namespace DnsLb.Tests.Status;

/// <summary>Realistic status pictures: the example zone's pool of three Pis, a second zone with a failed reload, a pool with a long TTL.</summary>
internal static class StatusSamples
{
    public const string Pool = "twopir.example.com";
    public const string SlowPool = "api.lab.home.arpa";

    public static StatusSnapshot Lab(DateTimeOffset now)
    {
        var defaults = new ProbeTiming(1000, 1000, 250, 2, 2);
        ProbeReport Ok(double ms, string reason = "HTTP 200") => new(ProbeVerdict.Ok, reason, ms, now.AddMilliseconds(-400));
        MemberTransition Went(MemberState from, MemberState to, string reason, double minutesAgo) => new(from, to, reason, now.AddMinutes(-minutesAgo));
        return new StatusSnapshot(
            [
                new ZoneStatus("example.com.", 2026112104, 11, "zones/example.com.zone", now.AddMinutes(-12), null, null, 4, 0),
                new ZoneStatus("lab.home.arpa.", 2026110901, 27, "zones/lab.home.arpa.zone", now.AddHours(-3),
                    "zones/lab.home.arpa.zone:14: '192.168.0.300' is not an IPv4 address", now.AddMinutes(-2), 1, 1),
            ],
            [
                new PoolStatus(Pool, 5, "HTTP GET :80/ expecting 200-399", defaults,
                [
                    new MemberStatus("192.168.0.121", MemberState.Up, null, false, null, Ok(1.8), now.AddMinutes(-47), 2841, 3,
                        [Went(MemberState.Down, MemberState.Up, "HTTP 200", 47), Went(MemberState.Up, MemberState.Down, "connection refused", 49)]),
                    new MemberStatus("192.168.0.122", MemberState.Up, null, false, null, Ok(2.4), now.AddHours(-5), 17_020, 0,
                        [Went(MemberState.Unknown, MemberState.Up, "HTTP 200", 300)]),
                    new MemberStatus("192.168.0.123", MemberState.Up, null, false, null, Ok(3.1), now.AddHours(-5), 16_998, 1,
                        [Went(MemberState.Unknown, MemberState.Up, "HTTP 200", 300)]),
                ]),
                new PoolStatus(SlowPool, 300, "TCP connect :5432", new ProbeTiming(5000, 2000, 500, 3, 3),
                [
                    new MemberStatus("10.0.0.7", MemberState.Up, null, false, null, Ok(0.6, "connected"), now.AddDays(-2), 34_560, 12, []),
                    new MemberStatus("10.0.0.8", MemberState.Unknown, null, false, null, null, null, 0, 0, []),
                    new MemberStatus("fd00::7", MemberState.Up, null, false, null, Ok(0.9, "connected"), now.AddDays(-2), 34_551, 9, []),
                ]),
            ]);
    }
}
