namespace DnsLb.Transport;

/// <summary>A listening socket could not be bound; the message is the one line an operator needs.</summary>
public sealed class ListenerBindException(string message, Exception inner) : Exception(message, inner);
