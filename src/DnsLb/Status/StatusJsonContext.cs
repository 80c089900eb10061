using System.Text.Json;
using System.Text.Json.Serialization;
using DnsLb.Status.Webhooks;

namespace DnsLb.Status;

/// <summary>
/// The JSON of the API and the webhooks, generated at build time (no reflection, so it keeps working when
/// the program is trimmed or compiled ahead of time). camelCase names; nulls are written, so every field
/// of the documented shape is always there.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(DrainResponse))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(MemberEvent))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
