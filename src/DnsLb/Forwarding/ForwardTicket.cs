namespace DnsLb.Forwarding;

/// <summary>A forwarded query's question held on the heap across the await: ours to send, and the client's name to echo.</summary>
internal sealed record ForwardTicket(UpstreamQuestion Question, byte[] ClientName);
