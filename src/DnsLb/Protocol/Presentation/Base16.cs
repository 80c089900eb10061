namespace DnsLb.Protocol.Presentation;

/// <summary>
/// Base 16 (RFC 4648 §8) as record data writes it: DS digests, SSHFP and TLSA data, salts, RFC 3597's
/// generic form. Read in either case, possibly split over several fields; written in upper case.
/// </summary>
public static class Base16
{
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 2 != 0)
            return false;
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
                return false;
        }
        bytes = Convert.FromHexString(text);
        return true;
    }

    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
