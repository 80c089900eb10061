namespace HealthProbe.State;

/// <summary>
/// Learns how long one node takes to answer, and from that how long a probe of it may take before it is
/// late: TCP's retransmission-timeout estimator (RFC 6298 §2, with Linux's floor on the variation term),
/// pure and without a clock of its own. The deadline is
/// <c>smoothed latency + max(4 × latency variation, margin)</c>, never above the timeout, and the timeout
/// itself until the first answer has been timed (RFC 6298 §2.1: nothing learned yet, be patient).
/// Each probe judged late doubles the deadline (RFC 6298 §5.5, still capped by the timeout) until an answer
/// is timed again, so a confirming probe is more patient than the one it confirms.
/// </summary>
/// <remarks>
/// Why: a node that answers in 2 ms and then says nothing for 250 ms more has most likely stopped
/// answering, while a node that always takes 800 ms has not. A fixed timeout must be long enough for the
/// slowest healthy node, and a frozen fast node then costs that timeout per probe; a learned deadline is
/// short for fast nodes and long for slow ones. The margin keeps a fast, steady node (whose variation
/// shrinks toward zero) from being judged late by a hiccup of the prober or the network.
/// </remarks>
public sealed class LatencyEstimator
{
    private const double Alpha = 1.0 / 8; // RFC 6298 §2.3: weight of a new sample in the smoothed latency
    private const double Beta = 1.0 / 4;  // RFC 6298 §2.3: weight of a new sample in the variation
    private const int K = 4;              // RFC 6298 §2: variations allowed beyond the smoothed latency
    private const int MaxBackoff = 16;

    private readonly TimeSpan _margin;
    private readonly TimeSpan _timeout;
    private double _smoothedTicks;
    private double _variationTicks;
    private int _backoff;

    /// <param name="margin">The least time beyond the smoothed latency that a probe gets.</param>
    /// <param name="timeout">The most a probe ever gets: the deadline never exceeds it.</param>
    public LatencyEstimator(TimeSpan margin, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(margin, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _margin = margin;
        _timeout = timeout;
    }

    /// <summary>True once an answer has been timed.</summary>
    public bool HasSamples { get; private set; }

    /// <summary>The smoothed latency (SRTT); zero before the first sample.</summary>
    public TimeSpan Smoothed => TimeSpan.FromTicks((long)_smoothedTicks);

    /// <summary>The latency's smoothed mean deviation (RTTVAR); zero before the first sample.</summary>
    public TimeSpan Variation => TimeSpan.FromTicks((long)_variationTicks);

    /// <summary>How long the next probe may take before it is late.</summary>
    public TimeSpan Deadline
    {
        get
        {
            if (!HasSamples)
                return _timeout;
            double ticks = (_smoothedTicks + Math.Max(K * _variationTicks, _margin.Ticks)) * Math.Pow(2, _backoff);
            return ticks >= _timeout.Ticks ? _timeout : TimeSpan.FromTicks((long)ticks);
        }
    }

    /// <summary>Learns from one answer's latency (RFC 6298 §2.2–2.3) and ends any backoff.</summary>
    public void Sample(TimeSpan latency)
    {
        double r = Math.Max(0, latency.Ticks);
        if (!HasSamples)
        {
            _smoothedTicks = r;
            _variationTicks = r / 2;
            HasSamples = true;
        }
        else
        {
            // RTTVAR first, with the SRTT from before this sample, as RFC 6298 §2.3 orders it.
            _variationTicks = ((1 - Beta) * _variationTicks) + (Beta * Math.Abs(_smoothedTicks - r));
            _smoothedTicks = ((1 - Alpha) * _smoothedTicks) + (Alpha * r);
        }
        _backoff = 0;
    }

    /// <summary>A probe passed its deadline unanswered: the next one gets twice as long (RFC 6298 §5.5).</summary>
    public void Late()
    {
        if (_backoff < MaxBackoff)
            _backoff++;
    }
}
