using DnsLb.Transfer.Secondary;

namespace DnsLb.Transfer.Notify;

/// <summary>What an incoming NOTIFY comes to: refresh a zone now, or why not. <see cref="ResponseLength"/> bytes of answer were written (0: send nothing).</summary>
public sealed record NotifyDecision(NotifyVerdict Verdict, SecondaryZone? Zone, uint? HintSerial, int ResponseLength)
{
    public bool RefreshNow => Verdict == NotifyVerdict.Refresh;
}
