using System.Net;
using System.Text.Json;
using DnsLb.Status;

namespace DnsLb.Tests.Status;

/// <summary>GET /api/status: the documented JSON shape, read from the source on every request.</summary>
public sealed class StatusApiTests
{
    [Fact]
    public async Task GetStatus_ReturnsZonesAndPools_InTheDocumentedShape()
    {
        await using var status = await StatusHarness.StartAsync();
        using var response = await status.Client.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.False(root.GetProperty("drainRequiresToken").GetBoolean());
        Assert.True(root.GetProperty("at").TryGetDateTimeOffset(out _));

        var zone = root.GetProperty("zones")[1];
        Assert.Equal("lab.home.arpa.", zone.GetProperty("name").GetString());
        Assert.Equal(2026110901u, zone.GetProperty("serial").GetUInt32());
        Assert.Equal(27, zone.GetProperty("records").GetInt32());
        Assert.Equal("zones/lab.home.arpa.zone", zone.GetProperty("sourceFile").GetString());
        Assert.True(zone.GetProperty("lastReload").TryGetDateTimeOffset(out _));
        Assert.StartsWith("zones/lab.home.arpa.zone:14:", zone.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("zones")[0].GetProperty("lastError").ValueKind);

        var pool = root.GetProperty("pools")[0];
        Assert.Equal(StatusSamples.Pool, pool.GetProperty("name").GetString());
        Assert.Equal(5, pool.GetProperty("ttlSeconds").GetInt32());
        Assert.Equal(1000, pool.GetProperty("timing").GetProperty("intervalMs").GetInt32());
        Assert.Equal(7.35, pool.GetProperty("failoverBudget").GetProperty("totalSeconds").GetDouble());
        Assert.False(pool.GetProperty("failoverBudget").GetProperty("isLong").GetBoolean());

        var member = pool.GetProperty("members")[0];
        Assert.Equal("192.168.0.121", member.GetProperty("address").GetString());
        Assert.Equal("up", member.GetProperty("state").GetString());
        Assert.False(member.GetProperty("drained").GetBoolean());
        Assert.False(member.GetProperty("safeToStop").GetBoolean());
        Assert.Equal("ok", member.GetProperty("lastProbe").GetProperty("result").GetString());
        Assert.Equal("HTTP 200", member.GetProperty("lastProbe").GetProperty("reason").GetString());
        Assert.Equal(1.8, member.GetProperty("lastProbe").GetProperty("latencyMs").GetDouble());
        Assert.True(member.GetProperty("lastChange").TryGetDateTimeOffset(out _));
        var transition = member.GetProperty("transitions")[0];
        Assert.Equal(("down", "up"), (transition.GetProperty("from").GetString(), transition.GetProperty("to").GetString()));

        var unprobed = root.GetProperty("pools")[1].GetProperty("members")[1];
        Assert.Equal("unknown", unprobed.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, unprobed.GetProperty("lastProbe").ValueKind);
        Assert.True(root.GetProperty("pools")[1].GetProperty("failoverBudget").GetProperty("isLong").GetBoolean());
    }

    [Fact]
    public async Task GetStatus_AfterAMemberWentDownAndWasDrained_SaysSo()
    {
        await using var status = await StatusHarness.StartAsync();
        status.Status.SetState(StatusSamples.Pool, "192.168.0.123", MemberState.Down, "connection refused", 0.4);
        status.Status.Drain(StatusSamples.Pool, IPAddress.Parse("192.168.0.123"), DrainSource.File);
        status.Status.SetSafeToStop(StatusSamples.Pool, "192.168.0.123", true);

        using var json = JsonDocument.Parse(await status.Client.GetStringAsync("/api/status"));
        var member = json.RootElement.GetProperty("pools")[0].GetProperty("members")[2];
        Assert.Equal("down", member.GetProperty("state").GetString());
        Assert.True(member.GetProperty("drained").GetBoolean());
        Assert.Equal("file", member.GetProperty("drain").GetProperty("by").GetString());
        Assert.True(member.GetProperty("safeToStop").GetBoolean());
        Assert.Equal("failed", member.GetProperty("lastProbe").GetProperty("result").GetString());
        Assert.Equal("connection refused", member.GetProperty("lastProbe").GetProperty("reason").GetString());
        Assert.Equal(("up", "down"), (member.GetProperty("transitions")[0].GetProperty("from").GetString(), member.GetProperty("transitions")[0].GetProperty("to").GetString()));
    }

    [Fact]
    public async Task GetStatus_WithATokenSet_SaysDrainNeedsIt()
    {
        await using var status = await StatusHarness.StartAsync(new Dictionary<string, string?> { ["Status:ApiToken"] = "0123456789abcdef0123" });
        using var json = JsonDocument.Parse(await status.Client.GetStringAsync("/api/status"));
        Assert.True(json.RootElement.GetProperty("drainRequiresToken").GetBoolean());
    }
}
