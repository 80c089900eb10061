using System.Net;
using DnsLb.Protocol;
using DnsLb.Status;
using DnsLb.Tests.Status.Metrics;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Status.Live;

/// <summary>
/// Drain and undrain on a running DnsLb, through the API and through the drain directory: the member
/// leaves every section of every answer that carries its pool and comes back, is still probed and shown,
/// and the log says who did it and when. A file's drain is undone only by removing the file.
/// </summary>
public sealed class LiveDrainTests
{
    private const string Node = "127.0.0.12";
    private static readonly string[] Others = ["127.0.0.11", "127.0.0.13"];

    private static void AssertEverySectionCarries(LiveServer live, string[] expected, string what)
    {
        foreach (var carrier in LiveServer.Carriers)
            Assert.True(live.AddressesIn(carrier).SequenceEqual(expected), $"{what}: {carrier.Name} {carrier.Type} carries [{string.Join(", ", live.AddressesIn(carrier))}]");
    }

    [Fact]
    public async Task ApiDrain_TakesTheMemberOutOfEverySection_StillProbed_AndUndrainPutsItBack()
    {
        await using var live = await LiveServer.StartAsync();
        await live.WaitAllUpAsync();
        AssertEverySectionCarries(live, LiveServer.Members, "before");

        var (status, body) = await live.PostAsync(Node, "drain");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((LiveServer.Pool, Node, true, true),
            (body.GetProperty("pool").GetString(), body.GetProperty("address").GetString(), body.GetProperty("drained").GetBoolean(), body.GetProperty("changed").GetBoolean()));
        AssertEverySectionCarries(live, Others, "drained"); // at once: the drain is in force when the POST is answered

        var drained = await live.MemberAsync(Node);
        Assert.Equal(DrainSource.Api, drained.Drain?.By);
        Assert.Null(drained.Drain?.File);
        Assert.NotNull(drained.OutOfAnswersSince);
        Assert.Equal(MemberState.Up, drained.State);
        await live.WaitForMemberAsync(Node, m => m.LastProbe!.At > drained.LastProbe!.At, "probed while drained");
        Assert.Contains(live.Server.Log.Lines, l => l.StartsWith($"WRN pool {LiveServer.Pool}: {Node} DRAINED through the API at 20", StringComparison.Ordinal));
        Assert.Equal(1, PrometheusText.Value(await live.MetricsAsync(), "dnslb_member_drained", ("pool", LiveServer.Pool), ("member", Node)));

        var (again, againBody) = await live.PostAsync(Node, "drain");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.False(againBody.GetProperty("changed").GetBoolean());

        (status, _) = await live.PostAsync(Node, "undrain");
        Assert.Equal(HttpStatusCode.OK, status);
        AssertEverySectionCarries(live, LiveServer.Members, "undrained");
        var back = await live.MemberAsync(Node);
        Assert.Null(back.Drain);
        Assert.Null(back.OutOfAnswersSince);
        Assert.Contains(live.Server.Log.Lines, l => l.StartsWith($"INF pool {LiveServer.Pool}: {Node} UNDRAINED through the API at 20", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FileDrain_InADirectoryCreatedLater_TakesTheAddressOut_OnlyRemovingTheFileUndrains()
    {
        await using var live = await LiveServer.StartAsync();
        await live.WaitAllUpAsync();
        Assert.False(Directory.Exists(live.Server.DrainDirectory));
        Assert.Contains(live.Server.Log.Lines, l => l.StartsWith($"INF drain directory {live.Server.DrainDirectory} does not exist", StringComparison.Ordinal));

        var file = live.TouchDrainFile(Node);
        await live.WaitForAnswersAsync(Others, "drained by its file");
        var drained = await live.MemberAsync(Node);
        Assert.Equal((DrainSource.File, file), (drained.Drain?.By, drained.Drain?.File));
        await Eventually.True(() => live.Server.Log.Contains($"{Node} DRAINED through the drain directory"), "the drain logged");

        var (refused, error) = await live.PostAsync(Node, "undrain");
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Equal($"{Node} is drained by the file {file}: remove the file to undrain it", error.GetProperty("error").GetString());
        AssertEverySectionCarries(live, Others, "an API undrain does not undo a file");

        File.Delete(file);
        await live.WaitForAnswersAsync(LiveServer.Members, "its file removed");
        Assert.Null((await live.MemberAsync(Node)).Drain);
        await Eventually.True(() => live.Server.Log.Contains($"{Node} UNDRAINED through the drain directory"), "the undrain logged");
    }

    [Fact]
    public async Task FileDrain_AndApiDrain_EachHoldTheMember_UntilBothAreUndone()
    {
        await using var live = await LiveServer.StartAsync();
        await live.WaitAllUpAsync();
        var (status, _) = await live.PostAsync(Node, "drain");
        Assert.Equal(HttpStatusCode.OK, status);
        var file = live.TouchDrainFile(Node);
        await live.WaitForMemberAsync(Node, m => m.Drain?.By == DrainSource.File, "held by the file too");

        File.Delete(file);
        await live.WaitForMemberAsync(Node, m => m.Drain?.By == DrainSource.Api, "held by the API alone");
        AssertEverySectionCarries(live, Others, "still drained through the API");
        (status, _) = await live.PostAsync(Node, "undrain");
        Assert.Equal(HttpStatusCode.OK, status);
        AssertEverySectionCarries(live, LiveServer.Members, "undrained");
    }

    [Fact]
    public async Task FileDrain_NamedWithDashes_DrainsAnIPv6Member_WhichIsStillAnsweredWhileItIsTheOnlyHealthyAaaa()
    {
        const string zone = LiveServer.Zone + "twopir 1 IN AAAA ::1\n";
        await using var live = await LiveServer.StartAsync(zone: zone, members: ["127.0.0.11", "127.0.0.12", "127.0.0.13", "::1"]);
        await live.WaitAllUpAsync();

        var file = live.TouchDrainFile("0-0-0-0-0-0-0-1");
        var drained = await live.WaitForMemberAsync("::1", m => m.Drained, "drained by its file");
        Assert.Equal((DrainSource.File, file), (drained.Drain!.By, drained.Drain.File));
        var (status, body) = await live.PostAsync("0:0::1", "drain");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("changed").GetBoolean());

        // A drain never leaves a name without a working address: no other AAAA member is up, so ::1 is answered,
        // and it is not safe to stop.
        var aaaa = DnsTestClient.Udp(live.Server.Port, "twopir.example.com.", RecordType.AAAA);
        Assert.Equal(["::1"], aaaa.Answers.Select(a => a.Data.ToString()));
        var again = await live.MemberAsync("::1");
        Assert.Null(again.OutOfAnswersSince);
        Assert.False(again.SafeToStop);
        Assert.Equal(LiveServer.Members, live.Answered());
    }
}
