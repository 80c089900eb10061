using DnsLb.Hosting.Settings;
using DnsLb.Transfer.Identity;
using DnsLb.Transfer.Notify;
using DnsLb.Transfer.Secondary;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;
using DnsLb.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DnsLb.Transfer;

/// <summary>
/// Registers the transfer components: the <c>Transfer</c> and <c>Secondary</c> settings and <c>Dns:ServerId</c>
/// (strict, validated on start with every problem listed), the key ring, the primary's access rule and
/// transfer service, the NOTIFY sender, the secondary's clients, saved copies, refresher and the loop that
/// keeps secondary zones current, the server's identity, and the <see cref="TransferEndpoint"/> the query
/// engine hands transfers and NOTIFY to.
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
        services.AddSettings<IdentityOptions>(configuration, TransportOptions.Section); // Dns:ServerId
        services.AddSingleton<IValidateOptions<SecondaryOptions>, SecondaryKeyValidator>();
        services.AddSingleton<IValidateOptions<SecondaryOptions>, SecondaryDirectoryValidator>();

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TransferOptions>>().Value.KeyRing());
        services.AddSingleton(sp => new TransferAccess(sp.GetRequiredService<IOptions<TransferOptions>>().Value.SecondaryList(sp.GetRequiredService<TsigKeyRing>())));
        services.AddSingleton<ZoneTransferService>();
        services.AddSingleton(sp => OutgoingAddress.FromListen(sp.GetRequiredService<IOptions<TransportOptions>>().Value.Listen));
        services.AddSingleton(sp => new NotifySender(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<TransferOptions>>().Value.NotifyRetry,
            sp.GetRequiredService<ILogger<NotifySender>>(), sp.GetRequiredService<OutgoingAddress>()));

        services.AddSingleton<IReadOnlyList<SecondaryZone>>(sp => sp.GetRequiredService<IOptions<SecondaryOptions>>().Value.ZoneList(sp.GetRequiredService<TsigKeyRing>()));
        services.AddSingleton(TransferClientLimits.Default);
        services.AddSingleton<TransferClient>();
        services.AddSingleton<SoaQueryClient>();
        services.AddSingleton(sp => new SavedZones(sp.GetRequiredService<IOptions<SecondaryOptions>>().Value.Directory));
        services.AddSingleton<SecondaryRefresher>();
        services.AddSingleton<SecondaryZoneService>();
        services.AddHostedService(sp => sp.GetRequiredService<SecondaryZoneService>());

        services.AddSingleton(sp => new ServerIdentity(sp.GetRequiredService<IOptions<IdentityOptions>>().Value.ServerId));
        services.AddSingleton<TransferEndpoint>();
        return services;
    }
}
