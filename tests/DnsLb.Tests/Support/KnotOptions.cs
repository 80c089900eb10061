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

    internal string KeysSection() => Keys.Count == 0 ? "" :
        "key:\n" + string.Concat(Keys.Select(k => $"  - id: {k.Name}\n    algorithm: {k.Algorithm}\n    secret: {k.Secret}\n"));

    internal string TransferKeyLine() => TransferKey is null ? "" : $"    key: {TransferKey}";

    internal string RemotesSection() => NotifyPorts.Count == 0 ? "" :
        "remote:\n" + string.Concat(NotifyPorts.Select((port, i) =>
            $"  - id: notify{i}\n    address: 127.0.0.1@{port}\n" + (TransferKey is null ? "" : $"    key: {TransferKey}\n")));

    internal string NotifyLine() => NotifyPorts.Count == 0 ? "" :
        $"    notify: [{string.Join(", ", NotifyPorts.Select((_, i) => $"notify{i}"))}]\n";
}
