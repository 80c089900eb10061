using DnsLb.Hosting.Settings;
using DnsLb.Status;
using DnsLb.Status.Webhooks;
using HealthProbe.Registry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DnsLb.Tests.Status;

/// <summary>
/// The status endpoint as the server will run it (registered by AddStatus, started by a host, on its own
/// Kestrel server on 127.0.0.1 and a free port), reading a scriptable <see cref="FakeStatus"/>.
/// </summary>
internal sealed class StatusHarness : IAsyncDisposable
{
    private readonly IHost _host;

    private StatusHarness(IHost host, FakeStatus status, LogCapture log)
    {
        _host = host;
        Status = status;
        Log = log;
        var endPoint = host.Services.GetRequiredService<StatusServer>().EndPoint;
        BaseAddress = endPoint is null ? null : new Uri($"http://{endPoint}/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeStatus Status { get; }

    public LogCapture Log { get; }

    /// <summary>http://127.0.0.1:port/, or null when the endpoint is not listening.</summary>
    public Uri? BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<StatusHarness> StartAsync(IDictionary<string, string?>? settings = null, WebhookDelivery? delivery = null, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var all = new Dictionary<string, string?> { ["Status:Listen"] = "127.0.0.1:0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(all);
        var log = new LogCapture();
        builder.Logging.ClearProviders().AddProvider(log).SetMinimumLevel(LogLevel.Information);
        var status = new FakeStatus(time);
        status.Set(StatusSamples.Lab(time.GetUtcNow()));
        var services = builder.Services;
        services.AddSingleton(time);
        services.AddSingleton<HealthRegistry>();
        services.AddSingleton<IStatusSource>(status);
        services.AddSingleton<IDrainControl>(status);
        if (delivery is not null)
            services.AddSingleton(delivery);
        services.AddStatus(builder.Configuration);
        var host = builder.Build();
        var problems = SettingsCheck.Run(host.Services);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await host.StartAsync();
        return new StatusHarness(host, status, log);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }
}
