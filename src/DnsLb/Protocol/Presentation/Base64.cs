namespace DnsLb.Protocol.Presentation;

/// <summary>
/// Base 64 (RFC 4648 §4) as record data writes it: keys, signatures, certificates, DHCID, OPENPGPKEY, ECH.
/// The encoding may be split over several fields (they are joined first); padding is required.
/// </summary>
public static class Base64
{
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 != 0)
            return false;
        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
                return false;
        }
        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out int written))
            return false;
        bytes = buffer[..written];
        return true;
    }

    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes);
}
