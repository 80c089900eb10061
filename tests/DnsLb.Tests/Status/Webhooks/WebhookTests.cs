using System.Net;
using System.Text.Json;
using DnsLb.Status.Webhooks;
using HealthProbe.Probes;
using HealthProbe.Registry;
using HealthProbe.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DnsLb.Tests.Status.Webhooks;

/// <summary>
/// Webhooks get a small JSON POST on every state change and drain, from a queue that never holds up the
/// caller: retried a bounded number of times, each attempt bounded in time, dropped and counted when full.
/// </summary>
public sealed class WebhookTests
{
    private static readonly WebhookDelivery Quick = new(QueueCapacity: 16, MaxRetries: 2, FirstRetryDelay: TimeSpan.FromMilliseconds(20), AttemptTimeout: TimeSpan.FromSeconds(30), StopGrace: TimeSpan.FromMilliseconds(100));

    private static Task<StatusHarness> StartAsync(WebhookDelivery delivery, params WebhookReceiver[] receivers)
    {
        var settings = new Dictionary<string, string?>();
        for (int i = 0; i < receivers.Length; i++)
            settings[$"Status:Webhooks:{i}"] = receivers[i].Url.ToString();
        return StatusHarness.StartAsync(settings, delivery);
    }

    private static void RaiseDown(StatusHarness status, string address)
    {
        var registry = status.Services.GetRequiredService<HealthRegistry>();
        var target = registry.GetOrAdd(StatusSamples.Pool, IPAddress.Parse(address));
        registry.Raise(new HealthChange(target, HealthState.Up, HealthState.Down, 2, "connection refused", new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero)));
    }

    private static WebhookCounters Counters(StatusHarness status) => status.Services.GetRequiredService<WebhookCounters>();

    [Fact]
    public async Task StateChange_IsPostedToEveryWebhook_AsTheDocumentedJson()
    {
        await using var first = new WebhookReceiver();
        await using var second = new WebhookReceiver();
        await using var status = await StartAsync(Quick, first, second);
        RaiseDown(status, "192.168.0.122");

        await Eventually.True(() => first.Bodies.Count == 1 && second.Bodies.Count == 1, "both receivers got the event");
        using var json = JsonDocument.Parse(first.Bodies[0]);
        var root = json.RootElement;
        Assert.Equal("state", root.GetProperty("event").GetString());
        Assert.Equal(StatusSamples.Pool, root.GetProperty("pool").GetString());
        Assert.Equal("192.168.0.122", root.GetProperty("address").GetString());
        Assert.Equal(("up", "down"), (root.GetProperty("from").GetString(), root.GetProperty("to").GetString()));
        Assert.Equal("connection refused", root.GetProperty("reason").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero), root.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("probe", root.GetProperty("source").GetString());
        Assert.Equal(first.Bodies[0], second.Bodies[0]);
        await Eventually.True(() => Counters(status).Sent == 2, "both deliveries counted");
    }

    [Fact]
    public async Task DrainAndUndrain_ThroughTheApi_ArePosted()
    {
        await using var receiver = new WebhookReceiver();
        await using var status = await StartAsync(Quick, receiver);
        const string member = $"/api/pools/{StatusSamples.Pool}/members/192.168.0.121";
        (await status.Client.PostAsync(member + "/drain", null)).EnsureSuccessStatusCode();
        (await status.Client.PostAsync(member + "/drain", null)).EnsureSuccessStatusCode(); // no change: no event
        (await status.Client.PostAsync(member + "/undrain", null)).EnsureSuccessStatusCode();

        await Eventually.True(() => receiver.Bodies.Count == 2, "drain and undrain posted");
        var events = receiver.Bodies.Select(b => JsonDocument.Parse(b).RootElement).ToList();
        Assert.Equal(["drain", "undrain"], events.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal(("serving", "drained"), (events[0].GetProperty("from").GetString(), events[0].GetProperty("to").GetString()));
        Assert.Equal(("drained", "serving"), (events[1].GetProperty("from").GetString(), events[1].GetProperty("to").GetString()));
        Assert.All(events, e => Assert.Equal("api", e.GetProperty("source").GetString()));
        Assert.Equal("drained through the API", events[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ReceiverFailingAtFirst_GetsTheEventOnARetry()
    {
        await using var receiver = new WebhookReceiver(n => n == 1 ? 503 : 200);
        await using var status = await StartAsync(Quick, receiver);
        RaiseDown(status, "192.168.0.121");

        await Eventually.True(() => Counters(status).Sent == 1, "delivered after a retry");
        Assert.Equal(2, receiver.Requests);
        Assert.Equal(receiver.Bodies[0], receiver.Bodies[1]);
        Assert.Equal(0, Counters(status).Failed);
    }

    [Fact]
    public async Task ReceiverThatNeverAnswers_IsGivenUp_AfterTheBoundedAttempts()
    {
        await using var receiver = new WebhookReceiver(_ => WebhookReceiver.Hang);
        await using var status = await StartAsync(Quick with { AttemptTimeout = TimeSpan.FromMilliseconds(300) }, receiver);
        RaiseDown(status, "192.168.0.121");

        await Eventually.True(() => Counters(status).Failed == 1, "given up");
        Assert.Equal(1 + Quick.MaxRetries, receiver.Requests);
        Assert.Contains(status.Log.Messages(LogLevel.Warning), m => m.StartsWith($"webhook {receiver.Url}: state of {StatusSamples.Pool} 192.168.0.121 not delivered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReceiverRefusingForGood_IsNotRetried()
    {
        await using var receiver = new WebhookReceiver(_ => 404);
        await using var status = await StartAsync(Quick, receiver);
        RaiseDown(status, "192.168.0.121");

        await Eventually.True(() => Counters(status).Failed == 1, "refused");
        // The warning is written after the counter moves: wait for it rather than read the log at once.
        await Eventually.True(() => status.Log.Messages(LogLevel.Warning).Any(m => m.EndsWith("refused with HTTP 404", StringComparison.Ordinal)), "the refusal logged");
        Assert.Equal(1, receiver.Requests);
    }

    [Fact]
    public async Task FullQueue_DropsAndCounts_WithoutWaiting()
    {
        await using var receiver = new WebhookReceiver(_ => WebhookReceiver.Hang);
        await using var status = await StartAsync(Quick with { QueueCapacity = 2 }, receiver);
        RaiseDown(status, "192.168.0.121");
        await Eventually.True(() => receiver.Requests == 1, "the first event is being posted");

        for (int i = 0; i < 5; i++)
            RaiseDown(status, "192.168.0.122"); // returns at once although the receiver holds the worker
        Assert.Equal(3, Counters(status).Dropped); // two fit the queue
        Assert.Single(status.Log.Messages(LogLevel.Warning), m => m.Contains("its queue is full", StringComparison.Ordinal));
    }

    [Fact]
    public void ForHealthChange_OfANodeComingUp_SaysFromDownToUp()
    {
        var target = new HealthTarget("p.example.com", IPAddress.Parse("2001:db8::1"));
        var change = new HealthChange(target, HealthState.Down, HealthState.Up, 2, ProbeResult.Ok("HTTP 200").Reason, DateTimeOffset.UnixEpoch);
        Assert.Equal(new MemberEvent("state", "p.example.com", "2001:db8::1", "down", "up", "HTTP 200", DateTimeOffset.UnixEpoch, "probe"), MemberEvent.ForHealthChange(change));
    }
}
