using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DnsLb.Status.Webhooks;

/// <summary>
/// One webhook URL: a bounded queue of events and one worker that posts them in order. Queuing never waits:
/// a full queue refuses the event (the caller counts it), so probing and answering are never held up by a
/// slow or dead receiver. Each URL has its own queue, so one dead receiver delays no other.
/// </summary>
internal sealed partial class WebhookTarget
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly Channel<MemberEvent> _queue;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly HttpClient _client;
    private readonly WebhookCounters _counters;
    private readonly ILogger _logger;
    private int _refusing;

    public WebhookTarget(Uri url, HttpClient client, WebhookDelivery delivery, WebhookCounters counters, TimeProvider time, ILogger logger)
    {
        Url = url;
        _client = client;
        _counters = counters;
        _logger = logger;
        _queue = Channel.CreateBounded<MemberEvent>(new BoundedChannelOptions(delivery.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with Wait, TryWrite says false when full (DropWrite would say true and drop silently)
            SingleReader = true,
        });
        // Retry, because a receiver that is restarting or briefly unreachable (connection refused, 502, 503)
        // should still get the alert a moment later. A timeout on each attempt, because a receiver that takes
        // the connection and never answers would otherwise hold this URL's queue for good. Both bounded, so a
        // dead receiver costs each event a fixed few seconds and the queue moves on (what piles up behind it
        // past the queue's bound is dropped and counted, never waited for).
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(static response => IsTransient(response.StatusCode)),
                MaxRetryAttempts = delivery.MaxRetries,
                Delay = delivery.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddTimeout(delivery.AttemptTimeout)
            .Build();
    }

    public Uri Url { get; }

    /// <summary>Queues <paramref name="memberEvent"/> without waiting; false when the queue is full.</summary>
    public bool TryEnqueue(MemberEvent memberEvent)
    {
        if (_queue.Writer.TryWrite(memberEvent))
        {
            Volatile.Write(ref _refusing, 0);
            return true;
        }
        if (Interlocked.Exchange(ref _refusing, 1) == 0)
            LogQueueFull(_logger, Url); // once per run of refusals, not once per event
        return false;
    }

    /// <summary>No more events; the worker sends what is queued and ends.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Posts every queued event in order until the queue is completed and empty, or <paramref name="stop"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        await foreach (var memberEvent in _queue.Reader.ReadAllAsync(stop).ConfigureAwait(false))
            await DeliverAsync(memberEvent, stop).ConfigureAwait(false);
    }

    private async Task DeliverAsync(MemberEvent memberEvent, CancellationToken stop)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(memberEvent, StatusJsonContext.Default.MemberEvent);
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                static async (state, token) =>
                {
                    using var content = new ByteArrayContent(state.Body);
                    content.Headers.ContentType = Json;
                    return await state.Client.PostAsync(state.Url, content, token).ConfigureAwait(false);
                },
                (Client: _client, Url, Body: body), stop).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                _counters.CountSent();
                return;
            }
            _counters.CountFailed();
            LogRefused(_logger, Url, memberEvent.Event, memberEvent.Pool, memberEvent.Address, (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException && !stop.IsCancellationRequested)
        {
            _counters.CountFailed();
            LogFailed(_logger, Url, memberEvent.Event, memberEvent.Pool, memberEvent.Address, e.Message);
        }
    }

    /// <summary>Worth another try: the receiver is overloaded, restarting or behind a proxy that could not reach it.</summary>
    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
