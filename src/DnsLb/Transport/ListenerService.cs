using Microsoft.Extensions.Hosting;

namespace DnsLb.Transport;

/// <summary>Starts the already-bound listeners with the host and, when it stops, lets owed answers go out and closes them.</summary>
internal sealed class ListenerService(DnsListeners listeners) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        listeners.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => listeners.StopAsync(cancellationToken);
}
