using System.Text;

namespace DnsLb.Protocol.Presentation;

/// <summary>
/// Base 32 with the extended hex alphabet (RFC 4648 §7), without padding, as NSEC3 writes its next hashed
/// owner name (RFC 5155 §3.3). Read in either case; written in lower case, as RFC 5155's examples and Knot print it.
/// </summary>
public static class Base32Hex
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuv";

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        foreach (byte b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                sb.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }
        if (bits > 0)
            sb.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return sb.ToString();
    }

    /// <summary>
    /// Decodes unpadded text. A length that no byte count produces (1, 3 or 6 characters past a multiple of
    /// 8) or leftover bits that are not zero mean the text was not written by an encoder: rejected.
    /// </summary>
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if ((text.Length % 8) is 1 or 3 or 6)
            return false;
        var output = new byte[text.Length * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int count = 0;
        foreach (char c in text)
        {
            int value = Value(c);
            if (value < 0)
                return false;
            buffer = ((buffer << 5) | value) & 0xFFF;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output[count++] = (byte)(buffer >> bits);
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0)
            return false;
        bytes = output;
        return true;
    }

    private static int Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'V' => c - 'A' + 10,
        >= 'a' and <= 'v' => c - 'a' + 10,
        _ => -1,
    };
}
