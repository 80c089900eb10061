namespace DnsLb.Transfer.Secondary;

/// <summary>What one more message of a transfer response did to it.</summary>
public enum TransferFeed
{
    /// <summary>Good so far; the final SOA has not come yet.</summary>
    NeedMore,

    /// <summary>The response is whole and checked: <see cref="TransferStreamReader.Content"/> holds it.</summary>
    Complete,

    /// <summary>The response is rejected as a whole: <see cref="TransferStreamReader.Error"/> says why.</summary>
    Failed,
}
