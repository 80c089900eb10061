using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using ILogger = Microsoft.Extensions.Logging.ILogger;

// What any .NET program built like DnsLb holds before it knows any DNS: a UDP responder that allocates nothing
// per datagram (it sends each query back as a response with one A record, 127.0.0.1, for any name), run either
// bare ("bare PORT") or inside the dependencies DnsLb is built on ("host PORT": the generic host with its
// configuration from appsettings.json, environment and command line, dependency injection, and Serilog to the
// console). bench/floor/run.sh measures both beside DnsLb.
if (args.Length != 2 || args[0] is not ("bare" or "host") || !int.TryParse(args[1], out int port))
{
    Console.Error.WriteLine("usage: DnsLb.Floor bare|host PORT");
    return 2;
}
if (args[0] == "bare")
{
    Responder.Run(port);
    return 0;
}
var builder = Host.CreateApplicationBuilder([$"--Port={port}"]);
builder.Logging.ClearProviders();
builder.Logging.AddSerilog(new LoggerConfiguration().WriteTo.Console().CreateLogger(), dispose: true);
builder.Services.AddHostedService<ResponderService>();
await builder.Build().RunAsync();
return 0;

internal static class Responder
{
    public static void Run(int port, ILogger? logger = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        if (logger is null)
            Console.WriteLine($"listening on {socket.LocalEndPoint}");
        else
            logger.LogInformation("listening on {Endpoint}", socket.LocalEndPoint);
        var buffer = new byte[65536];
        var client = new SocketAddress(AddressFamily.InterNetwork);
        while (true)
        {
            int length = socket.ReceiveFrom(buffer, SocketFlags.None, client);
            if (length < 12)
                continue;
            buffer[2] |= 0x80; // QR: a response
            if (buffer[4] == 0 && buffer[5] == 1 && buffer.AsSpan(6, 6).IndexOfAnyExcept((byte)0) < 0)
            {
                // One question and nothing else: append an answer to it (name by pointer to the question).
                ReadOnlySpan<byte> answer = [0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 30, 0, 4, 127, 0, 0, 1];
                answer.CopyTo(buffer.AsSpan(length));
                length += answer.Length;
                buffer[7] = 1;
            }
            socket.SendTo(buffer.AsSpan(0, length), SocketFlags.None, client);
        }
    }
}

internal sealed class ResponderService(IConfiguration configuration, ILogger<ResponderService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int port = configuration.GetValue<int>("Port");
        new Thread(() => Responder.Run(port, logger)) { IsBackground = true, Name = "udp" }.Start();
        return Task.CompletedTask;
    }
}
