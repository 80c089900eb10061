using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HealthProbe.Tests.Support;

/// <summary>
/// A real HTTP(S) server on a loopback address and an ephemeral port, for probe tests: answers every
/// request with <see cref="Status"/> after <see cref="Delay"/>, or never answers (<see cref="Hang"/>:
/// accepts, reads, stays silent, as a frozen process whose kernel still accepts connections), or resets
/// every other connection after reading its request (<see cref="ResetEveryOther"/>: a flapping node).
/// Records the last Host header it saw.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly Socket _listener;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _held = [];
    private int _requests;

    public LoopbackHttpServer(string address = "127.0.0.1", bool tls = false)
    {
        Address = IPAddress.Parse(address);
        _listener = new Socket(Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(Address, 0));
        _listener.Listen(64);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        if (tls)
            _certificate = SelfSigned();
        _ = AcceptLoopAsync();
    }

    public IPAddress Address { get; }
    public int Port { get; }
    public int Status { get; set; } = 200;
    public bool Hang { get; set; }
    public TimeSpan Delay { get; set; }
    public bool ResetEveryOther { get; set; }
    public string? LastHost { get; private set; }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=probe-test.local", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        try
        {
            Stream stream = new NetworkStream(client, ownsSocket: true);
            if (_certificate is not null)
            {
                var ssl = new SslStream(stream);
                await ssl.AuthenticateAsServerAsync(_certificate);
                stream = ssl;
            }
            var head = new StringBuilder();
            var buffer = new byte[4096];
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                int n = await stream.ReadAsync(buffer, _stop.Token);
                if (n == 0)
                    return;
                head.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            var hostLine = head.ToString().Split("\r\n").FirstOrDefault(l => l.StartsWith("Host:", StringComparison.OrdinalIgnoreCase));
            LastHost = hostLine?[5..].Trim();
            if (ResetEveryOther && Interlocked.Increment(ref _requests) % 2 == 1)
            {
                client.LingerState = new LingerOption(true, 0); // close with RST: "connection reset"
                client.Close();
                return;
            }
            if (Hang)
            {
                lock (_held)
                    _held.Add(client);
                await Task.Delay(Timeout.Infinite, _stop.Token);
                return;
            }
            if (Delay > TimeSpan.Zero)
                await Task.Delay(Delay, _stop.Token);
            var response = $"HTTP/1.1 {Status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
            await stream.DisposeAsync();
        }
        catch (Exception)
        {
            client.Dispose(); // handshake rejected by the client, or stopping
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        lock (_held)
        {
            foreach (var socket in _held)
                socket.Dispose();
        }
        _certificate?.Dispose();
    }
}
