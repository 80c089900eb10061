using System.Buffers.Binary;
using DnsLb.Protocol;

namespace DnsLb.Forwarding;

/// <summary>
/// An upstream's answer kept as a ready-made response: header room, the question (lowercased) and the
/// records re-encoded by our writer with the OPT record left out, plus where each TTL sits. Serving it is a
/// copy, the client's ID, flags and question case written over it, and each TTL counted down by the entry's
/// age (RFC 1035 §3.2.1): no parsing, no allocation. The question name keeps its length whatever its case,
/// so compression pointers into it stay valid.
/// </summary>
internal sealed class CachedAnswer
{
    /// <summary>RFC 8767 §4: stale records are handed out with a TTL of 30 seconds.</summary>
    public const uint StaleTtl = 30;

    private readonly byte[] _message;
    private readonly int[] _ttlOffsets;
    private readonly int _additionalStart;
    private readonly ushort _answers;
    private readonly ushort _authorities;
    private readonly ushort _additionals;
    private readonly long _frequency;
    private long _staleServeUntil;

    public CachedAnswer(byte[] key, AnswerKind kind, ResponseCode rcode, bool authenticData, byte[] message, int[] ttlOffsets,
        int additionalStart, ushort answers, ushort authorities, ushort additionals, long storedAt, long frequency, uint lifetimeSeconds, uint staleSeconds)
    {
        Key = key;
        Kind = kind;
        Rcode = rcode;
        AuthenticData = authenticData;
        _message = message;
        _ttlOffsets = ttlOffsets;
        _additionalStart = additionalStart;
        _answers = answers;
        _authorities = authorities;
        _additionals = additionals;
        _frequency = frequency;
        StoredAt = storedAt;
        LifetimeSeconds = lifetimeSeconds;
        ExpiresAt = storedAt + lifetimeSeconds * frequency;
        StaleUntil = kind == AnswerKind.Failure ? ExpiresAt : ExpiresAt + staleSeconds * frequency;
    }

    public byte[] Key { get; }
    public AnswerKind Kind { get; }
    public ResponseCode Rcode { get; }
    public bool AuthenticData { get; }

    /// <summary>How long the answer may be served fresh; 0 means it is shared by the waiting clients but not cached.</summary>
    public uint LifetimeSeconds { get; }

    /// <summary>Timestamps (<see cref="TimeProvider.GetTimestamp"/>) of storing, expiry and the end of the stale window.</summary>
    public long StoredAt { get; }
    public long ExpiresAt { get; }
    public long StaleUntil { get; }

    /// <summary>Set when the entry is served or re-stored; the cache's eviction gives such entries a second chance (CLOCK).</summary>
    public bool Referenced { get; set; }

    public int Length => _message.Length;

    public bool IsFresh(long now) => now < ExpiresAt;

    /// <summary>
    /// Expired, but the last refresh failed on every upstream less than 30 s ago: serve it stale without
    /// asking again (RFC 8767 §5's failure recheck timer).
    /// </summary>
    public bool CanServeStale(long now) => now < StaleUntil && now < Volatile.Read(ref _staleServeUntil);

    public void ServeStaleUntil(long until) => Volatile.Write(ref _staleServeUntil, until);

    public uint AgeSeconds(long now) => now <= StoredAt ? 0 : (uint)Math.Min((now - StoredAt) / _frequency, uint.MaxValue);

    /// <summary>
    /// Writes the response for one client: its ID and question case, RA=1, AA=0, our OPT if it sent one.
    /// <paramref name="clientName"/> is the question name as the client wrote it: the same name as the stored
    /// one but for case (the cache key says so), hence the same length.
    /// Over UDP what does not fit its payload size loses the additional section, then everything but the
    /// question, with TC=1 (RFC 2181 §9). Returns the length.
    /// </summary>
    public int Write(scoped ReadOnlySpan<byte> clientName, in ForwardRequest request, Span<byte> response, uint age, bool stale)
    {
        int limit = Math.Min(request.SizeLimit, response.Length);
        int optRoom = ResponseEnvelope.OptRoom(request);
        int end;
        ushort additionals;
        if (_message.Length + optRoom <= limit)
        {
            end = _message.Length;
            additionals = _additionals;
        }
        else if (_additionalStart + optRoom <= limit)
        {
            end = _additionalStart;
            additionals = 0;
        }
        else
        {
            return WriteTruncated(clientName, request, response);
        }
        _message.AsSpan(0, end).CopyTo(response);
        clientName.CopyTo(response[DnsHeader.Size..]);
        foreach (int offset in _ttlOffsets)
        {
            if (offset >= end)
                break;
            uint ttl = BinaryPrimitives.ReadUInt32BigEndian(_message.AsSpan(offset));
            uint left = ttl > age ? ttl - age : stale ? StaleTtl : 0;
            BinaryPrimitives.WriteUInt32BigEndian(response[offset..], left);
        }
        var header = Header(request, isTruncated: false);
        header.QuestionCount = 1;
        header.AnswerCount = _answers;
        header.AuthorityCount = _authorities;
        header.AdditionalCount = additionals;
        if (optRoom > 0)
        {
            WriteOpt(response[end..], request.DnssecOk);
            end += optRoom;
            header.AdditionalCount++;
        }
        header.WriteTo(response);
        return end;
    }

    private int WriteTruncated(scoped ReadOnlySpan<byte> clientName, in ForwardRequest request, Span<byte> response)
    {
        var (type, recordClass) = QuestionTypeAndClass();
        var writer = ResponseEnvelope.Begin(response, clientName, type, recordClass, request, out int limit);
        writer.Header.IsTruncated = true;
        writer.Header.AuthenticData = AuthenticData && (request.DnssecOk || request.AuthenticData);
        return ResponseEnvelope.Finish(ref writer, limit, Rcode, request);
    }

    private (RecordType Type, ushort Class) QuestionTypeAndClass()
    {
        var fixedPart = _message.AsSpan(DnsHeader.Size + WireName.Length(_message.AsSpan(DnsHeader.Size)));
        return ((RecordType)BinaryPrimitives.ReadUInt16BigEndian(fixedPart), BinaryPrimitives.ReadUInt16BigEndian(fixedPart[2..]));
    }

    private DnsHeader Header(in ForwardRequest request, bool isTruncated)
    {
        var header = new DnsHeader
        {
            Id = request.Id,
            IsResponse = true,
            OpCode = OpCode.Query,
            RecursionDesired = request.RecursionDesired,
            RecursionAvailable = true,
            CheckingDisabled = request.CheckingDisabled,
            IsTruncated = isTruncated,
            // RFC 6840 §5.7/§5.8: AD only to a client that showed it understands it (DO or AD in its query).
            AuthenticData = AuthenticData && (request.DnssecOk || request.AuthenticData),
        };
        header.ResponseCode = (byte)Rcode;
        return header;
    }

    /// <summary>Our OPT record (RFC 6891 §6.1.2): root owner, our payload size, version 0, the client's DO bit, no options.</summary>
    private static void WriteOpt(Span<byte> destination, bool dnssecOk)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)RecordType.OPT);
        BinaryPrimitives.WriteUInt16BigEndian(destination[3..], Edns.OurPayloadSize);
        BinaryPrimitives.WriteUInt32BigEndian(destination[5..], dnssecOk ? 0x8000u : 0u);
        BinaryPrimitives.WriteUInt16BigEndian(destination[9..], 0);
    }
}
