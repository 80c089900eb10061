namespace DnsLb.Tests.Support;

/// <summary>Small zone files used by several end-to-end tests.</summary>
internal static class TestZones
{
    public const string Header = """
        $ORIGIN example.com.
        $TTL 300
        @ IN SOA ns1 hostmaster 1 3600 600 86400 60
        @ IN NS ns1
        ns1 IN A 127.0.0.1

        """;

    /// <summary>example.com with twopir (3 A records), www → twopir, and "many" with <paramref name="many"/> A records.</summary>
    public static Dictionary<string, string> Example(int many = 40)
    {
        var text = Header + "twopir 5 IN A 127.0.0.11\ntwopir 5 IN A 127.0.0.12\ntwopir 5 IN A 127.0.0.13\nwww IN CNAME twopir\n";
        for (int i = 1; i <= many; i++)
            text += $"many IN A 127.0.2.{i}\n";
        return new Dictionary<string, string> { ["example.com.zone"] = text };
    }
}
