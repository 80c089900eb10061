using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Status.Webhooks;

/// <summary>
/// Sends every member event to every URL of <c>Status:Webhooks</c>, each from its own bounded queue and worker
/// (<see cref="WebhookTarget"/>). <see cref="Publish"/> never waits: it is called on the probing thread and
/// from drain requests. Workers run from host start to host stop; at stop, what is queued is still sent
/// for a short grace (<see cref="WebhookDelivery.StopGrace"/>), then given up.
/// </summary>
internal sealed class WebhookNotifier : IHostedService, IDisposable
{
    private readonly WebhookTarget[] _targets;
    private readonly WebhookClient? _client;
    private readonly WebhookCounters _counters;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _stopGrace;
    private readonly TimeProvider _time;
    private Task[] _workers = [];
    private int _disposed;

    public WebhookNotifier(IOptions<StatusOptions> options, WebhookDelivery delivery, WebhookCounters counters, TimeProvider time, ILogger<WebhookNotifier> logger)
    {
        _counters = counters;
        _stopGrace = delivery.StopGrace;
        _time = time;
        if (options.Value.Webhooks.Count == 0)
        {
            _targets = [];
            return;
        }
        _client = new WebhookClient(options.Value.Webhooks, delivery, counters, time, logger);
        _targets = _client.Targets;
    }

    /// <summary>Queues the event for every URL without waiting; a URL whose queue is full misses it (counted as dropped).</summary>
    public void Publish(MemberEvent memberEvent)
    {
        foreach (var target in _targets)
        {
            if (!target.TryEnqueue(memberEvent))
                _counters.CountDropped();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _workers = [.. _targets.Select(t => Task.Run(() => t.RunAsync(_stop.Token), CancellationToken.None))];
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var target in _targets)
            target.Complete();
        var workers = Task.WhenAll(_workers);
        try
        {
            await workers.WaitAsync(_stopGrace, _time, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // past the grace, or the host stopped waiting: what is still queued is not sent
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await workers.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the workers ended as told
        }
    }

    /// <summary>Idempotent: the container disposes this once as itself and once as the hosted service.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _stop.Cancel();
        _stop.Dispose();
        _client?.Dispose();
    }
}
