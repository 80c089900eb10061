using DnsLb.Answering;
using DnsLb.Balancing;
using DnsLb.Transport;
using DnsLb.Zones;
using HealthProbe.Registry;
using HealthProbe.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

namespace DnsLb.Hosting;

/// <summary>
/// Wires the server: configuration (appsettings.json, then environment variables such as <c>Dns__Port</c>,
/// then the command line), Serilog,
/// zones, answering and transport. Used by Program and by the end-to-end tests.
/// </summary>
public static class DnsLbHost
{
    /// <param name="args">Command-line settings (they override everything else).</param>
    /// <param name="configure">Extra configuration sources, added last (tests).</param>
    /// <param name="defaults">Settings that replace appsettings.json's but yield to the environment and the command line (demo).</param>
    public static IHost Build(string[] args, Action<IConfigurationBuilder>? configure = null, IDictionary<string, string?>? defaults = null)
    {
        // appsettings.json sits beside the binary; relative paths in settings (zones/) stay relative to the
        // working directory, so `dotnet run --project src/DnsLb` from the repository serves ./zones.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        if (defaults is not null)
        {
            var sources = builder.Configuration.Sources;
            // Right after the JSON files: above appsettings.json, below the environment and the command line.
            int lastJson = sources.ToList().FindLastIndex(s => s is JsonConfigurationSource);
            sources.Insert(lastJson + 1, new MemoryConfigurationSource { InitialData = defaults });
        }
        configure?.Invoke(builder.Configuration);

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(CreateLogger(), dispose: true);

        var services = builder.Services;
        services.AddOptions<TransportOptions>()
            .Bind(builder.Configuration.GetSection(TransportOptions.Section))
            .PostConfigure(o =>
            {
                if (WholeListSettings.Read(builder.Configuration, $"{TransportOptions.Section}:{nameof(TransportOptions.Listen)}") is { } listen)
                    o.Listen = listen;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TransportOptions>>(new AnnotatedOptionsValidator<TransportOptions>(TransportOptions.Section));
        services.AddOptions<ZoneOptions>().Bind(builder.Configuration.GetSection(TransportOptions.Section));

        services.AddOptions<PoolsOptions>().Bind(builder.Configuration.GetSection(PoolOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PoolsOptions>, PoolsOptionsValidator>();
        services.AddOptions<ProbeSchedulerOptions>().Bind(builder.Configuration.GetSection("Probing"));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HealthRegistry>();
        services.AddHostedService<PoolHealthLog>(); // subscribed before the first probe can report
        services.AddSingleton<ProbeScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ProbeScheduler>());
        services.AddSingleton<PoolCatalog>();
        services.AddSingleton<PoolMembership>();
        services.AddSingleton<IZoneSetListener>(sp => sp.GetRequiredService<PoolMembership>());
        services.AddSingleton<IAddressSelector, PoolAddressSelector>();

        services.AddSingleton<ZoneStore>();
        services.AddSingleton<ZoneLoader>();
        services.AddSingleton<AuthoritativeAnswerer>();
        services.AddSingleton<IDnsQueryHandler, QueryEngine>();
        services.AddSingleton<TransportCounters>();
        services.AddSingleton<DnsListeners>();
        services.AddHostedService<ListenerService>();
        return builder.Build();
    }

    private static Serilog.ILogger CreateLogger() => new LoggerConfiguration()
        .MinimumLevel.Information()
        .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
        .WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}")
        .CreateLogger();

    /// <summary>
    /// Loads the zones and binds the sockets: the steps that can fail on bad input. Returns null when the
    /// server may start, else the one line that says what is wrong.
    /// </summary>
    public static string? Prepare(IHost host)
    {
        // Settings first: an invalid value throws OptionsValidationException listing every problem.
        _ = host.Services.GetRequiredService<IOptions<TransportOptions>>().Value;
        _ = host.Services.GetRequiredService<IOptions<PoolsOptions>>().Value;
        var loader = host.Services.GetRequiredService<ZoneLoader>();
        if (!loader.LoadAll())
            return $"zones directory {loader.Directory} does not exist; set Dns:ZonesDirectory (e.g. --Dns:ZonesDirectory=/etc/dnslb/zones)";
        try
        {
            host.Services.GetRequiredService<DnsListeners>().Bind();
        }
        catch (ListenerBindException e)
        {
            return e.Message;
        }
        return null;
    }

    /// <summary>The DNS port actually bound (after <see cref="Prepare"/>).</summary>
    public static int BoundPort(IHost host) => host.Services.GetRequiredService<DnsListeners>().Port;
}
