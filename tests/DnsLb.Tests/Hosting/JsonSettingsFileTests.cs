using DnsLb.Hosting.Settings;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Hosting;

/// <summary>appsettings.json problems are one line with the line counted from 1; keys can be found by line.</summary>
public sealed class JsonSettingsFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dnslb-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_directory, "appsettings.json");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Check_CommentsAndTrailingCommas_AreFine() =>
        Assert.Null(JsonSettingsFile.Check(Write("{\n  // a comment\n  \"Dns\": { \"Port\": 53, },\n}\n")));

    [Fact]
    public void Check_MissingFile_IsFine() => Assert.Null(JsonSettingsFile.Check(Path.Combine(_directory, "none.json")));

    [Fact]
    public void Check_SyntaxError_NamesTheFileAndTheLineCountedFromOne()
    {
        var path = Write("{\n  // comment\n  \"Dns\": {\n    \"Port\": 53\n    \"Listen\": []\n  }\n}\n");
        var problem = JsonSettingsFile.Check(path)!;
        Assert.StartsWith($"{JsonSettingsFile.DisplayName(path)}:5: '\"' is invalid after a value.", problem);
        Assert.DoesNotContain("LineNumber", problem);
    }

    [Fact]
    public void Check_KeyWrittenTwice_IsAnError() =>
        Assert.EndsWith(":4: Dns:port is set twice (also on line 2) (the file is JSON; // comments and trailing commas are allowed)",
            JsonSettingsFile.Check(Write("{\"Dns\": {\n  \"Port\": 53,\n  \"Listen\": [],\n  \"port\": 54\n}}")));

    [Fact]
    public void Check_ArrayAtTheTop_IsAnError() =>
        Assert.Contains("the settings must be one JSON object", JsonSettingsFile.Check(Write("[1, 2]")));

    [Fact]
    public void LineOf_FindsNestedKeys_AndListItems()
    {
        var path = Write("{\n  \"Dns\": {\n    \"Listen\": [\n      \"127.0.0.1\",\n      \"::1\"\n    ]\n  }\n}\n");
        Assert.Equal(3, JsonSettingsFile.LineOf(path, "dns:listen"));
        Assert.Equal(5, JsonSettingsFile.LineOf(path, "Dns:Listen:1"));
        Assert.Null(JsonSettingsFile.LineOf(path, "Dns:Port"));
    }

    [Fact]
    public void DisplayName_OfACopyIdenticalToTheProjectsFile_NamesTheProjectsFile()
    {
        var project = Path.Combine(TestPaths.RepositoryRoot, "src", "DnsLb", "appsettings.json");
        var copy = Write(File.ReadAllText(project));
        Assert.Equal(project, Path.GetFullPath(JsonSettingsFile.DisplayName(copy)));
    }

    [Fact]
    public void DisplayName_OfAFileThatDiffers_NamesTheFile()
    {
        var path = Write("{}");
        Assert.Equal(path, Path.GetFullPath(JsonSettingsFile.DisplayName(path)));
    }
}
