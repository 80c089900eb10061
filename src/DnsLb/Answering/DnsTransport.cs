namespace DnsLb.Answering;

/// <summary>How a query arrived. UDP answers are held to the client's payload size; TCP's are not.</summary>
public enum DnsTransport
{
    Udp,
    Tcp,
}
