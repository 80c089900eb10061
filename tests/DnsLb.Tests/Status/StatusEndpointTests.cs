using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DnsLb.Tests.Status;

/// <summary>The endpoint's pages and rules: one self-contained HTML page, methods, unknown paths, the loopback host check.</summary>
public sealed partial class StatusEndpointTests
{
    [Fact]
    public async Task GetPage_IsOneDocument_ThatLoadsNothingFromElsewhere()
    {
        await using var status = await StatusHarness.StartAsync();
        using var response = await status.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        string html = await response.Content.ReadAsStringAsync();

        // No reference to anything outside: no URL with a scheme or a protocol-relative one, no src= or <link href=.
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        string css = Between(html, "<style>", "</style>");
        Assert.DoesNotContain("@import", css, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", css, StringComparison.OrdinalIgnoreCase);

        // The policy allows exactly the inline style and script (by hash) and requests to this origin.
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none';", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Contains($"'sha256-{Sha256(css)}'", policy);
        Assert.Contains($"'sha256-{Sha256(Between(html, "<script>", "</script>"))}'", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("POST", "/")]
    [InlineData("PUT", "/api/status")]
    [InlineData("DELETE", "/metrics")]
    [InlineData("GET", "/api/pools/twopir.example.com/members/192.168.0.121/drain")]
    public async Task WrongMethod_Is405_NamingTheRightOne(string method, string path)
    {
        await using var status = await StatusHarness.StartAsync();
        using var response = await status.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(method == "GET" ? "POST" : "GET", response.Content.Headers.Allow.Single());
        Assert.Empty(status.Status.DrainCalls);
    }

    [Theory]
    [InlineData("/index.html")]
    [InlineData("/api/pools/twopir.example.com/members/192.168.0.121")]
    [InlineData("/api/pools//members/192.168.0.121/drain")]
    public async Task UnknownPath_Is404(string path)
    {
        await using var status = await StatusHarness.StartAsync();
        using var response = await status.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("192.168.0.10")]
    public async Task Request_OnLoopback_UnderAnotherHostName_IsMisdirected(string host)
    {
        await using var status = await StatusHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.Host = $"{host}:{status.BaseAddress!.Port}";
        Assert.Equal(HttpStatusCode.MisdirectedRequest, (await status.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Request_OnLoopback_AsLocalhost_IsServed()
    {
        await using var status = await StatusHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.Host = $"localhost:{status.BaseAddress!.Port}";
        Assert.Equal(HttpStatusCode.OK, (await status.Client.SendAsync(request)).StatusCode);
    }

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static string Sha256(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
