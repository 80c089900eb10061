namespace DnsLb.Status.Metrics;

/// <summary>
/// /metrics from the status snapshot, read once per scrape: per member its state, drain, last probe latency
/// and probe results; per pool its failover budget; per zone its serial, records, reloads and failures.
/// </summary>
internal sealed class StatusMetricsSection(IStatusSource source) : IMetricsSection
{
    private static readonly (MemberState State, string Word)[] States = [(MemberState.Up, "up"), (MemberState.Down, "down"), (MemberState.Unknown, "unknown")];

    public void WriteTo(PrometheusWriter writer)
    {
        var snapshot = source.Read();
        WritePools(writer, snapshot.Pools);
        WriteZones(writer, snapshot.Zones);
    }

    private static void WritePools(PrometheusWriter writer, IReadOnlyList<PoolStatus> pools)
    {
        writer.Family("dnslb_member_up", "gauge", "1 when the member is up, else 0 (down, or not yet confirmed).");
        ForEachMember(pools, (pool, member) => writer.Sample("dnslb_member_up", member.State == MemberState.Up ? 1L : 0L, ("pool", pool.Name), ("member", member.Address)));

        writer.Family("dnslb_member_state", "gauge", "1 for the member's state (up, down or unknown), 0 for the others.");
        ForEachMember(pools, (pool, member) =>
        {
            foreach (var (state, word) in States)
                writer.Sample("dnslb_member_state", member.State == state ? 1L : 0L, ("pool", pool.Name), ("member", member.Address), ("state", word));
        });

        writer.Family("dnslb_member_drained", "gauge", "1 when the member is drained (out of the answers on purpose), else 0.");
        ForEachMember(pools, (pool, member) => writer.Sample("dnslb_member_drained", member.Drained ? 1L : 0L, ("pool", pool.Name), ("member", member.Address)));

        writer.Family("dnslb_member_safe_to_stop", "gauge", "1 when the member is out of the answers for longer than the TTL while another member is up.");
        ForEachMember(pools, (pool, member) => writer.Sample("dnslb_member_safe_to_stop", member.SafeToStop ? 1L : 0L, ("pool", pool.Name), ("member", member.Address)));

        writer.Family("dnslb_probe_latency_seconds", "gauge", "How long the member's latest probe took.");
        ForEachMember(pools, (pool, member) =>
        {
            if (member.LastProbe is { } probe)
                writer.Sample("dnslb_probe_latency_seconds", probe.LatencyMs / 1000, ("pool", pool.Name), ("member", member.Address));
        });

        writer.Family("dnslb_probe_results_total", "counter", "Probes of the member since it joined the pool, by result.");
        ForEachMember(pools, (pool, member) =>
        {
            writer.Sample("dnslb_probe_results_total", member.ProbesOk, ("pool", pool.Name), ("member", member.Address), ("result", "ok"));
            writer.Sample("dnslb_probe_results_total", member.ProbesFailed, ("pool", pool.Name), ("member", member.Address), ("result", "failed"));
        });

        writer.Family("dnslb_pool_failover_budget_seconds", "gauge", "At worst, how long a client may still be handed a dead member: detection time plus TTL.");
        foreach (var pool in pools)
            writer.Sample("dnslb_pool_failover_budget_seconds", pool.FailoverBudget.TotalSeconds, ("pool", pool.Name));
    }

    private static void WriteZones(PrometheusWriter writer, IReadOnlyList<ZoneStatus> zones)
    {
        writer.Family("dnslb_zone_serial", "gauge", "The SOA serial of the zone version served.");
        foreach (var zone in zones)
            writer.Sample("dnslb_zone_serial", (long)zone.Serial, ("zone", zone.Name));

        writer.Family("dnslb_zone_records", "gauge", "Records in the zone version served.");
        foreach (var zone in zones)
            writer.Sample("dnslb_zone_records", (long)zone.Records, ("zone", zone.Name));

        writer.Family("dnslb_zone_reloads_total", "counter", "Successful loads of the zone's file since start.");
        foreach (var zone in zones)
            writer.Sample("dnslb_zone_reloads_total", zone.Reloads, ("zone", zone.Name));

        writer.Family("dnslb_zone_reload_failures_total", "counter", "Loads of the zone's file that failed (the last good version kept serving).");
        foreach (var zone in zones)
            writer.Sample("dnslb_zone_reload_failures_total", zone.ReloadFailures, ("zone", zone.Name));

        writer.Family("dnslb_zone_last_reload_timestamp_seconds", "gauge", "When the zone version served was loaded (Unix time).");
        foreach (var zone in zones)
        {
            if (zone.LastReload is { } at)
                writer.Sample("dnslb_zone_last_reload_timestamp_seconds", at.ToUnixTimeMilliseconds() / 1000.0, ("zone", zone.Name));
        }
    }

    private static void ForEachMember(IReadOnlyList<PoolStatus> pools, Action<PoolStatus, MemberStatus> write)
    {
        foreach (var pool in pools)
        {
            foreach (var member in pool.Members)
                write(pool, member);
        }
    }
}
