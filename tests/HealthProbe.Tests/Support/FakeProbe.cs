using System.Collections.Concurrent;
using System.Net;
using HealthProbe.Probes;

namespace HealthProbe.Tests.Support;

/// <summary>
/// A probe whose behaviour a test scripts; counts calls (in all and per address), the probes in flight now
/// and the most seen in flight at once.
/// </summary>
internal sealed class FakeProbe(Func<IPAddress, CancellationToken, Task<ProbeResult>> behaviour) : IHealthProbe
{
    private readonly ConcurrentDictionary<IPAddress, int> _callsTo = new();
    private int _inFlight;
    private int _calls;
    private int _maxInFlight;

    public int Calls => Volatile.Read(ref _calls);

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public string Description => "fake";

    public int CallsTo(IPAddress address) => _callsTo.GetValueOrDefault(address);

    public async ValueTask<ProbeResult> ProbeAsync(IPAddress address, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        _callsTo.AddOrUpdate(address, 1, static (_, n) => n + 1);
        int now = Interlocked.Increment(ref _inFlight);
        for (int seen = MaxInFlight; now > seen; seen = MaxInFlight)
            Interlocked.CompareExchange(ref _maxInFlight, now, seen);
        try
        {
            return await behaviour(address, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
