using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DnsLb.Status;
using Microsoft.Extensions.Logging;

namespace DnsLb.Tests.Status;

/// <summary>POST …/drain and …/undrain: through IDrainControl, logged with who and when, 404 for what is not there, token and origin rules.</summary>
public sealed class DrainApiTests
{
    private const string Token = "s3cret-token-for-tests-0123";
    private const string DrainPath = $"/api/pools/{StatusSamples.Pool}/members/192.168.0.122/drain";

    [Fact]
    public async Task Drain_OnLoopback_DrainsThroughTheControl_AndLogsWhoAndWhen()
    {
        await using var status = await StatusHarness.StartAsync();
        using var response = await status.Client.PostAsync(DrainPath, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(StatusSamples.Pool, json.RootElement.GetProperty("pool").GetString());
        Assert.Equal("192.168.0.122", json.RootElement.GetProperty("address").GetString());
        Assert.True(json.RootElement.GetProperty("drained").GetBoolean());
        Assert.True(json.RootElement.GetProperty("changed").GetBoolean());

        var call = Assert.Single(status.Status.DrainCalls);
        Assert.Equal((StatusSamples.Pool, IPAddress.Parse("192.168.0.122"), true, DrainSource.Api), call);
        Assert.Equal(DrainSource.Api, status.Status.Member(StatusSamples.Pool, "192.168.0.122").Drain?.By);
        var line = Assert.Single(status.Log.Messages(LogLevel.Warning), m => m.Contains(" DRAINED", StringComparison.Ordinal));
        Assert.StartsWith($"pool {StatusSamples.Pool}: 192.168.0.122 DRAINED through the API at 20", line);
    }

    [Fact]
    public async Task Drain_Twice_ChangesOnce_AndUndrainPutsItBack()
    {
        await using var status = await StatusHarness.StartAsync();
        (await status.Client.PostAsync(DrainPath, null)).EnsureSuccessStatusCode();
        using var again = await status.Client.PostAsync(DrainPath, null);
        using (var json = JsonDocument.Parse(await again.Content.ReadAsStringAsync()))
            Assert.False(json.RootElement.GetProperty("changed").GetBoolean());

        using var undrain = await status.Client.PostAsync(DrainPath.Replace("/drain", "/undrain", StringComparison.Ordinal), null);
        Assert.Equal(HttpStatusCode.OK, undrain.StatusCode);
        Assert.False(status.Status.Member(StatusSamples.Pool, "192.168.0.122").Drained);
        Assert.Single(status.Log.Messages(), m => m.Contains(" DRAINED", StringComparison.Ordinal));
        Assert.Single(status.Log.Messages(), m => m.Contains("192.168.0.122 UNDRAINED through the API", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Drain_PoolNameInAnotherCaseWithAFinalDot_FindsThePool()
    {
        await using var status = await StatusHarness.StartAsync();
        using var response = await status.Client.PostAsync("/api/pools/TwoPir.Example.COM./members/192.168.0.121/drain", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(status.Status.Member(StatusSamples.Pool, "192.168.0.121").Drained);
    }

    [Theory]
    [InlineData("fd00%3A%3A7")]
    [InlineData("fd00:0:0::7")]
    public async Task Drain_OfAnIPv6Member_FindsItHoweverItIsWritten(string address)
    {
        await using var status = await StatusHarness.StartAsync();
        using var response = await status.Client.PostAsync($"/api/pools/{StatusSamples.SlowPool}/members/{address}/drain", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("fd00::7", json.RootElement.GetProperty("address").GetString());
        Assert.True(status.Status.Member(StatusSamples.SlowPool, "fd00::7").Drained);
    }

    [Theory]
    [InlineData("/api/pools/nope.example.com/members/192.168.0.121/drain", "no pool named nope.example.com")]
    [InlineData($"/api/pools/{StatusSamples.Pool}/members/192.168.0.99/drain", "has no member 192.168.0.99")]
    [InlineData($"/api/pools/{StatusSamples.Pool}/members/not-an-address/undrain", "has no member not-an-address")]
    public async Task Drain_OfWhatIsNotThere_Is404_WithTheReason(string path, string reason)
    {
        await using var status = await StatusHarness.StartAsync();
        using var response = await status.Client.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Drain_WithATokenSet_IsRefusedWithoutIt_OrWithAWrongOne()
    {
        await using var status = await StatusHarness.StartAsync(new Dictionary<string, string?> { ["Status:ApiToken"] = Token });
        using var none = await status.Client.PostAsync(DrainPath, null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);

        using var wrong = new HttpRequestMessage(HttpMethod.Post, DrainPath) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token + "x") } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await status.Client.SendAsync(wrong)).StatusCode);
        // Unknown pools are not told apart from known ones before the token is checked.
        Assert.Equal(HttpStatusCode.Unauthorized, (await status.Client.PostAsync("/api/pools/nope/members/1.2.3.4/drain", null)).StatusCode);
        Assert.Empty(status.Status.DrainCalls);

        using var right = new HttpRequestMessage(HttpMethod.Post, DrainPath) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        Assert.Equal(HttpStatusCode.OK, (await status.Client.SendAsync(right)).StatusCode);
        Assert.True(status.Status.Member(StatusSamples.Pool, "192.168.0.122").Drained);
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task Drain_SentByAnotherSitesPage_IsForbidden(string header, string value)
    {
        await using var status = await StatusHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, DrainPath);
        request.Headers.Add(header, value);
        Assert.Equal(HttpStatusCode.Forbidden, (await status.Client.SendAsync(request)).StatusCode);
        Assert.Empty(status.Status.DrainCalls);
    }

    [Fact]
    public async Task Drain_FromThePageItself_IsAccepted()
    {
        await using var status = await StatusHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, DrainPath);
        request.Headers.Add("Origin", status.BaseAddress!.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await status.Client.SendAsync(request)).StatusCode);
    }
}
