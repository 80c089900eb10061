using System.Text.Json.Serialization;

namespace DnsLb.Status;

/// <summary>Whether one probe succeeded.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProbeVerdict>))]
public enum ProbeVerdict
{
    [JsonStringEnumMemberName("ok")]
    Ok,

    [JsonStringEnumMemberName("failed")]
    Failed,
}
