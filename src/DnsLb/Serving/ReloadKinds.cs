namespace DnsLb.Serving;

/// <summary>What a reload looks at. Triggers that arrive while one runs are merged into the next.</summary>
[Flags]
internal enum ReloadKinds
{
    None = 0,

    /// <summary>The zone files: those whose stamps changed are read again.</summary>
    Zones = 1,

    /// <summary>The settings file: read again when its text changed; the pools follow when it is valid.</summary>
    Settings = 2,

    /// <summary>Read everything again, whatever the stamps say, and compare the content (SIGHUP).</summary>
    Force = 4,

    /// <summary>A file watcher saw a change: wait for writing to stop before reloading.</summary>
    Settle = 8,

    /// <summary>SIGHUP: zones and settings, all read again.</summary>
    All = Zones | Settings | Force,
}
