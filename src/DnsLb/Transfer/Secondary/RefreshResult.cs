namespace DnsLb.Transfer.Secondary;

/// <summary>What a refresh of a secondary zone came to.</summary>
public enum RefreshResult
{
    /// <summary>A primary confirmed that the copy held is current.</summary>
    UpToDate,

    /// <summary>A new version was transferred, checked and saved: serve <see cref="RefreshOutcome.Zone"/>.</summary>
    Updated,

    /// <summary>No primary gave a usable answer: the copy held (if any) stays.</summary>
    Failed,
}
