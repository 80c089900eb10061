using DnsLb.Zones;

namespace DnsLb.Answering;

/// <summary>
/// Decides which records of an A or AAAA RRset go into an answer, and in what order. This is where
/// health-aware pools plug into answering; names that are not pools keep every record in zone order.
/// Each <see cref="Serving.ServingSnapshot"/> carries the selector made for its zones.
/// </summary>
public interface IAddressSelector
{
    /// <summary>
    /// Writes the indexes of the records to answer, in answer order, into <paramref name="order"/> (as long as
    /// the set) and returns how many. <see cref="AddressSelection.NoData"/> and
    /// <see cref="AddressSelection.ServFail"/> replace the whole answer.
    /// </summary>
    AddressSelection Select(RRSet set, Span<int> order, out int count);
}

/// <summary>The outcome of <see cref="IAddressSelector.Select"/>.</summary>
public enum AddressSelection
{
    Records,
    NoData,
    ServFail,
}

/// <summary>Every record, in zone-file order: the answer for names that are not pools.</summary>
public sealed class ZoneOrderSelector : IAddressSelector
{
    public static readonly ZoneOrderSelector Instance = new();

    public AddressSelection Select(RRSet set, Span<int> order, out int count)
    {
        count = set.Count;
        for (int i = 0; i < count; i++)
            order[i] = i;
        return AddressSelection.Records;
    }
}
