namespace HealthProbe.Probes;

/// <summary>Creates the probe that <see cref="ProbeOptions"/> describe.</summary>
public static class ProbeFactory
{
    public static IHealthProbe Create(ProbeOptions options) => options.Kind switch
    {
        ProbeKind.Tcp => new TcpConnectProbe(options.EffectivePort),
        ProbeKind.Http or ProbeKind.Https => new HttpProbe(options),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "unknown probe kind"),
    };
}
