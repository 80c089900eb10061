namespace DnsLb.Status.Webhooks;

/// <summary>
/// How hard each webhook URL is tried. Not settings: the defaults suit an alerting receiver; tests shorten them.
/// </summary>
/// <param name="QueueCapacity">Events waiting per URL; past that new ones are dropped and counted. The default value is 256.</param>
/// <param name="MaxRetries">Retries after a failed attempt (so at most one more attempt than this). The default value is 3.</param>
/// <param name="FirstRetryDelay">The delay before the first retry, doubled each time, with jitter. The default value is 1 s.</param>
/// <param name="AttemptTimeout">One attempt not answered after this fails. The default value is 5 s.</param>
/// <param name="StopGrace">
/// At stop, how long what is queued may still be sent before the rest is given up: a dead receiver must not
/// hold up a stop. The default value is 2 s.
/// </param>
internal sealed record WebhookDelivery(int QueueCapacity, int MaxRetries, TimeSpan FirstRetryDelay, TimeSpan AttemptTimeout, TimeSpan StopGrace)
{
    public static readonly WebhookDelivery Default = new(256, 3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2));
}
