using DnsLb.Tests.Status.Live;
using Microsoft.Playwright;

namespace DnsLb.Tests.Status.Browser;

/// <summary>
/// The status page in a real browser (headless Chromium) against a running DnsLb whose pool has real web
/// nodes on 127.0.0.11–13: it shows a member going down when its web node stops and coming back when it
/// starts, without reloading; its Drain button takes the member out of every DNS answer and shows when it
/// is safe to stop, Undrain puts it back; a member drained by a file cannot be undrained from the page.
/// It asks nothing of anyone but the endpoint.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class LiveStatusPageBrowserTests(ChromiumSession chromium)
{
    private const string Node = "127.0.0.12";
    private const string Row = $".member[data-address='{Node}']";

    private static async Task<WatchedPage> OpenAsync(ChromiumSession chromium, LiveServer live)
    {
        var tab = await chromium.NewPageAsync();
        await tab.Page.GotoAsync(live.Server.StatusAddress.ToString());
        foreach (var address in LiveServer.Members)
            await tab.WaitForAsync($".member[data-address='{address}'][data-state='up'] .history li:first-child .to.up");
        await tab.Page.EvaluateAsync("() => { window.dnslbTestMark = 42; }");
        return tab;
    }

    private static async Task AssertSameDocumentAndOnlyTheEndpointAskedAsync(WatchedPage tab, LiveServer live)
    {
        Assert.Equal(42, await tab.Page.EvaluateAsync<int>("() => window.dnslbTestMark"));
        Assert.Empty(tab.Errors);
        Assert.All(tab.Requests, url => Assert.StartsWith(live.Server.StatusAddress.ToString(), url));
    }

    [Fact]
    public async Task Page_ShowsARealMemberGoingDownAndComingBack()
    {
        await using var live = await LiveServer.StartAsync();
        await using var tab = await OpenAsync(chromium, live);
        var page = tab.Page;
        Assert.Equal("example.com.", await page.InnerTextAsync(".zone .zname"));
        Assert.Contains("3 of 3 in the answers", await page.InnerTextAsync(".pool .serving"));

        live.Backends[Node].Stop();
        await tab.WaitForAsync($"{Row}[data-state='down'] .history li:first-child .to.down");
        Assert.Contains("connection refused", await page.InnerTextAsync($"{Row} .probe"));
        Assert.Equal("Down", await page.InnerTextAsync($"{Row} .history li:first-child .to"));
        Assert.Contains("2 of 3 in the answers", await page.InnerTextAsync(".pool .serving"));
        Assert.StartsWith("(1 down)", await page.TitleAsync());

        live.Backends[Node].Start();
        await tab.WaitForAsync($"{Row}[data-state='up'] .history li:first-child .to.up");
        Assert.Equal(["Up", "Down"], (await page.Locator($"{Row} .history .to").AllInnerTextsAsync()).Take(2));
        Assert.Equal("DnsLb status", await page.TitleAsync());
        await AssertSameDocumentAndOnlyTheEndpointAskedAsync(tab, live);
    }

    [Fact]
    public async Task DrainButton_TakesTheMemberOutOfTheDnsAnswers_SaysWhenItIsSafeToStop_AndUndrainPutsItBack()
    {
        await using var live = await LiveServer.StartAsync();
        await using var tab = await OpenAsync(chromium, live);
        var page = tab.Page;
        Assert.Equal(LiveServer.Members, live.Answered());

        await page.ClickAsync($"{Row} button:has-text('Drain')");
        await tab.WaitForAsync($"{Row} .pill.drained");
        await live.WaitForAnswersAsync(["127.0.0.11", "127.0.0.13"], "drained from the page");
        Assert.Equal("Drained · API", await page.TextContentAsync($"{Row} .pill.drained"));
        await tab.WaitForAsync($"{Row} .stop.safe"); // the pool's TTL is 1 s
        Assert.Equal("✓ Safe to stop", await page.InnerTextAsync($"{Row} .stop"));

        await page.ClickAsync($"{Row} button:has-text('Undrain')");
        await tab.WaitForAsync($"{Row}:not(.is-drained) button:has-text('Drain')");
        await live.WaitForAnswersAsync(LiveServer.Members, "undrained from the page");
        await AssertSameDocumentAndOnlyTheEndpointAskedAsync(tab, live);
    }

    [Fact]
    public async Task MemberDrainedByAFile_ShowsIt_AndOffersNoUndrain()
    {
        await using var live = await LiveServer.StartAsync();
        await using var tab = await OpenAsync(chromium, live);
        var file = live.TouchDrainFile(Node);
        await tab.WaitForAsync($"{Row} .pill.drained");
        Assert.Equal("Drained · file", await tab.Page.TextContentAsync($"{Row} .pill.drained"));
        var button = tab.Page.Locator($"{Row} button");
        Assert.True(await button.IsDisabledAsync());
        Assert.Equal($"Drained by {file}: remove the file to undrain it", await button.GetAttributeAsync("title"));
        File.Delete(file);
        await tab.WaitForAsync($"{Row}:not(.is-drained) button:has-text('Drain'):not([disabled])");
        await AssertSameDocumentAndOnlyTheEndpointAskedAsync(tab, live);
    }

    /// <summary>
    /// The page of a running DnsLb with a member down and one drained, light and dark, for people to look at
    /// (TestResults/status-page/live-*.png; docs/status-page.png is one of them).
    /// </summary>
    [Fact]
    public async Task Page_OfARunningServer_IsPhotographed()
    {
        await using var live = await LiveServer.StartAsync();
        await using var tab = await OpenAsync(chromium, live);
        var page = tab.Page;
        live.Backends["127.0.0.13"].Stop();
        await live.PostAsync(Node, "drain");
        await tab.WaitForAsync(".member[data-address='127.0.0.13'][data-state='down']");
        await tab.WaitForAsync($"{Row} .stop.safe");
        Directory.CreateDirectory(StatusPageScreenshots.Folder);
        foreach (var (scheme, name) in new[] { (ColorScheme.Light, "light"), (ColorScheme.Dark, "dark") })
        {
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            string file = Path.Combine(StatusPageScreenshots.Folder, $"live-{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            Assert.True(new FileInfo(file).Length > 10_000, file);
        }
        await AssertSameDocumentAndOnlyTheEndpointAskedAsync(tab, live);
    }
}
