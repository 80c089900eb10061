using Microsoft.Extensions.Logging;

namespace DnsLb.Status.Webhooks;

/// <summary>
/// The HTTP client the webhook targets share, and the targets. Made only when <c>Status:Webhooks</c> lists a
/// URL: a type of its own, so that without webhooks (the default) no HTTP client, nor the code behind one,
/// is loaded into the server.
/// </summary>
internal sealed class WebhookClient : IDisposable
{
    // Each attempt's timeout is the pipeline's; the client's own would cut across retries.
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };

    public WebhookClient(IEnumerable<string> urls, WebhookDelivery delivery, WebhookCounters counters, TimeProvider time, ILogger logger) =>
        Targets = [.. urls.Select(url => new WebhookTarget(new Uri(url), _client, delivery, counters, time, logger))];

    public WebhookTarget[] Targets { get; }

    public void Dispose() => _client.Dispose();
}
