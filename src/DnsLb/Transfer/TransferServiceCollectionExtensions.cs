using DnsLb.Hosting.Settings;
using DnsLb.Transfer.Notify;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Transfer;

/// <summary>
/// Registers the transfer components: the <c>Transfer</c> and <c>Secondary</c> settings (strict, validated
/// on start with every problem listed), the key ring, the primary's access rule and transfer service, the
/// NOTIFY sender, and the secondary's clients, saved copies, refresher and the loop that keeps secondary zones
/// current. Not called by the host yet: the query engine and the snapshot will use these services once wired.
/// </summary>
internal static class TransferServiceCollectionExtensions
{
    /// <remarks>
    /// Needs a <see cref="TimeProvider"/> and logging registered, as the host does, and an
    /// <see cref="ISecondaryZonePublisher"/> (the snapshot's side) for the secondary zones' loop.
    /// </remarks>
    public static IServiceCollection AddTransfer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<TransferOptions>(configuration, TransferOptions.Section);
        services.AddSettings<SecondaryOptions>(configuration, SecondaryOptions.Section);
        services.AddSingleton<IValidateOptions<SecondaryOptions>, SecondaryKeyValidator>();

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TransferOptions>>().Value.KeyRing());
        services.AddSingleton(sp => new TransferAccess(sp.GetRequiredService<IOptions<TransferOptions>>().Value.SecondaryList(sp.GetRequiredService<TsigKeyRing>())));
        services.AddSingleton<ZoneTransferService>();
        services.AddSingleton(sp => new NotifySender(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<TransferOptions>>().Value.NotifyRetry,
            sp.GetRequiredService<ILogger<NotifySender>>()));

        services.AddSingleton<IReadOnlyList<SecondaryZone>>(sp => sp.GetRequiredService<IOptions<SecondaryOptions>>().Value.ZoneList(sp.GetRequiredService<TsigKeyRing>()));
        services.AddSingleton(TransferClientLimits.Default);
        services.AddSingleton<TransferClient>();
        services.AddSingleton<SoaQueryClient>();
        services.AddSingleton(sp => new SavedZones(sp.GetRequiredService<IOptions<SecondaryOptions>>().Value.Directory));
        services.AddSingleton<SecondaryRefresher>();
        services.AddSingleton<SecondaryZoneService>();
        services.AddHostedService(sp => sp.GetRequiredService<SecondaryZoneService>());
        return services;
    }
}
