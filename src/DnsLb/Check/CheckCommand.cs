using DnsLb.Balancing;
using DnsLb.Hosting;
using DnsLb.Hosting.Settings;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Tsig;
using DnsLb.Zones;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DnsLb.Check;

/// <summary>
/// <c>dotnet run --project src/DnsLb -- check</c> (with any setting, e.g. <c>--Dns:ZonesDirectory=…</c>): checks
/// the settings and every zone file as the server would load them, like <c>named-checkzone</c> and
/// <c>kzonecheck</c>, and the saved copies of secondary zones, without listening on a socket, sending a
/// probe or asking a primary. Prints every problem as
/// <c>file:line: message</c>, warnings too, then a count. Exit code 0 when there is no error (warnings
/// allowed), 1 otherwise.
/// </summary>
internal static class CheckCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        var report = new CheckReport(output);
        IHost host;
        try
        {
            host = DnsLbHost.Build(args);
        }
        catch (SettingsException e)
        {
            foreach (var line in e.Lines)
                report.Error(line);
            report.Summary(0);
            return 1;
        }
        using (host)
        {
            var services = host.Services;
            foreach (var line in SettingsCheck.Located(services))
                report.Error(line);
            var zones = new ZoneChecks();
            var secondary = Valid<SecondaryOptions>(services);
            zones.Run(ZonesDirectory(services), report, secondary?.ZoneList(TsigKeyRing.Empty) ?? [],
                secondary is null ? null : new SavedZones(secondary.Directory));
            if (Valid<PoolsOptions>(services) is { } pools)
                PoolChecks.Run(pools, zones, new SettingsSources(services.GetRequiredService<IConfiguration>()), report);
            report.Summary(zones.Zones.Zones.Count);
        }
        return report.Errors == 0 ? 0 : 1;
    }

    /// <summary>The zones directory as configured, even when another setting of the Dns section is wrong.</summary>
    private static string ZonesDirectory(IServiceProvider services) =>
        Valid<ZoneOptions>(services)?.ZonesDirectory
        ?? services.GetRequiredService<IConfiguration>()[$"Dns:{nameof(ZoneOptions.ZonesDirectory)}"]
        ?? new ZoneOptions().ZonesDirectory;

    private static T? Valid<T>(IServiceProvider services) where T : class
    {
        try
        {
            return services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException)
        {
            return null; // reported with the settings
        }
    }
}
