using DnsLb.Protocol;
using DnsLb.Protocol.RecordData;
using DnsLb.Transfer.Serving;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Transfer.Secondary;

/// <summary>
/// Reads the messages of one AXFR or IXFR response in order and judges it as a whole. Each message must
/// answer our query (ID, QR, opcode, question when present), carry no error, pass the TSIG chain when we
/// signed (RFC 8945 §5.3.1), and hold only class IN records at or below the zone. The records then follow
/// RFC 5936 §2.2 (SOA, the zone, the same SOA last) or RFC 1995 §4 (SOA; per step old SOA, removals, new SOA,
/// additions; SOA) — an IXFR answer may be either, or the SOA alone when we are current. Anything else, and
/// anything after the final SOA, fails the whole response: nothing of it may be used.
/// </summary>
internal sealed class TransferStreamReader
{
    /// <summary>The most records one response may bring: memory stays bounded whatever a primary sends.</summary>
    public const int DefaultMaxRecords = 5_000_000;

    private readonly DnsName _zone;
    private readonly RecordType _type;
    private readonly ushort _id;
    private readonly uint? _clientSerial;
    private readonly TsigClientExchange? _tsig;
    private readonly int _maxRecords;
    private readonly List<ResourceRecord> _records = [];
    private readonly List<ZoneDelta> _steps = [];
    private Phase _phase = Phase.Start;
    private ResourceRecord? _soa;
    private ResourceRecord? _stepOld;
    private ResourceRecord? _stepNew;
    private List<ResourceRecord> _removed = [];
    private List<ResourceRecord> _added = [];
    private int _count;
    private int _messages;

    /// <param name="clientSerial">For IXFR: the serial of the version we hold (the one our query carried).</param>
    /// <param name="tsig">The exchange of our signed query, when we signed it.</param>
    public TransferStreamReader(DnsName zone, RecordType type, ushort id, uint? clientSerial, TsigClientExchange? tsig, int maxRecords = DefaultMaxRecords)
    {
        if (type == RecordType.IXFR && clientSerial is null)
            throw new ArgumentException("an IXFR is asked from a serial", nameof(clientSerial));
        _zone = zone;
        _type = type;
        _id = id;
        _clientSerial = clientSerial;
        _tsig = tsig;
        _maxRecords = maxRecords;
    }

    public string? Error { get; private set; }

    public TransferContent? Content { get; private set; }

    public int Messages => _messages;

    private enum Phase
    {
        Start,
        AfterFirst,
        Full,
        Deleting,
        Adding,
        Done,
        Failed,
    }

    /// <summary>Judges the next message of the response.</summary>
    public TransferFeed Feed(ReadOnlySpan<byte> message)
    {
        if (_phase == Phase.Failed)
            return TransferFeed.Failed;
        if (_phase == Phase.Done)
            return Fail("a message after the final SOA");
        _messages++;
        if (!DnsHeader.TryRead(message, out var header))
            return Fail("a message shorter than a header");
        if (header.Id != _id || !header.IsResponse || header.OpCode != OpCode.Query)
            return Fail($"a message that does not answer our query (ID {header.Id}, opcode {header.OpCode})");
        if (_tsig is not null && CheckTsig(message) is { } tsigProblem)
            return Fail(header.ResponseCode != 0 && tsigProblem.Contains("without the TSIG", StringComparison.Ordinal)
                ? $"the primary answered {RcodeName(header.ResponseCode)} (unsigned)" : tsigProblem);
        if (header.ResponseCode != 0)
            return Fail($"the primary answered {RcodeName(header.ResponseCode)}");
        if (header.IsTruncated)
            return Fail("a truncated message (TC set)");
        if (DnsMessage.TryParse(message, out var parsed) != ParseStatus.Ok)
            return Fail("a malformed message");
        foreach (var question in parsed!.Questions)
        {
            if (!question.Name.Equals(_zone) || question.Type != _type || question.Class != (ushort)RecordClass.IN)
                return Fail($"a message for another question ({question.Name} {ResourceRecord.TypeName(question.Type)})");
        }
        if (parsed.Questions.Count > 1)
            return Fail("a message with several questions");
        foreach (var record in parsed.Answers)
        {
            if (_phase == Phase.Done)
                return Fail("records after the final SOA");
            if (Check(record) is { } problem)
                return Fail(problem);
            if (++_count > _maxRecords)
                return Fail($"more than {_maxRecords} records");
            if (Take(record) is { } error)
                return Fail(error);
        }
        if (_phase != Phase.Done)
            return TransferFeed.NeedMore;
        if (_tsig is not null && _tsig.Complete() != TsigResponseCheck.Valid)
            return Fail("the last message is not signed (RFC 8945 §5.3.1)");
        return TransferFeed.Complete;
    }

    /// <summary>Call when the connection ended: a response without its final SOA is incomplete.</summary>
    public TransferFeed End() => _phase == Phase.Done ? TransferFeed.Complete : Fail(_messages == 0 ? "no response" : "the response ended before the final SOA");

    private string? CheckTsig(ReadOnlySpan<byte> message) => _tsig!.Verify(message) switch
    {
        TsigResponseCheck.Valid or TsigResponseCheck.Unsigned => null,
        TsigResponseCheck.Rejected => $"the primary rejected our TSIG: {_tsig.ServerError}",
        TsigResponseCheck.Missing => "a message without the TSIG it must carry (RFC 8945 §5.3.1)",
        var other => $"TSIG check failed: {other}",
    };

    private string? Check(ResourceRecord record)
    {
        if (record.Class != (ushort)RecordClass.IN)
            return $"{record.Owner} has class {ResourceRecord.ClassName(record.Class)}, not IN";
        if (!record.Owner.IsAtOrBelow(_zone))
            return $"{record.Owner} is outside the zone {_zone}";
        var type = (ushort)record.Type;
        if (record.Type == RecordType.OPT || type == 0 || type is >= 128 and <= 255)
            return $"{ResourceRecord.TypeName(record.Type)} record in a transfer";
        return null;
    }

    /// <summary>One record through the state machine; an error text when it breaks the response's shape.</summary>
    private string? Take(ResourceRecord record)
    {
        bool apexSoa = record.Data is SoaData && record.Owner.Equals(_zone);
        switch (_phase)
        {
            case Phase.Start:
                if (!apexSoa)
                    return "the response does not start with the zone's SOA";
                _soa = record;
                _phase = Phase.AfterFirst;
                if (_clientSerial is uint held && !new SerialNumber(Serial(record)).IsNewerThan(new SerialNumber(held)))
                    Finish(TransferContent.UpToDate(record));
                return null;
            case Phase.AfterFirst:
                if (apexSoa && _clientSerial is uint client && Serial(record) == client)
                {
                    _stepOld = record; // RFC 1995 §4: an incremental answer
                    _phase = Phase.Deleting;
                    return null;
                }
                _records.Add(_soa!);
                _phase = Phase.Full;
                return Take(record);
            case Phase.Full:
                if (!apexSoa)
                {
                    _records.Add(record);
                    return null;
                }
                if (Serial(record) != Serial(_soa!))
                    return $"an SOA with serial {Serial(record)} inside a transfer of serial {Serial(_soa!)}";
                Finish(TransferContent.Full(_soa!, _records));
                return null;
            case Phase.Deleting:
                if (!apexSoa)
                {
                    _removed.Add(record);
                    return null;
                }
                _stepNew = record;
                _phase = Phase.Adding;
                return null;
            default:
                if (!apexSoa)
                {
                    _added.Add(record);
                    return null;
                }
                return NextStep(record);
        }
    }

    /// <summary>An SOA while adding: the final one, or the old SOA of the next step (which must be where the last step ended).</summary>
    private string? NextStep(ResourceRecord soa)
    {
        uint reached = Serial(_stepNew!);
        if (!new SerialNumber(reached).IsNewerThan(new SerialNumber(Serial(_stepOld!))))
            return $"an IXFR step from {Serial(_stepOld!)} to {reached} goes backwards";
        _steps.Add(new ZoneDelta(_stepOld!, _stepNew!, _removed, _added));
        if (reached == Serial(_soa!))
        {
            if (Serial(soa) != reached)
                return $"the final SOA has serial {Serial(soa)}, not {reached}";
            Finish(TransferContent.Incremental(_soa!, _steps));
            return null;
        }
        if (Serial(soa) != reached)
            return $"an IXFR step starts at {Serial(soa)} where the one before ended at {reached}";
        _stepOld = soa;
        _stepNew = null;
        _removed = [];
        _added = [];
        _phase = Phase.Deleting;
        return null;
    }

    private void Finish(TransferContent content)
    {
        Content = content;
        _phase = Phase.Done;
    }

    private TransferFeed Fail(string error)
    {
        Error ??= error;
        _phase = Phase.Failed;
        Content = null;
        return TransferFeed.Failed;
    }

    private static uint Serial(ResourceRecord soa) => ((SoaData)soa.Data).Serial;

    private static string RcodeName(int rcode) =>
        Enum.IsDefined((ResponseCode)rcode) ? ((ResponseCode)rcode).ToString().ToUpperInvariant() : $"RCODE{rcode}";
}
