using System.Text.Json.Serialization;

namespace DnsLb.Status;

/// <summary>Who drains or undrains a member.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DrainSource>))]
public enum DrainSource
{
    /// <summary>A POST to the status endpoint (the page's buttons use it).</summary>
    [JsonStringEnumMemberName("api")]
    Api,

    /// <summary>A file named after the address in the drain directory.</summary>
    [JsonStringEnumMemberName("file")]
    File,
}
