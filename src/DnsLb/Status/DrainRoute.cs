namespace DnsLb.Status;

/// <summary>The request path <c>/api/pools/{pool}/members/{address}/drain</c> (or <c>/undrain</c>), read.</summary>
internal readonly record struct DrainRoute(string Pool, string Address, bool Drain)
{
    public static bool TryParse(string path, out DrainRoute route)
    {
        route = default;
        var parts = path.Split('/');
        if (parts is not ["", "api", "pools", { Length: > 0 } pool, "members", { Length: > 0 } address, "drain" or "undrain"])
            return false;
        route = new DrainRoute(pool, address, parts[6] == "drain");
        return true;
    }
}
