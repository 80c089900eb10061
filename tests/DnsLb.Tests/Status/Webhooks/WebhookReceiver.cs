using System.Collections.Concurrent;
using System.Net;
using DnsLb.Tests.Support;

namespace DnsLb.Tests.Status.Webhooks;

/// <summary>
/// A webhook receiver on 127.0.0.1 and a free port: records every request body and answers as the test
/// scripts it (a status per request number, or no answer at all until it is disposed).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>Pass as a status to hold the request unanswered until the receiver is disposed.</summary>
    public const int Hang = 0;

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<string> _bodies = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<int, int> _status;
    private readonly Task _loop;
    private int _requests;

    /// <param name="status">The status to answer request n (from 1) with, or <see cref="Hang"/>; default 204 to all.</param>
    public WebhookReceiver(Func<int, int>? status = null)
    {
        _status = status ?? (_ => 204);
        int port = FreePort.Find();
        Url = new Uri($"http://127.0.0.1:{port}/hook");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public Uri Url { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The bodies received, in order of arrival.</summary>
    public IReadOnlyList<string> Bodies => [.. _bodies];

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream);
        _bodies.Enqueue(await reader.ReadToEndAsync());
        int status = _status(Interlocked.Increment(ref _requests));
        try
        {
            if (status == Hang)
            {
                await _release.Task;
                context.Response.Abort();
                return;
            }
            context.Response.StatusCode = status;
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // the client gave up first
        }
    }
}
