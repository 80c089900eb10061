using System.Net;
using DnsLb.Status;
using Microsoft.Playwright;

namespace DnsLb.Tests.Status.Browser;

/// <summary>
/// The status page in a real browser (headless Chromium) against the endpoint, with a scriptable status:
/// it follows a member going down and coming back without reloading, its drain button drains through
/// IDrainControl and shows the member drained, it asks for the token when one is needed, and it loads
/// nothing from anywhere but the endpoint, with no script error and nothing blocked by its own policy.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class StatusPageBrowserTests(ChromiumSession chromium)
{
    private const string Row = ".member[data-address='192.168.0.122']";

    private static async Task<WatchedPage> OpenAsync(ChromiumSession chromium, StatusHarness status)
    {
        var tab = await chromium.NewPageAsync();
        await tab.Page.GotoAsync(status.BaseAddress!.ToString());
        await tab.WaitForAsync($"{Row}[data-state='up']");
        // Marks this document: a reload would lose it.
        await tab.Page.EvaluateAsync("() => { window.dnslbTestMark = 42; }");
        return tab;
    }

    private static async Task AssertNotReloadedAsync(WatchedPage tab) =>
        Assert.Equal(42, await tab.Page.EvaluateAsync<int>("() => window.dnslbTestMark"));

    private static void AssertOnlyTheEndpointWasAsked(WatchedPage tab, StatusHarness status)
    {
        Assert.Empty(tab.Errors);
        Assert.NotEmpty(tab.Requests);
        Assert.All(tab.Requests, url => Assert.StartsWith(status.BaseAddress!.ToString(), url));
    }

    [Fact]
    public async Task Page_ShowsAMemberGoingDownAndComingBack_WithoutReloading()
    {
        await using var status = await StatusHarness.StartAsync();
        await using var tab = await OpenAsync(chromium, status);
        var page = tab.Page;
        Assert.Equal("Up", await page.InnerTextAsync($"{Row} .pill.up"));

        status.Status.SetState(StatusSamples.Pool, "192.168.0.122", MemberState.Down, "connection refused", 0.4);
        await tab.WaitForAsync($"{Row}[data-state='down'] .pill.down");
        Assert.Equal("Down", await page.InnerTextAsync($"{Row} .pill.down"));
        Assert.Contains("connection refused", await page.InnerTextAsync($"{Row} .probe"));
        Assert.Contains("is-down", await page.GetAttributeAsync(Row, "class"));
        Assert.Equal("Down", await page.InnerTextAsync($"{Row} .history li:first-child .to"));
        Assert.StartsWith("(1 down)", await page.TitleAsync());

        status.Status.SetState(StatusSamples.Pool, "192.168.0.122", MemberState.Up, "HTTP 200", 2.1);
        await tab.WaitForAsync($"{Row}[data-state='up'] .pill.up");
        Assert.DoesNotContain("is-down", await page.GetAttributeAsync(Row, "class"));
        Assert.Equal(["Up", "Down", "Up"], await page.Locator($"{Row} .history .to").AllInnerTextsAsync());
        Assert.Equal("DnsLb status", await page.TitleAsync());

        await AssertNotReloadedAsync(tab);
        Assert.True(status.Status.Reads >= 3, "the page read /api/status again");
        AssertOnlyTheEndpointWasAsked(tab, status);
    }

    [Fact]
    public async Task DrainButton_DrainsThroughTheControl_AndThePageShowsItDrained()
    {
        await using var status = await StatusHarness.StartAsync();
        await using var tab = await OpenAsync(chromium, status);
        var page = tab.Page;

        await page.ClickAsync($"{Row} button:has-text('Drain')");
        await tab.WaitForAsync($"{Row} .pill.drained");
        Assert.Equal((StatusSamples.Pool, IPAddress.Parse("192.168.0.122"), true, DrainSource.Api), Assert.Single(status.Status.DrainCalls));
        Assert.Equal("Drained · API", await page.TextContentAsync($"{Row} .pill.drained"));
        Assert.Contains("drained", await page.InnerTextAsync("#toast"));
        Assert.StartsWith("Safe to stop in", await page.InnerTextAsync($"{Row} .stop"));

        status.Status.SetSafeToStop(StatusSamples.Pool, "192.168.0.122", true);
        await tab.WaitForAsync($"{Row} .stop.safe");
        Assert.Equal("✓ Safe to stop", await page.InnerTextAsync($"{Row} .stop"));

        await page.ClickAsync($"{Row} button:has-text('Undrain')");
        await tab.WaitForAsync($"{Row} button:has-text('Drain'):not(:has-text('Undrain'))");
        Assert.Equal(0, await page.Locator($"{Row} .pill.drained").CountAsync());
        Assert.False(status.Status.Member(StatusSamples.Pool, "192.168.0.122").Drained);

        await AssertNotReloadedAsync(tab);
        AssertOnlyTheEndpointWasAsked(tab, status);
    }

    [Fact]
    public async Task DrainButton_WithATokenRequired_AsksForIt_AndRetriesWithIt()
    {
        const string token = "tok-0123456789abcdef";
        await using var status = await StatusHarness.StartAsync(new Dictionary<string, string?> { ["Status:ApiToken"] = token });
        await using var tab = await OpenAsync(chromium, status);
        var page = tab.Page;

        await page.ClickAsync($"{Row} button:has-text('Drain')");
        await tab.WaitForAsync("#token-dialog[open]");
        Assert.True(await page.Locator("#token-error").IsHiddenAsync());
        await page.FillAsync("#token-input", "wrong-token-000000");
        await page.ClickAsync("#token-dialog button[type='submit']");
        await tab.WaitForAsync("#token-dialog[open] #token-error");
        Assert.Empty(status.Status.DrainCalls); // a wrong token never reaches the control

        await page.FillAsync("#token-input", token);
        await page.ClickAsync("#token-dialog button[type='submit']");
        await tab.WaitForAsync($"{Row} .pill.drained");
        Assert.Single(status.Status.DrainCalls);
        Assert.False(await page.Locator("#token-dialog").IsVisibleAsync());

        // The token is kept for the tab: undrain asks no more.
        await page.ClickAsync($"{Row} button:has-text('Undrain')");
        await tab.WaitForAsync($"{Row}:not(.is-drained)");
        Assert.Equal(2, status.Status.DrainCalls.Count);

        // 401 answers are the expected way to learn a token is needed; Chromium logs them as console errors.
        Assert.All(tab.Errors, e => Assert.Contains("401", e));
        Assert.All(tab.Requests, url => Assert.StartsWith(status.BaseAddress!.ToString(), url));
    }
}
