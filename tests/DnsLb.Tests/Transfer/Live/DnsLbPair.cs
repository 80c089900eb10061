using System.Globalization;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Transfer.Live;

/// <summary>
/// Two DnsLb servers as two Pis would run them, on one machine: the primary on 127.0.0.21 serving the zone
/// file, the secondary on 127.0.0.22 transferring it (signed with a key from tsig-keygen), each probing the
/// pool www on the same web nodes. The secondary's saved copies live in a folder the pair owns, so a test can
/// restart the secondary without its primary.
/// </summary>
internal sealed class DnsLbPair : IAsyncDisposable
{
    public const string PrimaryAddress = "127.0.0.21";
    public const string SecondaryAddress = "127.0.0.22";

    private readonly Backends _backends;
    private readonly GeneratedKey _key;
    private readonly int _secondaryPort;
    private readonly string _savedCopies = Directory.CreateTempSubdirectory("dnslb-pair-saved-").FullName;

    private DnsLbPair(Backends backends, GeneratedKey key, int secondaryPort)
    {
        _backends = backends;
        _key = key;
        _secondaryPort = secondaryPort;
    }

    public TestServer? Primary { get; private set; }

    public TestServer? Secondary { get; private set; }

    public string SavedCopies => _savedCopies;

    /// <summary>Starts both; returns once the secondary serves the primary's serial 1.</summary>
    public static async Task<DnsLbPair> StartAsync(Backends backends, uint serial = 1, IDictionary<string, string?>? primarySettings = null)
    {
        var pair = new DnsLbPair(backends, GeneratedKey.FromTsigKeygen("pi-pair", "hmac-sha256"), FreePort.Find(SecondaryAddress));
        try
        {
            var settings = pair.PrimarySettings();
            foreach (var (name, value) in primarySettings ?? new Dictionary<string, string?>())
                settings[name] = value;
            pair.Primary = await LiveZone.StartPrimaryAsync(backends, settings, serial);
            pair.Secondary = await pair.StartSecondaryAsync(pair._secondaryPort, primaryPort: pair.Primary.Port);
            await Eventually.True(() => LiveZone.Serial(pair.Secondary, SecondaryAddress) == serial, $"the secondary serves serial {serial}");
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the secondary and starts it again (on a new port) with the same saved copies; the primary stays as it is, alive or not.</summary>
    public async Task RestartSecondaryAsync(int primaryPort)
    {
        await StopSecondaryAsync();
        await StartSecondaryAgainAsync(port: 0, primaryPort);
    }

    /// <summary>Stops the secondary, as a Pi that dies; its saved copies stay.</summary>
    public async Task StopSecondaryAsync()
    {
        await Secondary!.DisposeAsync();
        Secondary = null;
    }

    /// <summary>Starts the secondary again with its saved copies, on <paramref name="port"/> (its own, for the primary's NOTIFY, or 0).</summary>
    public async Task StartSecondaryAgainAsync(int port, int primaryPort) => Secondary = await StartSecondaryAsync(port, primaryPort);

    /// <summary>The port the primary sends NOTIFY to.</summary>
    public int SecondaryPort => _secondaryPort;

    /// <summary>Stops the primary, as a Pi that dies.</summary>
    public async Task StopPrimaryAsync()
    {
        await Primary!.DisposeAsync();
        Primary = null;
    }

    private Dictionary<string, string?> PrimarySettings()
    {
        var settings = _key.Settings();
        settings["Dns:Listen:0"] = PrimaryAddress;
        settings["Transfer:Secondaries:0:Address"] = SecondaryAddress;
        settings["Transfer:Secondaries:0:Port"] = _secondaryPort.ToString(CultureInfo.InvariantCulture);
        settings["Transfer:Secondaries:0:Key"] = _key.Name;
        return settings;
    }

    private Task<TestServer> StartSecondaryAsync(int port, int primaryPort)
    {
        var settings = LiveZone.PoolSettings(_backends);
        foreach (var (name, value) in _key.Settings())
            settings[name] = value;
        settings["Dns:Listen:0"] = SecondaryAddress;
        settings["Dns:Port"] = port.ToString(CultureInfo.InvariantCulture);
        settings["Secondary:Zones:example.com:Primaries:0"] = $"{PrimaryAddress}:{primaryPort}";
        settings["Secondary:Zones:example.com:Key"] = _key.Name;
        settings["Secondary:Directory"] = _savedCopies;
        return TestServer.StartAsync(new Dictionary<string, string>(), settings);
    }

    public async ValueTask DisposeAsync()
    {
        if (Secondary is not null)
            await Secondary.DisposeAsync();
        if (Primary is not null)
            await Primary.DisposeAsync();
        try
        {
            Directory.Delete(_savedCopies, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
