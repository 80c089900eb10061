namespace DnsLb.Transfer.Tsig;

/// <summary>
/// The HMAC algorithms a TSIG key may use (RFC 8945 §6). HMAC-SHA256 is the one to use; HMAC-SHA512 and
/// HMAC-SHA384 are as good; HMAC-SHA1 is there to read older peers' keys. HMAC-MD5 and HMAC-SHA224 are not
/// offered: MD5 is broken, and .NET has no SHA-224 (a key naming either is answered BADKEY, as RFC 8945 §5.2.1
/// asks for an algorithm a server does not implement).
/// </summary>
public enum TsigAlgorithm
{
    HmacSha256,
    HmacSha512,
    HmacSha384,
    HmacSha1,
}
