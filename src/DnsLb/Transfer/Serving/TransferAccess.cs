using System.Net;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Transfer.Serving;

/// <summary>
/// Who may transfer zones (RFC 5936 §5: an access rule is the server's to set): the listed secondaries,
/// each by its source address, and by its key when one is set (the query must then be validly signed with
/// that key). Anyone else is refused. A source address listed more than once takes the entry whose key
/// signed the query, else its entry without a key.
/// </summary>
public sealed class TransferAccess(IReadOnlyList<TransferSecondary> secondaries)
{
    public IReadOnlyList<TransferSecondary> Secondaries => secondaries;

    /// <summary>The entry that allows <paramref name="client"/>, whose query was validly signed with <paramref name="signedWith"/> (or unsigned: null).</summary>
    public TransferSecondary? Find(IPAddress client, TsigKey? signedWith)
    {
        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        TransferSecondary? keyless = null;
        foreach (var secondary in secondaries)
        {
            var listed = secondary.EndPoint.Address;
            if (!(listed.IsIPv4MappedToIPv6 ? listed.MapToIPv4() : listed).Equals(address))
                continue;
            if (secondary.Key is null)
                keyless ??= secondary;
            else if (signedWith is not null && secondary.Key.Name.Equals(signedWith.Name) && secondary.Key.Algorithm == signedWith.Algorithm)
                return secondary;
        }
        return keyless;
    }
}
