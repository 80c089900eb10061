using System.Text.RegularExpressions;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Transfer.Live;

/// <summary>
/// A TSIG key as an operator makes one: with Knot's <c>keymgr -t</c> or BIND's <c>tsig-keygen</c>, its
/// name, algorithm and base64 secret read from what the tool prints, to be copied into DnsLb's settings
/// (<c>Transfer:Keys:&lt;name&gt;</c>) and into the peer's configuration.
/// </summary>
internal sealed partial record GeneratedKey(string Name, string Algorithm, string Secret)
{
    public (string Name, string Algorithm, string Secret) Tuple => (Name, Algorithm, Secret);

    /// <summary><c>keymgr -t name algorithm</c> prints <c># algorithm:name:secret</c> first.</summary>
    public static GeneratedKey FromKeymgr(string name, string algorithm)
    {
        var (code, output, error) = ExternalTool.Run(ExternalTool.Require("keymgr", "knot"), ["-t", name, algorithm]);
        Assert.True(code == 0, error);
        var parts = output.Split('\n').First(l => l.StartsWith("# ", StringComparison.Ordinal))[2..].Trim().Split(':');
        return new GeneratedKey(parts[1], parts[0], parts[2]);
    }

    /// <summary><c>tsig-keygen -a algorithm name</c> prints a named.conf <c>key "name" { algorithm …; secret "…"; };</c> clause.</summary>
    public static GeneratedKey FromTsigKeygen(string name, string algorithm)
    {
        var (code, output, error) = ExternalTool.Run(ExternalTool.Require("tsig-keygen", "bind9"), ["-a", algorithm, name]);
        Assert.True(code == 0, error);
        var match = BindKey().Match(output);
        Assert.True(match.Success, output);
        return new GeneratedKey(match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
    }

    /// <summary>Transfer:Keys:&lt;name&gt;, as the README shows it.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        [$"Transfer:Keys:{Name}:Algorithm"] = Algorithm,
        [$"Transfer:Keys:{Name}:Secret"] = Secret,
    };

    [GeneratedRegex("""key "([^"]+)" \{\s*algorithm ([a-z0-9-]+);\s*secret "([^"]+)";""")]
    private static partial Regex BindKey();
}
