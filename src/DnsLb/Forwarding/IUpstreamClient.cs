namespace DnsLb.Forwarding;

/// <summary>
/// Asks one upstream one question. Returns the matching response (never one that fails
/// <see cref="UpstreamQuery.Matches"/>); network trouble is an exception; cancellation ends the wait.
/// </summary>
internal interface IUpstreamClient : IAsyncDisposable
{
    Task<byte[]> QueryAsync(UpstreamQuestion question, CancellationToken cancellationToken);
}
