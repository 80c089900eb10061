using DnsLb.Zones;

namespace DnsLb.Tests.Support;

/// <summary>A temporary zones directory with files written into it; deleted on dispose.</summary>
internal sealed class ZoneDirectory : IDisposable
{
    public ZoneDirectory() => Path = Directory.CreateTempSubdirectory("dnslb-zonedir-").FullName;

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> (folders created) and returns the full path.</summary>
    public string Write(string name, string text)
    {
        var full = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public string Full(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Loads the zone file <paramref name="name"/> as the server would.</summary>
    public ZoneBuildResult Load(string name) => ZoneLoader.LoadFile(Full(name));

    public Zone LoadOk(string name)
    {
        var result = Load(name);
        Assert.True(result.Zone is not null, string.Join("\n", result.Errors));
        return result.Zone!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
