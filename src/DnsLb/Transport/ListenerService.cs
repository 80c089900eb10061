using Microsoft.Extensions.Hosting;

namespace DnsLb.Transport;

/// <summary>Starts the already-bound listeners with the host and closes them when it stops.</summary>
internal sealed class ListenerService(DnsListeners listeners) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        listeners.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        listeners.Dispose();
        return Task.CompletedTask;
    }
}
