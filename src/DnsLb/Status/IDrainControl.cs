using System.Net;

namespace DnsLb.Status;

/// <summary>
/// Takes a member out of the answers on purpose and puts it back. A drained member is still probed and
/// shown. The implementation only keeps the state; logging and alerts are the caller's
/// (<see cref="DrainCommands"/>), so the API and the drain directory are told apart the same way.
/// </summary>
public interface IDrainControl
{
    /// <summary>Drains <paramref name="address"/> in <paramref name="pool"/> (its name matched ignoring letter case).</summary>
    DrainResult Drain(string pool, IPAddress address, DrainSource source);

    /// <summary>Undrains <paramref name="address"/> in <paramref name="pool"/>; it is answered again while it is up.</summary>
    DrainResult Undrain(string pool, IPAddress address, DrainSource source);
}
