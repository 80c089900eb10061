namespace DnsLb.Tests.Status.Browser;

/// <summary>The browser tests share one Chromium and run one after another (a browser per test class in parallel would crowd two cores).</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumSession>
{
    public const string Name = "Chromium";
}
