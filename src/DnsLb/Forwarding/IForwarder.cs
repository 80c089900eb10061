using DnsLb.Answering;

namespace DnsLb.Forwarding;

/// <summary>
/// The seam between the query engine and forwarding. The engine answers from its zones first; for a name in
/// no zone, from a client <see cref="IsRecursionAllowed">allowed to recurse</see>, with RD set, it calls
/// <see cref="TryAnswerLocally"/> on the receiving thread (local answers and cache hits, synchronous, no
/// allocation) and, when that returns false, <see cref="ForwardAsync"/> off that thread with a copy of the query.
/// </summary>
public interface IForwarder
{
    /// <summary>True when upstreams are configured; when false, names outside the zones are REFUSED.</summary>
    bool IsEnabled { get; }

    /// <summary>Whether <paramref name="client"/> is inside <c>Forwarding:AllowedNetworks</c>.</summary>
    bool IsRecursionAllowed(ClientAddress client);

    /// <summary>
    /// Answers without asking an upstream when it can: a name answered locally (private reverse zones of
    /// RFC 6303, single-label names, RFC 6761 special names, home.arpa) or a cached answer. Writes the whole
    /// response into <paramref name="response"/> and returns true; false means <see cref="ForwardAsync"/> is needed.
    /// </summary>
    bool TryAnswerLocally(scoped in ForwardQuestion question, in ForwardRequest request, Span<byte> response, out int length);

    /// <summary>
    /// Answers <paramref name="query"/> (already validated: one question, RD set) through the upstreams, the
    /// cache or a local answer, into <paramref name="response"/>, and returns the response length. Never
    /// throws for upstream trouble: when every upstream fails the response is SERVFAIL (or a stale answer)
    /// within <c>Forwarding:TimeoutMs</c>. <paramref name="query"/> must stay unchanged until it completes.
    /// </summary>
    ValueTask<int> ForwardAsync(ReadOnlyMemory<byte> query, Memory<byte> response, ForwardRequest request, CancellationToken cancellationToken);

    /// <summary>What forwarding has done so far, for metrics.</summary>
    ForwardingCounters Counters { get; }
}
