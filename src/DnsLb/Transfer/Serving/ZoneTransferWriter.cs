using System.Buffers;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Transfer.Serving;

/// <summary>
/// Sends the answer to a transfer query through a sink, message by message, each signed when the query
/// was (RFC 8945 §5.3.1: every message, chained on the prior MAC). One 64 KiB buffer, rented and reused:
/// a message is built, signed, sent, and only then is the next one built.
/// </summary>
internal static class ZoneTransferWriter
{
    /// <returns>How many messages and records were sent.</returns>
    public static async ValueTask<(int Messages, int Records)> WriteAsync(TransferRequest request, TransferPlan plan, TsigServerExchange? tsig,
        IDnsMessageSink sink, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(TransferMessagePacker.MaxMessageSize);
        try
        {
            using var records = plan.Records().GetEnumerator();
            var packer = new TransferMessagePacker(request, records, tsig?.RecordSize ?? 0);
            while (true)
            {
                int length = packer.Next(buffer.AsSpan(0, TransferMessagePacker.MaxMessageSize));
                if (length == 0)
                    break;
                if (tsig is not null && !tsig.TrySign(buffer.AsSpan(0, TransferMessagePacker.MaxMessageSize), length, out length))
                    throw new InvalidOperationException("no room left for the TSIG record");
                await sink.SendAsync(buffer.AsMemory(0, length), cancellationToken);
            }
            return (packer.Messages, packer.Records);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
