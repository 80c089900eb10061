using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace DnsLb.Tests.Status.Browser;

/// <summary>A browser tab with what it requested and what went wrong in it written down.</summary>
public sealed class WatchedPage : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _errors = new();

    public WatchedPage(IPage page)
    {
        Page = page;
        page.Request += (_, request) => _requests.Enqueue(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
                _errors.Enqueue($"console {message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => _errors.Enqueue($"page error: {error}");
        page.RequestFailed += (_, request) => _errors.Enqueue($"request failed: {request.Url} ({request.Failure})");
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Requests => [.. _requests];

    public IReadOnlyList<string> Errors => [.. _errors];

    /// <summary>Waits for <paramref name="selector"/> to be visible; on timeout, says what the page logged.</summary>
    public async Task<IElementHandle> WaitForAsync(string selector)
    {
        try
        {
            return (await Page.WaitForSelectorAsync(selector))!;
        }
        catch (TimeoutException e)
        {
            var shot = Path.Combine(StatusPageScreenshots.Folder, $"failed-{Guid.NewGuid():N}.png");
            Directory.CreateDirectory(StatusPageScreenshots.Folder);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            string text = await Page.InnerTextAsync("body");
            throw new TimeoutException($"{selector} did not show (screenshot {shot}); the page logged: {string.Join(" | ", Errors)}; it reads: {text}", e);
        }
    }

    public ValueTask DisposeAsync() => new(Page.CloseAsync());
}
