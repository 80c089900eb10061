namespace DnsLb.Tests.Support;

/// <summary>Where the test data and the repository's own files are.</summary>
internal static class TestPaths
{
    public static string TestZone(string name) => Path.Combine(AppContext.BaseDirectory, "TestZones", name);

    /// <summary>The repository root (the folder holding DnsLb.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DnsLb.sln")))
                directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("DnsLb.sln not found above the test binaries");
        }
    }

    public static string ExampleZone => Path.Combine(RepositoryRoot, "zones", "example.com.zone");
}
