namespace DnsLb.Answering;

/// <summary>
/// The one call between transport and answering: a query's bytes in, a response's bytes out. The handler
/// never sees a socket; listeners never look inside a message.
/// </summary>
public interface IDnsQueryHandler
{
    /// <summary>
    /// Answers <paramref name="query"/> into <paramref name="response"/> and returns the response length,
    /// or 0 when nothing must be sent (not a query, or too short to answer).
    /// </summary>
    int Handle(ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context);
}

/// <summary>How a query arrived. UDP answers are held to the client's payload size; TCP's are not.</summary>
public enum DnsTransport
{
    Udp,
    Tcp,
}

/// <summary>What the handler knows about a query besides its bytes.</summary>
public readonly record struct QueryContext(DnsTransport Transport);
