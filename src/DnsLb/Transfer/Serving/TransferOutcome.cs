namespace DnsLb.Transfer.Serving;

/// <summary>How one transfer query ended: for logs, metrics and tests.</summary>
public sealed record TransferOutcome(TransferResult Result, int Messages = 1, int Records = 0)
{
    public static readonly TransferOutcome FormErr = new(TransferResult.FormErr);
    public static readonly TransferOutcome Refused = new(TransferResult.Refused);
    public static readonly TransferOutcome NotAuth = new(TransferResult.NotAuth);
    public static readonly TransferOutcome TsigRejected = new(TransferResult.TsigRejected);
}
