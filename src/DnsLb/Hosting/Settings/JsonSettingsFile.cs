using System.Reflection;
using System.Text.Json;

namespace DnsLb.Hosting.Settings;

/// <summary>
/// appsettings.json read the way the configuration reads it (comments and trailing commas allowed, one
/// object at the top, no key twice), so that a broken file is one line, <c>file:line: what is wrong</c>,
/// with the line counted from 1 (System.Text.Json counts from 0), and a setting's line can be named.
/// <para>
/// The program reads the copy beside its binary; under <c>dotnet run</c> that is a build output copy of
/// src/DnsLb/appsettings.json. While the copy is identical to the project's file, lines name the project's
/// file, the one to edit (its path is stamped into the assembly at build time).
/// </para>
/// </summary>
internal static class JsonSettingsFile
{
    private const string SourceMetadataKey = "DnsLb.SettingsSource";

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Null when the file is missing or well formed, else the one line that says what is wrong where.</summary>
    public static string? Check(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            Scan(File.ReadAllBytes(path));
            return null;
        }
        catch (JsonException e)
        {
            string message = e.Message;
            int suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (suffix >= 0)
                message = message[..suffix];
            return $"{DisplayName(path)}:{(e.LineNumber ?? 0) + 1}: {message} (the file is JSON; // comments and trailing commas are allowed)";
        }
    }

    /// <summary>The line (from 1) where <paramref name="key"/> (e.g. "Dns:Port") is written, if it is.</summary>
    public static int? LineOf(string path, string key)
    {
        try
        {
            return Scan(File.ReadAllBytes(path)).TryGetValue(key, out int line) ? line : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The file as an error line names it: the project's file while the copy matches it; relative to the working directory when below it.</summary>
    public static string DisplayName(string path)
    {
        var full = Path.GetFullPath(path);
        var source = typeof(JsonSettingsFile).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == SourceMetadataKey)?.Value;
        if (source is not null && File.Exists(source) && File.Exists(full) && File.ReadAllBytes(source).AsSpan().SequenceEqual(File.ReadAllBytes(full)))
            full = Path.GetFullPath(source);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }

    /// <summary>Reads the whole file; returns each key's line (keys as configuration writes them: "Dns:Listen:0").</summary>
    private static Dictionary<string, int> Scan(ReadOnlySpan<byte> json)
    {
        if (json.StartsWith("\uFEFF"u8))
            json = json[3..];
        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var containers = new Stack<Container>();
        var reader = new Utf8JsonReader(json, ReaderOptions);
        string? property = null;
        int line = 1;
        int counted = 0;
        while (reader.Read())
        {
            int start = (int)reader.TokenStartIndex;
            line += json[counted..start].Count((byte)'\n');
            counted = start;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = Join(containers.Peek().Path, reader.GetString()!);
                    if (!lines.TryAdd(property, line))
                        throw new JsonException($"{property} is set twice (also on line {lines[property]})", null, line - 1, 0);
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (containers.Count == 0 && reader.TokenType != JsonTokenType.StartObject)
                        throw new JsonException("the settings must be one JSON object, { … }", null, line - 1, 0);
                    containers.Push(new Container(ValuePath(containers, property, lines, line), reader.TokenType == JsonTokenType.StartArray));
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    containers.Pop();
                    break;
                default:
                    if (containers.Count == 0)
                        throw new JsonException("the settings must be one JSON object, { … }", null, line - 1, 0);
                    ValuePath(containers, property, lines, line);
                    break;
            }
        }
        return lines;
    }

    /// <summary>The path of the value that starts here: the pending property's, or the next position of the enclosing array.</summary>
    private static string ValuePath(Stack<Container> containers, string? property, Dictionary<string, int> lines, int line)
    {
        if (containers.Count == 0)
            return "";
        var container = containers.Peek();
        if (!container.IsArray)
            return property!;
        var path = Join(container.Path, (container.Count++).ToString(System.Globalization.CultureInfo.InvariantCulture));
        lines.TryAdd(path, line);
        return path;
    }

    private static string Join(string parent, string key) => parent.Length == 0 ? key : $"{parent}:{key}";

    private sealed class Container(string path, bool isArray)
    {
        public string Path { get; } = path;
        public bool IsArray { get; } = isArray;
        public int Count { get; set; }
    }
}
