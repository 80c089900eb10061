namespace DnsLb.Tests.Support;

/// <summary>How a <see cref="KnotServer"/> serves as a primary in the transfer tests.</summary>
internal sealed record KnotOptions
{
    /// <summary>TSIG keys Knot knows: (name, algorithm, base64 secret).</summary>
    public IReadOnlyList<(string Name, string Algorithm, string Secret)> Keys { get; init; } = [];

    /// <summary>When set, transfers from loopback must be signed with this key (one of <see cref="Keys"/>).</summary>
    public string? TransferKey { get; init; }

    /// <summary>Keep a journal of the zone file's changes on reload, so IXFR is answered incrementally.</summary>
    public bool Journal { get; init; }

    /// <summary>Loopback ports Knot sends NOTIFY to when a zone changes (signed with <see cref="TransferKey"/> when set).</summary>
    public IReadOnlyList<int> NotifyPorts { get; init; } = [];

    /// <summary>
    /// When set, Knot is a secondary: it transfers its zones from a primary on this loopback port (signed
    /// with <see cref="TransferKey"/> when set) and accepts NOTIFY from 127.0.0.1.
    /// </summary>
    public int? PrimaryPort { get; init; }

    internal string KeysSection() => Keys.Count == 0 ? "" :
        "key:\n" + string.Concat(Keys.Select(k => $"  - id: {k.Name}\n    algorithm: {k.Algorithm}\n    secret: {k.Secret}\n"));

    internal string TransferKeyLine() => TransferKey is null ? "" : $"    key: {TransferKey}";

    internal string RemotesSection()
    {
        var remotes = NotifyPorts.Select((port, i) => ($"notify{i}", port)).ToList();
        if (PrimaryPort is int primary)
            remotes.Add(("primary", primary));
        return remotes.Count == 0 ? "" : "remote:\n" + string.Concat(remotes.Select(r =>
            $"  - id: {r.Item1}\n    address: 127.0.0.1@{r.Item2}\n" + (TransferKey is null ? "" : $"    key: {TransferKey}\n")));
    }

    internal string NotifyAclSection() => PrimaryPort is null ? "" :
        "  - id: notify-from-primary\n    address: 127.0.0.1\n    action: notify\n" + (TransferKey is null ? "" : $"    key: {TransferKey}\n");

    /// <summary>The lines of each zone entry after its domain.</summary>
    internal string ZoneLines()
    {
        var lines = PrimaryPort is null ? "    acl: loopback-transfer\n" : "    master: primary\n    acl: [loopback-transfer, notify-from-primary]\n";
        if (NotifyPorts.Count > 0)
            lines += $"    notify: [{string.Join(", ", NotifyPorts.Select((_, i) => $"notify{i}"))}]\n";
        return lines;
    }
}
