using HealthProbe.Registry;
using HealthProbe.State;

namespace DnsLb.Status.Webhooks;

/// <summary>
/// What a webhook receives, as JSON: <c>{"event":"state","pool":"twopir.example.com","address":"192.168.0.121",
/// "from":"up","to":"down","reason":"connection refused","at":"…","source":"probe"}</c>.
/// </summary>
/// <param name="Event"><c>state</c> (the probes changed its health), <c>drain</c> or <c>undrain</c>.</param>
/// <param name="From">Before: <c>up</c>, <c>down</c>, <c>unknown</c>; <c>serving</c> or <c>drained</c> for a drain.</param>
/// <param name="To">After, in the same words.</param>
/// <param name="Reason">The probe result that decided it, or who drained it.</param>
/// <param name="Source"><c>probe</c>, <c>api</c> or <c>file</c>.</param>
public sealed record MemberEvent(string Event, string Pool, string Address, string From, string To, string Reason, DateTimeOffset At, string Source)
{
    public static MemberEvent ForHealthChange(HealthChange change) => new(
        "state", change.Target.Group, change.Target.Address.ToString(), Word(change.From), Word(change.To), change.Reason, change.At, "probe");

    public static MemberEvent ForDrain(string pool, string address, bool drained, DrainSource source, DateTimeOffset at)
    {
        string by = source == DrainSource.Api ? "api" : "file";
        string reason = (drained, source) switch
        {
            (true, DrainSource.Api) => "drained through the API",
            (true, _) => "drain file created",
            (false, DrainSource.Api) => "undrained through the API",
            (false, _) => "drain file removed",
        };
        return drained
            ? new MemberEvent("drain", pool, address, "serving", "drained", reason, at, by)
            : new MemberEvent("undrain", pool, address, "drained", "serving", reason, at, by);
    }

    private static string Word(HealthState state) => state switch
    {
        HealthState.Up => "up",
        HealthState.Down => "down",
        _ => "unknown",
    };
}
