using System.Net;

namespace DnsLb.Transfer.Notify;

/// <summary>How one NOTIFY to one secondary ended.</summary>
public sealed record NotifyResult(IPEndPoint Target, NotifyStatus Status, int Attempts, string? Detail = null);
