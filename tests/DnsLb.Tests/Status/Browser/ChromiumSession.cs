using Microsoft.Playwright;

namespace DnsLb.Tests.Status.Browser;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright (which cannot download a browser here, so it is given
/// /usr/bin/chromium), with a fresh profile in a temporary folder. Chromium is kept off the internet: the
/// page loads nothing from outside, background services are off, any proxied request goes to a closed
/// loopback port and every host name but localhost fails to resolve. One for all browser tests; a page per test.
/// </summary>
public sealed class ChromiumSession : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions",
        "--no-pings", "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--metrics-recording-only",
        // Loopback bypasses a proxy by default; anything else would go to a port nothing listens on.
        "--proxy-server=http://127.0.0.1:9",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    ];

    private IPlaywright? _playwright;
    private IBrowserContext? _context;
    private DirectoryInfo? _profile;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does)");
        _profile = Directory.CreateTempSubdirectory("dnslb-chromium-");
        _playwright = await Playwright.CreateAsync();
        _context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile.FullName, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = Arguments,
            Timeout = 120_000,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        _context.SetDefaultTimeout(60_000);
    }

    /// <summary>A new tab that records every request it makes and every error it logs (a blocked inline script would be one).</summary>
    public async Task<WatchedPage> NewPageAsync() => new(await _context!.NewPageAsync());

    public async Task DisposeAsync()
    {
        if (_context is not null)
            await _context.CloseAsync();
        _playwright?.Dispose();
        try
        {
            _profile?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // best effort: Chromium may still be writing to it
        }
    }
}
