using System.Net;
using DnsLb.Status;
using DnsLb.Tests.Support;
using Microsoft.Playwright;

namespace DnsLb.Tests.Status.Browser;

/// <summary>
/// Screenshots of the page in light and dark, wide and narrow, with a member down, one drained and a zone
/// whose reload failed, under TestResults/status-page/ (for people to look at; the README shows one).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class StatusPageScreenshots(ChromiumSession chromium)
{
    public static string Folder => Path.Combine(TestPaths.RepositoryRoot, "TestResults", "status-page");

    [Fact]
    public async Task Page_InLightAndDark_WideAndNarrow_IsPhotographed()
    {
        await using var status = await StatusHarness.StartAsync();
        status.Status.SetState(StatusSamples.Pool, "192.168.0.123", MemberState.Down, "connection refused", 0.4);
        status.Status.Drain(StatusSamples.Pool, IPAddress.Parse("192.168.0.122"), DrainSource.Api);
        Directory.CreateDirectory(Folder);

        await using var tab = await chromium.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync(status.BaseAddress!.ToString());
        await tab.WaitForAsync(".member[data-address='192.168.0.123'][data-state='down']");
        foreach (var (scheme, name) in new[] { (ColorScheme.Light, "light"), (ColorScheme.Dark, "dark") })
        {
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
            foreach (var (width, height, size) in new[] { (1280, 900, "wide"), (390, 844, "narrow") })
            {
                await page.SetViewportSizeAsync(width, height);
                await page.EvaluateAsync("() => window.scrollTo(0, 0)"); // the sticky header belongs at the top
                string file = Path.Combine(Folder, $"status-{name}-{size}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                Assert.True(new FileInfo(file).Length > 10_000, file);
                if (size == "narrow") // what a phone shows first, and a pool card close up
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"status-{name}-narrow-top.png") });
                    await page.Locator(".pool").First.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Folder, $"status-{name}-narrow-pool.png") });
                }
            }
        }
        // The failover budget's explanation, as a mouse over it shows it.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });
        await page.SetViewportSizeAsync(1280, 900);
        await page.HoverAsync(".pool .budget");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, "status-budget-tip.png"), Clip = new Clip { X = 560, Y = 220, Width = 720, Height = 330 } });
        Assert.True(await page.Locator(".pool .budget .tip").First.IsVisibleAsync());
        Assert.Empty(tab.Errors);
        Assert.All(tab.Requests, url => Assert.StartsWith(status.BaseAddress.ToString(), url));
    }
}
