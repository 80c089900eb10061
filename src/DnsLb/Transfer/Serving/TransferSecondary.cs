using System.Net;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Transfer.Serving;

/// <summary>
/// One secondary a primary serves, from <c>Transfer:Secondaries</c>: where it is (transfers are allowed
/// from its address; NOTIFY goes to its address and port), what it is sent, and the key it must sign with.
/// </summary>
public sealed record TransferSecondary(IPEndPoint EndPoint, TransferMembers Members, TsigKey? Key)
{
    public override string ToString() => Key is null ? $"{EndPoint} ({Members})" : $"{EndPoint} ({Members}, key {Key.Name})";
}
