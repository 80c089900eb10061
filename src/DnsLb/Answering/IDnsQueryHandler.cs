namespace DnsLb.Answering;

/// <summary>
/// The one call between transport and answering. The handler is given a query's bytes, where they came from
/// and the listener's buffer for the response; it never sees a socket, and listeners never look inside a
/// message. A query is answered in one of two ways:
/// <list type="bullet">
/// <item>At once (authoritative answers, local answers, cache hits): the response is written into
/// <c>response</c> on the receiving thread, without allocating, and its length returned.</item>
/// <item>Later (a forwarded query, a zone transfer): the handler hands the query over with
/// <see cref="QueryContext.TryDefer"/> and returns 0; the work runs off the receiving thread and sends one
/// or more messages through an <see cref="IDnsResponder"/>.</item>
/// </list>
/// </summary>
public interface IDnsQueryHandler
{
    /// <summary>
    /// Answers <paramref name="query"/> into <paramref name="response"/> and returns the response length, or 0
    /// when nothing is sent now: not a query, too short to answer, or handed over through
    /// <see cref="QueryContext.TryDefer"/>.
    /// </summary>
    int Handle(ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context);
}
