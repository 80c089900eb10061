using System.Text.Json;
using DnsLb.Tests.Status.Webhooks;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Status.Live;

/// <summary>A webhook receiver on loopback gets every state change of a running DnsLb's members, and every drain and undrain, with who did it.</summary>
public sealed class LiveWebhookTests
{
    private static IReadOnlyList<(string Event, string Address, string From, string To, string Source)> Events(WebhookReceiver receiver) =>
        [.. receiver.Bodies.Select(body =>
        {
            using var json = JsonDocument.Parse(body);
            var e = json.RootElement;
            Assert.Equal(LiveServer.Pool, e.GetProperty("pool").GetString());
            return (e.GetProperty("event").GetString()!, e.GetProperty("address").GetString()!, e.GetProperty("from").GetString()!,
                e.GetProperty("to").GetString()!, e.GetProperty("source").GetString()!);
        })];

    [Fact]
    public async Task Webhook_GetsStateChanges_AndDrainsByApiAndByFile()
    {
        await using var receiver = new WebhookReceiver();
        await using var live = await LiveServer.StartAsync(new Dictionary<string, string?> { ["Status:Webhooks:0"] = receiver.Url.ToString() });
        await live.WaitAllUpAsync();
        await Eventually.True(() => Events(receiver).Count(e => e is ("state", _, "unknown", "up", "probe")) == 3, "every member up");

        live.Backends["127.0.0.12"].Stop();
        await Eventually.True(() => Events(receiver).Contains(("state", "127.0.0.12", "up", "down", "probe")), "127.0.0.12 down");
        live.Backends["127.0.0.12"].Start();
        await Eventually.True(() => Events(receiver).Contains(("state", "127.0.0.12", "down", "up", "probe")), "127.0.0.12 up again");

        await live.PostAsync("127.0.0.13", "drain");
        await Eventually.True(() => Events(receiver).Contains(("drain", "127.0.0.13", "serving", "drained", "api")), "the API drain");
        await live.PostAsync("127.0.0.13", "undrain");
        await Eventually.True(() => Events(receiver).Contains(("undrain", "127.0.0.13", "drained", "serving", "api")), "the API undrain");

        var file = live.TouchDrainFile("127.0.0.11");
        await Eventually.True(() => Events(receiver).Contains(("drain", "127.0.0.11", "serving", "drained", "file")), "the file drain");
        File.Delete(file);
        await Eventually.True(() => Events(receiver).Contains(("undrain", "127.0.0.11", "drained", "serving", "file")), "the file undrain");
        Assert.Equal(1, Events(receiver).Count(e => e.Event == "drain" && e.Source == "file"));
    }
}
