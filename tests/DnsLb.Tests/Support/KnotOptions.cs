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

    /// <summary>
    /// The loopback address Knot listens on and, as a secondary, sends its queries from (<c>via</c>), so a
    /// primary can tell it from other clients. The default value is 127.0.0.1.
    /// </summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>The address of the primary (<see cref="PrimaryPort"/>), which NOTIFY is accepted from too. The default value is 127.0.0.1.</summary>
    public string PrimaryAddress { get; init; } = "127.0.0.1";

    /// <summary>The port Knot listens on; 0 picks a free one. The default value is 0.</summary>
    public int Port { get; init; }

    internal string KeysSection() => Keys.Count == 0 ? "" :
        "key:\n" + string.Concat(Keys.Select(k => $"  - id: {k.Name}\n    algorithm: {k.Algorithm}\n    secret: {k.Secret}\n"));

    internal string TransferKeyLine() => TransferKey is null ? "" : $"    key: {TransferKey}";

    internal string RemotesSection()
    {
        var remotes = NotifyPorts.Select((port, i) => ($"notify{i}", "127.0.0.1", port)).ToList();
        if (PrimaryPort is int primary)
            remotes.Add(("primary", PrimaryAddress, primary));
        return remotes.Count == 0 ? "" : "remote:\n" + string.Concat(remotes.Select(r =>
            $"  - id: {r.Item1}\n    address: {r.Item2}@{r.Item3}\n    via: {Address}\n" + (TransferKey is null ? "" : $"    key: {TransferKey}\n")));
    }

    internal string NotifyAclSection() => PrimaryPort is null ? "" :
        $"  - id: notify-from-primary\n    address: {PrimaryAddress}\n    action: notify\n" + (TransferKey is null ? "" : $"    key: {TransferKey}\n");

    /// <summary>The lines of each zone entry after its domain.</summary>
    internal string ZoneLines()
    {
        var lines = PrimaryPort is null ? "    acl: loopback-transfer\n" : "    master: primary\n    acl: [loopback-transfer, notify-from-primary]\n";
        if (NotifyPorts.Count > 0)
            lines += $"    notify: [{string.Join(", ", NotifyPorts.Select((_, i) => $"notify{i}"))}]\n";
        return lines;
    }
}
