using System.Diagnostics.CodeAnalysis;
using DnsLb.Protocol;

namespace DnsLb.Transfer.Tsig;

/// <summary>
/// A TSIG key (RFC 8945 §3): a name both sides know it by, an algorithm and a shared secret. Configured as
/// Knot's <c>keymgr -t name hmac-sha256</c> and BIND's <c>tsig-keygen -a hmac-sha256 name</c> print it: the
/// name, the algorithm name and the secret in base64. Immutable; the secret never leaves this assembly.
/// </summary>
public sealed class TsigKey
{
    private readonly byte[] _secret;

    public TsigKey(DnsName name, TsigAlgorithm algorithm, ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty)
            throw new ArgumentException("a TSIG secret must not be empty", nameof(secret));
        Name = name;
        Algorithm = algorithm;
        _secret = secret.ToArray();
    }

    /// <summary>The key's name; compared without case, and in its lowercased form inside every MAC (RFC 8945 §4.3.3).</summary>
    public DnsName Name { get; }

    public TsigAlgorithm Algorithm { get; }

    internal ReadOnlySpan<byte> Secret => _secret;

    /// <summary>
    /// Reads a key as configured: <paramref name="name"/> a domain name (<c>transfer-key</c> or
    /// <c>transfer-key.</c>), <paramref name="algorithm"/> one of <see cref="TsigAlgorithms.Names"/>,
    /// <paramref name="secret"/> base64. The error never quotes the secret.
    /// </summary>
    public static bool TryCreate(string name, string algorithm, string secret, [NotNullWhen(true)] out TsigKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        var text = name.Trim();
        if (text.Length == 0 || !DnsName.TryParse(text.EndsWith('.') ? text : text + ".", null, out var keyName, out _) || keyName!.IsRoot)
        {
            error = $"'{name}' is not a key name (a domain name such as transfer-key or transfer-key.example.)";
            return false;
        }
        if (!TsigAlgorithms.TryParse(algorithm, out var parsed))
        {
            error = $"'{algorithm}' is not a TSIG algorithm; use one of {string.Join(", ", TsigAlgorithms.Names)}";
            return false;
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(secret.Trim());
        }
        catch (FormatException)
        {
            error = "the secret is not base64 (as keymgr -t or tsig-keygen print it)";
            return false;
        }
        if (bytes.Length == 0)
        {
            error = "the secret is empty";
            return false;
        }
        key = new TsigKey(keyName, parsed, bytes);
        error = null;
        return true;
    }

    public override string ToString() => $"{Name} ({TsigAlgorithms.Name(Algorithm)})";
}
