namespace DnsLb.Forwarding;

/// <summary>
/// What the query engine learned about a query that the forwarder needs to answer it: the client's ID and
/// flags, how the answer travels back, and the client's EDNS (RFC 6891). A small value: copied freely,
/// kept across the await of a forwarded query.
/// </summary>
/// <param name="Id">The client's message ID, echoed in the response.</param>
/// <param name="OverTcp">True for a TCP client: the answer goes back whole. UDP answers are held to <paramref name="EdnsPayloadSize"/>.</param>
/// <param name="EdnsPayloadSize">The client's OPT payload size, or null when the query had no OPT (then 512 bytes and no OPT back).</param>
/// <param name="DnssecOk">The client's DO bit (RFC 3225): passed upstream and part of the cache key.</param>
/// <param name="CheckingDisabled">The client's CD bit (RFC 4035 §3.2.2): passed upstream and part of the cache key.</param>
/// <param name="RecursionDesired">The client's RD bit, copied to the response.</param>
/// <param name="AuthenticData">The client's AD bit (RFC 6840 §5.7): the client understands AD in the answer.</param>
public readonly record struct ForwardRequest(
    ushort Id,
    bool OverTcp,
    ushort? EdnsPayloadSize,
    bool DnssecOk = false,
    bool CheckingDisabled = false,
    bool RecursionDesired = true,
    bool AuthenticData = false)
{
    /// <summary>The largest response this client may get: its EDNS size clamped to 512–1232 over UDP, 512 without EDNS, 65535 over TCP.</summary>
    internal int SizeLimit => OverTcp
        ? ushort.MaxValue
        : EdnsPayloadSize is ushort size ? Math.Clamp((int)size, Protocol.Edns.MinimumPayload, Protocol.Edns.OurPayloadSize) : Protocol.Edns.MinimumPayload;
}
