using DnsLb.Answering;
using DnsLb.Balancing;
using DnsLb.Draining;
using DnsLb.Forwarding;
using DnsLb.Hosting.Settings;
using DnsLb.Serving;
using DnsLb.Status;
using DnsLb.Status.Metrics;
using DnsLb.Status.Source;
using DnsLb.Transfer;
using DnsLb.Transfer.Secondary;
using TransferAccess = DnsLb.Transfer.Serving.TransferAccess;
using DnsLb.Transport;
using DnsLb.Zones;
using HealthProbe.Registry;
using HealthProbe.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;

namespace DnsLb.Hosting;

/// <summary>
/// Wires the server: configuration (the settings file, then environment variables such as <c>Dns__Port</c>,
/// then the command line), Serilog, zones, the snapshot being served and its reloading, answering,
/// forwarding, zone transfer (primary and secondary, NOTIFY, TSIG, identity), transport, and the status
/// endpoint with drain (the API and the drain directory). Used by Program, by <c>check</c> and by the
/// end-to-end tests.
/// </summary>
public static class DnsLbHost
{
    /// <summary>The section of the probe scheduler's settings (the HealthProbe library knows no configuration).</summary>
    public const string ProbingSection = "Probing";

    /// <param name="args">Command-line settings (they override everything else).</param>
    /// <param name="configure">Extra configuration sources, added last (tests).</param>
    /// <param name="defaults">Settings that replace appsettings.json's but yield to the environment and the command line (demo).</param>
    /// <param name="replace">Changes to the services after they are registered (tests: a handler that fails on purpose).</param>
    /// <param name="settingsFile">The settings file to read (tests); by default <see cref="SettingsFile.Find"/>'s.</param>
    /// <exception cref="SettingsException">The settings file is not valid JSON.</exception>
    public static IHost Build(
        string[] args, Action<IConfigurationBuilder>? configure = null, IDictionary<string, string?>? defaults = null, Action<IServiceCollection>? replace = null,
        string? settingsFile = null)
    {
        // The configuration is built here, source by source, instead of by the host's defaults, so that a
        // broken settings file is one line and nothing reads settings the validation does not know about.
        // The settings file is dnslb.json in the working directory, else appsettings.json beside the binary;
        // relative paths in settings (zones/) stay relative to the working directory, so
        // `dotnet run --project src/DnsLb` from the repository serves ./zones. The file is read again when it
        // changes (see SettingsReload), by our own watcher, so a broken save is refused rather than applied.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        var configuration = builder.Configuration;
        var file = settingsFile is null ? SettingsFile.Find() : new SettingsFile(Path.GetFullPath(settingsFile));
        if (JsonSettingsFile.Check(file.FullPath) is { } problem)
            throw new SettingsException([problem]);
        configuration.AddJsonFile(file.FullPath, optional: true, reloadOnChange: false);
        if (defaults is not null)
            configuration.AddInMemoryCollection(defaults);
        configuration.AddEnvironmentVariables();
        var (settings, argumentProblems) = CommandLineArguments.Sort(args);
        configuration.AddCommandLine([.. settings]);
        configure?.Invoke(configuration);

        var services = builder.Services;
        services.AddSingleton(file);
        SettingsSchema.Of(services).ArgumentProblems = argumentProblems;
        services.AddSettings<TransportOptions>(configuration, TransportOptions.Section);
        services.AddSettings<ZoneOptions>(configuration, TransportOptions.Section); // Dns:ZonesDirectory
        services.AddSettings<PoolsOptions>(configuration, PoolOptions.Section);
        services.AddSettings<ProbeSchedulerOptions>(configuration, ProbingSection);
        services.AddSettings<ForwardingOptions>(configuration, ForwardingOptions.Section);
        services.AddSettings<LoggingOptions>(configuration, LoggingOptions.Section);
        AddLogging(builder);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HealthRegistry>();
        // Subscribed to health changes before the first probe can report (hosted services start in this order).
        services.AddHostedService<PoolHealthLog>();
        services.AddSingleton<DrainRegistry>();
        services.AddSingleton<IDrainControl>(sp => sp.GetRequiredService<DrainRegistry>());
        services.AddSingleton<AnswerTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<AnswerTracker>());
        services.AddSingleton<MemberHistory>();
        services.AddHostedService(sp => sp.GetRequiredService<MemberHistory>());
        services.AddSingleton<ZoneHistory>();
        services.AddSingleton<IStatusSource, LiveStatusSource>();
        services.AddSingleton<DnsMetrics>();
        services.AddStatus(configuration); // its webhooks subscribe here too; the page does not wait for DNS
        services.AddSettings<DrainOptions>(configuration, DrainOptions.Section);
        services.AddHostedService<DrainDirectory>(); // drain files are read before the first query is answered
        services.AddSingleton<ProbeScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ProbeScheduler>());
        services.AddSingleton<PoolCatalog>();
        services.AddSingleton<PoolMembership>();

        services.AddSingleton<ZoneLoader>();
        services.AddSingleton<SettingsReload>();
        services.AddSingleton<ServingState>();
        services.AddTransfer(configuration);
        AddServedVersions(services);
        services.AddSingleton<Reloader>();
        services.AddSingleton<ISecondaryZonePublisher, SecondaryZonePublisher>();
        services.AddSingleton<AuthoritativeAnswerer>();
        services.AddForwarding();
        services.AddSingleton<IDnsQueryHandler, QueryEngine>();
        services.AddSingleton<TransportCounters>();
        services.AddSingleton<DnsListeners>();
        services.AddHostedService<ListenerService>();
        services.AddHostedService<ReloadService>(); // started last, stopped first: no reload while the rest stops
        replace?.Invoke(services);
        return builder.Build();
    }

    /// <summary>
    /// The versions of the zones as served to secondaries: their serials kept across restarts (in
    /// <c>Secondary:Directory</c>, when some secondary is listed), Healthy versions when some secondary wants
    /// them (made anew after health and drain changes), and NOTIFY to the secondaries of each changed version.
    /// </summary>
    private static void AddServedVersions(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var secondaries = sp.GetRequiredService<TransferAccess>().Secondaries;
            var directory = sp.GetRequiredService<IOptions<SecondaryOptions>>().Value.Directory;
            return new ServedSerials(secondaries.Count == 0 ? null : Path.Combine(directory, ServedSerials.FileName), sp.GetRequiredService<ILogger<ServedSerials>>());
        });
        services.AddSingleton(sp => new ZoneVersioning(
            sp.GetRequiredService<IOptions<TransferOptions>>().Value.HistoryLimits,
            sp.GetRequiredService<TransferAccess>().Secondaries.Any(s => s.Members == TransferMembers.Healthy),
            sp.GetRequiredService<ServedSerials>()));
        services.AddSingleton<SecondaryNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<SecondaryNotifier>());
        services.AddHostedService<HealthyVersions>();
    }

    /// <summary>
    /// Serilog writes every event the Logging section lets through. The levels are bound leniently here
    /// (a wrong one keeps its default), because loggers exist before the settings are checked; the check
    /// in <see cref="Prepare"/> then reports it.
    /// </summary>
    private static void AddLogging(HostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var schema = SettingsSchema.Of(builder.Services);
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}")
            .CreateLogger(), dispose: true);
        // After every Configure: AddSerilog adds a rule that lets everything through to Serilog; these replace it.
        builder.Services.PostConfigure<LoggerFilterOptions>(filter =>
        {
            var logging = new LoggingOptions();
            new SettingsBinder(configuration, problems: null).Bind(LoggingOptions.Section, logging, schema);
            filter.Rules.Clear();
            foreach (var (category, level) in logging.LogLevel)
            {
                if (category.Equals("Default", StringComparison.OrdinalIgnoreCase))
                    filter.MinLevel = level;
                else
                    filter.Rules.Add(new LoggerFilterRule(null, category, level, null));
            }
        });
    }

    /// <summary>
    /// Checks every setting, loads the zones (publishing the first snapshot) and binds the sockets: the steps
    /// that can fail on bad input. Returns null when the server may start, else what is wrong, one line per problem.
    /// </summary>
    public static string? Prepare(IHost host)
    {
        var problems = SettingsCheck.Run(host.Services);
        if (problems.Count > 0)
            return string.Join(Environment.NewLine, problems);
        var reloader = host.Services.GetRequiredService<Reloader>();
        if (!reloader.Start())
        {
            var directory = host.Services.GetRequiredService<ZoneLoader>().Directory;
            return $"zones directory {directory} does not exist; set Dns:ZonesDirectory (e.g. --Dns:ZonesDirectory=/etc/dnslb/zones)";
        }
        if (reloader.Conflicts() is { Count: > 0 } conflicts)
            return string.Join(Environment.NewLine, conflicts);
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

    /// <summary>Where the status endpoint listens (after the host started); null when it is off or could not listen.</summary>
    public static System.Net.IPEndPoint? StatusEndPoint(IHost host) => host.Services.GetRequiredService<StatusServer>().EndPoint;
}
