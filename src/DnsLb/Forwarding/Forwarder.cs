using System.Collections.Concurrent;
using DnsLb.Answering;
using DnsLb.Protocol;
using DnsLb.Zones;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Forwarding;

/// <summary>
/// The LAN-resolver side of DnsLb (see <see cref="IForwarder"/>): local answers for private and special
/// names, the cache, and the upstreams. Concurrent misses for one question share one resolution, whose
/// answer each client gets in its own shape (ID, question case, EDNS, size).
/// </summary>
internal sealed partial class Forwarder : IForwarder, IAsyncDisposable, IDisposable
{
    private readonly ForwardingOptions _options;
    private readonly CacheLimits _limits;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RecursionAcl _acl;
    private readonly DnsCache _cache;
    private readonly Upstream[] _upstreams;
    private readonly UpstreamResolver? _resolver; // null while forwarding is off: its pipeline (Polly) is not even loaded
    private readonly ConcurrentDictionary<byte[], Task<Resolution>> _inflight = new(NameKeyComparer.Instance);
    private readonly CancellationTokenSource _shutdown = new();

    public Forwarder(IOptions<ForwardingOptions> options, TimeProvider time, ILogger<Forwarder> logger)
    {
        _options = options.Value;
        _limits = CacheLimits.From(_options);
        _time = time;
        _logger = logger;
        _acl = new RecursionAcl(_options.EffectiveAllowedNetworks);
        _cache = new DnsCache(_options.CacheEntries);
        _upstreams = [.. _options.Upstreams.Select((text, index) => CreateUpstream(index, text))];
        if (_upstreams.Length > 0)
            _resolver = new UpstreamResolver(new UpstreamSelector(_upstreams, time), _options, time, logger);
        Counters = new ForwardingCounters([.. _upstreams.Select(u => u.Counters)]);
    }

    public bool IsEnabled => _upstreams.Length > 0;

    public ForwardingCounters Counters { get; }

    internal DnsCache Cache => _cache;

    internal IReadOnlyList<Upstream> Upstreams => _upstreams;

    public bool IsRecursionAllowed(ClientAddress client) => _acl.IsAllowed(client);

    public bool TryAnswerLocally(scoped in ForwardQuestion question, in ForwardRequest request, Span<byte> response, out int length)
    {
        if (LocalNames.TryMatch(question.LowerName, question.Type, out var zone))
        {
            length = LocalAnswerWriter.Write(question, request, zone, response);
            Counters.LocalAnswer();
            return true;
        }
        Span<byte> key = stackalloc byte[ForwardQuestion.MaxKeyLength];
        int keyLength = question.WriteKey(key, request);
        return TryAnswerFromCache(key[..keyLength], question.Name, request, response, out length);
    }

    public async ValueTask<int> ForwardAsync(ReadOnlyMemory<byte> query, Memory<byte> response, ForwardRequest request, CancellationToken cancellationToken)
    {
        var ticket = Prepare(query.Span, request, response.Span, out int answered);
        if (ticket is null)
            return answered;
        Counters.CacheMiss();
        var resolution = await JoinAsync(ticket).WaitAsync(cancellationToken);
        var answer = resolution.Answer;
        if (resolution.Stale)
            Counters.StaleAnswer();
        return answer.Write(ticket.ClientName, request, response.Span, answer.AgeSeconds(_time.GetTimestamp()), resolution.Stale);
    }

    /// <summary>
    /// The synchronous part of a forward: answered locally or from the cache (a ticket of null and the
    /// length), or the ticket for the upstreams.
    /// </summary>
    private ForwardTicket? Prepare(ReadOnlySpan<byte> query, in ForwardRequest request, Span<byte> response, out int length)
    {
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        Span<byte> lower = stackalloc byte[WireName.MaxLength];
        if (!ForwardQuestion.TryRead(query, name, lower, out var question))
        {
            var writer = ResponseEnvelope.Begin(response, request, out int limit);
            length = ResponseEnvelope.Finish(ref writer, limit, ResponseCode.FormErr, request);
            return null;
        }
        if (!IsEnabled)
        {
            var writer = ResponseEnvelope.Begin(response, question.Name, question.Type, question.Class, request, out int limit);
            length = ResponseEnvelope.Finish(ref writer, limit, ResponseCode.Refused, request);
            return null;
        }
        if (TryAnswerLocally(question, request, response, out length))
            return null;
        Span<byte> key = stackalloc byte[ForwardQuestion.MaxKeyLength];
        int keyLength = question.WriteKey(key, request);
        var upstreamQuestion = new UpstreamQuestion(key[..keyLength].ToArray(), question.LowerName.ToArray(), question.Type, question.Class,
            request.DnssecOk, request.CheckingDisabled);
        return new ForwardTicket(upstreamQuestion, question.Name.ToArray());
    }

    private bool TryAnswerFromCache(ReadOnlySpan<byte> key, ReadOnlySpan<byte> clientName, in ForwardRequest request, Span<byte> response, out int length)
    {
        length = 0;
        var entry = _cache.Find(key);
        if (entry is null)
            return false;
        long now = _time.GetTimestamp();
        if (entry.IsFresh(now))
        {
            length = entry.Write(clientName, request, response, entry.AgeSeconds(now), stale: false);
            Counters.CacheHit();
            return true;
        }
        if (entry.CanServeStale(now))
        {
            length = entry.Write(clientName, request, response, entry.AgeSeconds(now), stale: true);
            Counters.StaleAnswer();
            return true;
        }
        return false;
    }

    /// <summary>Joins the resolution already running for this question, or starts it.</summary>
    private Task<Resolution> JoinAsync(ForwardTicket ticket)
    {
        var key = ticket.Question.Key;
        while (true)
        {
            if (_inflight.TryGetValue(key, out var running))
            {
                Counters.Coalesce();
                return running;
            }
            var completion = new TaskCompletionSource<Resolution>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inflight.TryAdd(key, completion.Task))
            {
                _ = ResolveAsync(ticket.Question, completion);
                return completion.Task;
            }
        }
    }

    private async Task ResolveAsync(UpstreamQuestion question, TaskCompletionSource<Resolution> completion)
    {
        Counters.Forward();
        Resolution resolution;
        try
        {
            var resolver = _resolver ?? throw new InvalidOperationException("forwarding is off (no Forwarding:Upstreams)");
            var result = await resolver.ResolveAsync(question, _shutdown.Token);
            if (result.Answer is { } answer)
            {
                _cache.Store(answer, _time.GetTimestamp());
                resolution = new Resolution(answer, Stale: false);
            }
            else
            {
                resolution = Failed(question);
            }
        }
        catch (Exception e)
        {
            LogResolutionFailed(_logger, e);
            resolution = Failed(question);
        }
        // Cached before it leaves the in-flight table, so a query arriving now finds one or the other.
        _inflight.TryRemove(new KeyValuePair<byte[], Task<Resolution>>(question.Key, completion.Task));
        completion.TrySetResult(resolution);
    }

    /// <summary>
    /// Every upstream failed: an expired answer still within the stale window is served (RFC 8767) and, for
    /// the next 30 s, served without asking again; otherwise SERVFAIL, remembered for a few seconds (RFC 9520).
    /// </summary>
    private Resolution Failed(UpstreamQuestion question)
    {
        Counters.Failure();
        long now = _time.GetTimestamp();
        var previous = _cache.Find(question.Key);
        if (previous is not null && previous.Kind != AnswerKind.Failure && now < previous.StaleUntil)
        {
            previous.ServeStaleUntil(now + CachedAnswer.StaleTtl * _time.TimestampFrequency);
            return new Resolution(previous, Stale: true);
        }
        var failure = CachedAnswerBuilder.Failure(question, _limits, now, _time.TimestampFrequency);
        _cache.Store(failure, now);
        return new Resolution(failure, Stale: false);
    }

    private Upstream CreateUpstream(int index, string text)
    {
        if (!UpstreamEndpoint.TryParse(text, out var endpoint, out var error))
            throw new ArgumentException($"{ForwardingOptions.Section}:{nameof(ForwardingOptions.Upstreams)}:{index} = {text}: {error}");
        IUpstreamClient client = endpoint!.IsTls
            ? new TlsUpstreamClient(endpoint, _options.TrustedRootsForTests)
            : new PlainUpstreamClient(endpoint.EndPoint);
        return new Upstream(index, endpoint, client);
    }

    /// <summary>Ends the resolutions in flight (their clients get SERVFAIL) and closes the TLS connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        foreach (var upstream in _upstreams)
            await upstream.Client.DisposeAsync();
    }

    /// <summary>For a container disposed synchronously; closing connections is quick.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
