using System.Net;
using DnsLb.Status.Webhooks;
using Microsoft.Extensions.Logging;

namespace DnsLb.Status;

/// <summary>
/// The one way members are drained and undrained, whoever asks (the API, the drain directory): changes the
/// state through <see cref="IDrainControl"/>, logs who did it and when, and tells the webhooks. A request
/// that changes nothing (already drained) is neither logged nor announced.
/// </summary>
internal sealed partial class DrainCommands(IDrainControl control, WebhookNotifier webhooks, TimeProvider time, ILogger<DrainCommands> logger)
{
    public DrainResult Drain(string pool, IPAddress address, DrainSource source) => Apply(pool, address, source, drain: true);

    public DrainResult Undrain(string pool, IPAddress address, DrainSource source) => Apply(pool, address, source, drain: false);

    private DrainResult Apply(string pool, IPAddress address, DrainSource source, bool drain)
    {
        pool = pool.TrimEnd('.');
        var result = drain ? control.Drain(pool, address, source) : control.Undrain(pool, address, source);
        if (result != DrainResult.Changed)
            return result;
        var now = time.GetUtcNow();
        string text = address.ToString();
        string by = source == DrainSource.Api ? "the API" : "the drain directory";
        if (drain)
            LogDrained(logger, pool, text, by, now);
        else
            LogUndrained(logger, pool, text, by, now);
        webhooks.Publish(MemberEvent.ForDrain(pool, text, drain, source, now));
        return result;
    }
}
