using Microsoft.Extensions.Logging;
using Polly;
using Polly.Hedging;
using Polly.Timeout;

namespace DnsLb.Forwarding;

/// <summary>
/// Gets one question answered by the upstreams, within a bound, through a Polly pipeline of two strategies:
/// <list type="bullet">
/// <item>Timeout (outermost), the overall bound (<c>TimeoutMs</c>): whatever the upstreams do, the question is
/// settled by then, so a client gets SERVFAIL instead of a hang.</item>
/// <item>Hedging, which is the per-attempt timeout and the failover: an attempt not answered within
/// <c>AttemptTimeoutMs</c> gets a second one beside it (the next upstream in <see cref="UpstreamSelector"/>'s
/// order, or the same one again with a new ID and port when it is the only one), and the first usable answer
/// wins while the other attempts are cancelled. Unlike a retry after a timeout, the slow attempt keeps
/// listening, so a late answer is not thrown away; a failed attempt (SERVFAIL, REFUSED, unreadable, network
/// error) starts the next at once.</item>
/// </list>
/// A circuit breaker does not fit: with the one or two upstreams a LAN has, refusing to call a failing
/// upstream would turn its hiccup into SERVFAIL for everyone; failing upstreams are instead asked last
/// (<see cref="Upstream.IsAvoided"/>), never skipped.
/// </summary>
internal sealed partial class UpstreamResolver
{
    /// <summary>Polly allows at most 10 hedged attempts besides the first.</summary>
    private const int MaxAttempts = 11;

    private static readonly ResiliencePropertyKey<ResolutionPlan> PlanKey = new("DnsLb.Forwarding.Plan");

    private readonly UpstreamSelector _selector;
    private readonly CacheLimits _limits;
    private readonly TimeProvider _time;
    private readonly TimeSpan _attemptTimeout;
    private readonly int _maxAttempts;
    private readonly ResiliencePipeline<AttemptResult> _pipeline;
    private readonly ILogger _logger;

    public UpstreamResolver(UpstreamSelector selector, ForwardingOptions options, TimeProvider time, ILogger logger)
    {
        _selector = selector;
        _limits = CacheLimits.From(options);
        _time = time;
        _logger = logger;
        _attemptTimeout = options.AttemptTimeout;
        // Enough attempts to go round every upstream, and to keep asking one every attempt timeout until the bound.
        int rounds = (int)Math.Ceiling(options.Timeout / options.AttemptTimeout);
        _maxAttempts = Math.Clamp(Math.Max(selector.All.Count, rounds), 2, MaxAttempts);
        _pipeline = new ResiliencePipelineBuilder<AttemptResult> { TimeProvider = time }
            .AddTimeout(options.Timeout)
            .AddHedging(new HedgingStrategyOptions<AttemptResult>
            {
                MaxHedgedAttempts = _maxAttempts - 1,
                Delay = options.AttemptTimeout,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is not null || args.Outcome.Result.Answer is null),
                ActionGenerator = static args =>
                {
                    var plan = args.PrimaryContext.Properties.GetValue(PlanKey, null!);
                    return plan.HasNext ? () => args.Callback(args.ActionContext) : null;
                },
            })
            .Build();
    }

    /// <summary>The first usable answer, or the failure; never throws for upstream trouble.</summary>
    public async Task<AttemptResult> ResolveAsync(UpstreamQuestion question, CancellationToken cancellationToken)
    {
        var plan = new ResolutionPlan(_selector.Order(), _maxAttempts);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(PlanKey, plan);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (attemptContext, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await state.Resolver.AttemptAsync(state.Plan, state.Question, attemptContext.CancellationToken));
                    }
                    catch (Exception e)
                    {
                        return Outcome.FromException<AttemptResult>(e);
                    }
                },
                context,
                (Resolver: this, Plan: plan, Question: question));
            return outcome.Exception switch
            {
                null => outcome.Result,
                TimeoutRejectedException => AttemptResult.Failed(UpstreamFailure.Timeout),
                OperationCanceledException when cancellationToken.IsCancellationRequested => AttemptResult.Failed(UpstreamFailure.Timeout),
                _ => AttemptResult.Failed(UpstreamFailure.Network),
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<AttemptResult> AttemptAsync(ResolutionPlan plan, UpstreamQuestion question, CancellationToken cancellationToken)
    {
        if (!plan.TryTakeNext(out var upstream))
            return AttemptResult.Failed(UpstreamFailure.None);
        upstream!.Counters.Query();
        long start = _time.GetTimestamp();
        // An upstream that has not answered when its attempt timeout passes has timed out, whatever happens
        // next (the hedged attempt may win, or its own answer may still come): counted, and asked last for a while.
        using var attemptTimer = new CancellationTokenSource(_attemptTimeout, _time);
        using var onTimeout = attemptTimer.Token.Register(() => TimedOut(upstream));
        try
        {
            var response = await upstream.Client.QueryAsync(question, cancellationToken);
            attemptTimer.Dispose(); // answered: stops the timer without running its callback
            long now = _time.GetTimestamp();
            var failure = CachedAnswerBuilder.TryBuild(response, question, _limits, now, _time.TimestampFrequency, out var answer);
            if (failure != UpstreamFailure.None)
                return Failed(plan, upstream, failure, null);
            if (upstream.RecordSuccess(_time.GetElapsedTime(start, now)))
                LogUpstreamRecovered(_logger, upstream.Endpoint.Text);
            return new AttemptResult(answer, UpstreamFailure.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            attemptTimer.Dispose();
            return Failed(plan, upstream, UpstreamFailure.Network, e);
        }
    }

    private void TimedOut(Upstream upstream)
    {
        upstream.Counters.Timeout();
        if (upstream.RecordFailure(_time.GetTimestamp(), _time.TimestampFrequency))
            LogUpstreamFailing(_logger, upstream.Endpoint.Text, nameof(UpstreamFailure.Timeout), null);
    }

    private AttemptResult Failed(ResolutionPlan plan, Upstream upstream, UpstreamFailure failure, Exception? exception)
    {
        upstream.Counters.Failure();
        plan.Exclude(upstream);
        LogAttemptFailed(_logger, upstream.Endpoint.Text, failure.ToString(), exception);
        // SERVFAIL is usually about the name (a broken zone upstream), not about the upstream.
        if (failure != UpstreamFailure.ServFail && upstream.RecordFailure(_time.GetTimestamp(), _time.TimestampFrequency))
            LogUpstreamFailing(_logger, upstream.Endpoint.Text, failure.ToString(), exception);
        return AttemptResult.Failed(failure);
    }
}
