namespace DnsLb.Transfer.Secondary;

/// <summary>One transfer from one primary: the checked content, or why there is none.</summary>
public sealed record TransferAttempt(TransferContent? Content, string? Error, int Messages)
{
    public bool Succeeded => Content is not null;

    /// <summary>The primary answered the IXFR query with NOTIMP or FORMERR: it does not do IXFR, ask for AXFR.</summary>
    public bool IxfrUnsupported { get; init; }
}
