namespace DnsLb.Answering;

/// <summary>
/// The listener's side of <see cref="QueryContext.TryDefer"/>: a UDP socket's loop or a TCP connection, which
/// knows the client and how to send to it later.
/// </summary>
internal interface IResponseDeferral
{
    bool TryDefer(Func<IDnsResponder, Task> respond);
}
