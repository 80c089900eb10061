namespace DnsLb.Transfer;

/// <summary>
/// One TSIG key, under <c>Transfer:Keys:&lt;name&gt;</c>: the name is the key's name (as both sides know it),
/// these are its algorithm and secret, as Knot's <c>keymgr -t &lt;name&gt; hmac-sha256</c> or BIND's
/// <c>tsig-keygen -a hmac-sha256 &lt;name&gt;</c> print them.
/// </summary>
public sealed class TsigKeyOptions
{
    /// <summary>The shared secret, base64. Required; never shown in error messages. There is no default value.</summary>
    public string Secret { get; set; } = "";

    /// <summary>hmac-sha256, hmac-sha512, hmac-sha384 or hmac-sha1. The default value is hmac-sha256.</summary>
    public string Algorithm { get; set; } = "hmac-sha256";
}
