using System.ComponentModel.DataAnnotations;
using System.Net;
using DnsLb.Transfer.Notify;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Transfer;

/// <summary>
/// The primary's side of several instances: the secondaries it transfers zones to and notifies, the TSIG
/// keys (which the <c>Secondary</c> section uses too), and how much history IXFR answers from. Bound from
/// the <c>Transfer</c> section. With no secondaries, every transfer query is REFUSED.
/// </summary>
public sealed class TransferOptions : IValidatableObject
{
    public const string Section = "Transfer";

    /// <summary>The secondaries, each by address; a transfer from any other address is REFUSED. The default value is none.</summary>
    public List<TransferSecondaryOptions> Secondaries { get; set; } = [];

    /// <summary>TSIG keys by name (<c>Transfer:Keys:transfer-key:Secret</c>). The default value is none.</summary>
    public Dictionary<string, TsigKeyOptions?> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Versions of each zone kept for IXFR; a secondary further behind gets the whole zone. The default value is 20.</summary>
    [Range(1, 1000)]
    public int HistoryVersions { get; set; } = HistoryLimits.Default.MaxVersions;

    /// <summary>Records kept in those versions' changes, at most, per zone and mode. The default value is 100000.</summary>
    [Range(0, 10_000_000)]
    public int HistoryRecords { get; set; } = HistoryLimits.Default.MaxRecords;

    /// <summary>How many times a NOTIFY is sent before giving up on an acknowledgement. The default value is 5.</summary>
    [Range(1, 20)]
    public int NotifyAttempts { get; set; } = NotifyRetry.Default.Attempts;

    /// <summary>How long the first NOTIFY waits for its acknowledgement; each next attempt waits twice as long. The default value is 1000 ms.</summary>
    [Range(100, 60_000)]
    public int NotifyFirstWaitMs { get; set; } = (int)NotifyRetry.Default.FirstWait.TotalMilliseconds;

    internal HistoryLimits HistoryLimits => new(HistoryVersions, HistoryRecords);

    internal NotifyRetry NotifyRetry => new(NotifyAttempts, TimeSpan.FromMilliseconds(NotifyFirstWaitMs));

    /// <summary>The keys, read (call after validation: a key that does not read is left out).</summary>
    internal TsigKeyRing KeyRing()
    {
        var keys = new List<TsigKey>();
        foreach (var (name, key) in Keys)
        {
            if (key is not null && TsigKey.TryCreate(name, key.Algorithm, key.Secret, out var parsed, out _))
                keys.Add(parsed);
        }
        return new TsigKeyRing(keys);
    }

    /// <summary>The secondaries, read (call after validation).</summary>
    internal IReadOnlyList<TransferSecondary> SecondaryList(TsigKeyRing keys) =>
        [.. Secondaries.Where(s => s.ParsedAddress is not null).Select(s => new TransferSecondary(
            new IPEndPoint(s.ParsedAddress!, s.Port), s.Members, s.Key is { Length: > 0 } key ? Find(keys, key) : null))];

    internal static TsigKey? Find(TsigKeyRing keys, string name) =>
        DnsLb.Protocol.DnsName.TryParse(name.EndsWith('.') ? name : name + ".", null, out var parsed, out _) ? keys.Find(parsed!) : null;

    /// <summary>The keys and the references to them; secrets are never quoted.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, key) in Keys)
        {
            if (key is null || key.Secret.Length == 0)
            {
                yield return new ValidationResult("needs a Secret (base64, as keymgr -t or tsig-keygen print it)", [$"{nameof(Keys)}:{name}:Secret"]);
                continue;
            }
            if (!TsigKey.TryCreate(name, key.Algorithm, key.Secret, out _, out var error))
            {
                var setting = error.StartsWith('\'') && error.Contains("algorithm", StringComparison.Ordinal) ? "Algorithm"
                    : error.Contains("secret", StringComparison.Ordinal) ? "Secret" : null;
                yield return new ValidationResult(error, [setting is null ? $"{nameof(Keys)}:{name}" : $"{nameof(Keys)}:{name}:{setting}"]);
            }
        }
        var seen = new HashSet<(IPAddress, int, string)>();
        for (int i = 0; i < Secondaries.Count; i++)
        {
            var secondary = Secondaries[i];
            if (secondary.Key is { Length: > 0 } key && !Keys.ContainsKey(key) && !Keys.ContainsKey(key.TrimEnd('.')))
                yield return new ValidationResult(KeyMissing(key), [$"{nameof(Secondaries)}:{i}:{nameof(TransferSecondaryOptions.Key)}"]);
            if (secondary.ParsedAddress is { } address && !seen.Add((address, secondary.Port, (secondary.Key ?? "").ToLowerInvariant())))
                yield return new ValidationResult($"{address} port {secondary.Port} is listed twice with the same key", [$"{nameof(Secondaries)}:{i}"]);
            // A secondary's SOA checks are answered from the version its Members mode gets, chosen by source address.
            var other = Secondaries.Take(i).FirstOrDefault(s => s.ParsedAddress is { } a && a.Equals(secondary.ParsedAddress) && s.Members != secondary.Members);
            if (other is not null)
            {
                yield return new ValidationResult(
                    $"{secondary.Address} is listed with Members={other.Members} and Members={secondary.Members}; one address can only get one of them "
                    + "(its SOA queries are answered from the version it transfers)", [$"{nameof(Secondaries)}:{i}:{nameof(TransferSecondaryOptions.Members)}"]);
            }
        }
    }

    internal string KeyMissing(string key) =>
        Keys.Count == 0 ? $"'{key}' is not a key: there are none in Transfer:Keys" : $"'{key}' is not a key in Transfer:Keys ({string.Join(", ", Keys.Keys)})";
}
