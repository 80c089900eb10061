namespace DnsLb.Status;

/// <summary>What a drain or undrain found.</summary>
public enum DrainResult
{
    /// <summary>The member was found and its drain changed.</summary>
    Changed,

    /// <summary>The member was found and already drained (or already not).</summary>
    Unchanged,

    /// <summary>No pool of that name.</summary>
    UnknownPool,

    /// <summary>The pool has no member at that address.</summary>
    UnknownMember,

    /// <summary>
    /// An undrain through the API of a member a file in the drain directory drains: it stays drained until
    /// the file is removed (any drain through the API is dropped all the same).
    /// </summary>
    HeldByFile,
}
