using System.Text;

namespace DnsLb.Transfer.Identity;

/// <summary>
/// The name this instance gives when asked which server answered: in the NSID option (RFC 5001) and in
/// the <c>id.server.</c> / <c>hostname.bind.</c> CH TXT answer (RFC 4892). The configured text, or the host
/// name (<see cref="Environment.MachineName"/>, never a DNS lookup) when none is set; UTF-8, cut to the 255
/// bytes one TXT character-string holds. Encoded once, so answering allocates nothing.
/// </summary>
public sealed class ServerIdentity
{
    /// <summary>One TXT character-string (RFC 1035 §3.3): the NSID carries the same bytes.</summary>
    public const int MaxLength = 255;

    private readonly byte[] _bytes;
    private readonly byte[] _txt;

    public ServerIdentity(string? configured)
    {
        var text = string.IsNullOrWhiteSpace(configured) ? Environment.MachineName : configured.Trim();
        _bytes = Cut(text);
        Text = Encoding.UTF8.GetString(_bytes);
        _txt = [(byte)_bytes.Length, .. _bytes];
    }

    public string Text { get; }

    /// <summary>The identity's bytes: the NSID option's payload.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The TXT RDATA: one character-string holding <see cref="Bytes"/>.</summary>
    public ReadOnlySpan<byte> TxtRdata => _txt;

    /// <summary>UTF-8, at most <see cref="MaxLength"/> bytes, never cutting a character in two.</summary>
    private static byte[] Cut(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= MaxLength)
            return bytes;
        int end = MaxLength;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80)
            end--; // back to the first byte of the character that does not fit
        return bytes[..end];
    }

    public override string ToString() => Text;
}
