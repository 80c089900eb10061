using System.Text.Json.Serialization;

namespace DnsLb.Status;

/// <summary>A member's health as the probes judged it (the words the page and the JSON use).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemberState>))]
public enum MemberState
{
    /// <summary>Not yet confirmed either way; answered, as a new node is served at once.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    [JsonStringEnumMemberName("up")]
    Up,

    [JsonStringEnumMemberName("down")]
    Down,
}
