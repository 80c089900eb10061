using System.Net;
using DnsLb.Transfer.Serving;
using DnsLb.Zones;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transfer.Secondary;

/// <summary>
/// One refresh of a secondary zone, as the timers or a NOTIFY call for it: each primary in turn is asked
/// for its SOA; a serial not newer than ours (RFC 1982) is contact enough; a newer one is transferred, by
/// IXFR from our version when we hold one (AXFR when the primary does not do IXFR, or when its changes do
/// not apply to our copy, RFC 1995 §4), checked whole, saved to disk, and handed back to be served. A
/// primary that fails in any way is passed over for the next; the copy held stays until one succeeds.
/// </summary>
internal sealed partial class SecondaryRefresher(TransferClient transfers, SoaQueryClient soaQueries, SavedZones saved, TimeProvider time,
    ILogger<SecondaryRefresher> logger)
{
    public async Task<RefreshOutcome> RefreshAsync(SecondaryZone zone, Zone? current, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var primary in zone.Primaries)
        {
            var soa = await soaQueries.QueryAsync(primary, zone.Origin, zone.Key, cancellationToken);
            if (!soa.Succeeded)
            {
                Problem(problems, zone, primary, $"SOA query: {soa.Error}");
                continue;
            }
            if (current is not null && !new SerialNumber(soa.Serial).IsNewerThan(new SerialNumber(current.Serial)))
            {
                saved.Touch(zone.Origin, time.GetUtcNow());
                LogUpToDate(logger, zone.Origin.ToString(), current.Serial, primary);
                return new RefreshOutcome(RefreshResult.UpToDate, current, primary, null);
            }
            var (transferred, kind, error) = await TransferAsync(zone, primary, current, cancellationToken);
            if (transferred is null)
            {
                Problem(problems, zone, primary, error!);
                continue;
            }
            if (ReferenceEquals(transferred, current))
                return new RefreshOutcome(RefreshResult.UpToDate, current, primary, null);
            await SaveAsync(zone, transferred, primary, cancellationToken);
            LogUpdated(logger, zone.Origin.ToString(), current?.Serial.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none",
                transferred.Serial, primary, kind == TransferKind.Incremental ? "IXFR" : "AXFR", transferred.RecordCount, saved.PathOf(zone.Origin));
            return new RefreshOutcome(RefreshResult.Updated, transferred, primary, null);
        }
        return new RefreshOutcome(RefreshResult.Failed, current, null, string.Join("; ", problems));
    }

    /// <summary>
    /// IXFR when we hold a version (falling back to AXFR), else AXFR; the new zone built and checked, and
    /// whether it came as changes (Incremental) or whole, or why not.
    /// </summary>
    private async Task<(Zone? Zone, TransferKind Kind, string? Error)> TransferAsync(SecondaryZone zone, IPEndPoint primary, Zone? current, CancellationToken cancellationToken)
    {
        var attempt = await transfers.TransferAsync(primary, zone.Origin, current, zone.Key, cancellationToken);
        if (!attempt.Succeeded && current is not null && attempt.IxfrUnsupported)
        {
            LogIxfrUnsupported(logger, zone.Origin.ToString(), primary);
            return await TransferAsync(zone, primary, null, cancellationToken);
        }
        if (attempt.Content is not { } content)
            return (null, TransferKind.Full, $"{(current is null ? "AXFR" : "IXFR")}: {attempt.Error}");
        if (content.Kind == TransferKind.UpToDate)
            return current is null ? (null, content.Kind, "AXFR brought no zone") : (current, content.Kind, null);
        if (current is not null && !new SerialNumber(content.Serial).IsNewerThan(new SerialNumber(current.Serial)))
            return (null, content.Kind, $"the primary sent serial {content.Serial}, not newer than ours ({current.Serial})");
        string source = saved.PathOf(zone.Origin);
        var built = content.Kind == TransferKind.Full
            ? ZoneFromRecords.Build(zone.Origin, content.Records, source)
            : IxfrApplier.Apply(current!, content.Steps, source);
        if (built.Zone is { } result)
            return (result, content.Kind, null);
        var errors = string.Join("; ", built.Errors.Take(5));
        if (content.Kind == TransferKind.Incremental)
        {
            LogIxfrInconsistent(logger, zone.Origin.ToString(), primary, errors);
            return await TransferAsync(zone, primary, null, cancellationToken);
        }
        return (null, content.Kind, $"the transferred zone is not valid: {errors}");
    }

    /// <summary>Saves the copy; a disk that fails is logged, and the new version is served all the same.</summary>
    private async Task SaveAsync(SecondaryZone zone, Zone transferred, IPEndPoint primary, CancellationToken cancellationToken)
    {
        try
        {
            await saved.SaveAsync(transferred, $"{zone.Origin} serial {transferred.Serial}, transferred from {primary} at {time.GetUtcNow():O} by DnsLb",
                cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSaveFailed(logger, zone.Origin.ToString(), saved.PathOf(zone.Origin), e.Message);
        }
    }

    private void Problem(List<string> problems, SecondaryZone zone, IPEndPoint primary, string problem)
    {
        problems.Add($"{primary}: {problem}");
        LogPrimaryFailed(logger, zone.Origin.ToString(), primary, problem);
    }
}
