using DnsLb.Protocol;
using DnsLb.Transfer.Identity;

namespace DnsLb.Tests.Transfer.Identity;

/// <summary>
/// What the query engine will do with the identity helpers, in a few lines: the CH TXT identity question
/// answered, NSID added to the OPT record when the query asks for it; anything else REFUSED.
/// </summary>
internal static class IdentityResponder
{
    public static byte[]? Answer(byte[] query, ServerIdentity identity)
    {
        var reader = new DnsMessageReader(query);
        if (reader.ReadHeader(out var header) != ParseStatus.Ok || header.QuestionCount != 1)
            return null;
        Span<byte> name = stackalloc byte[WireName.MaxLength];
        if (reader.ReadQuestion(name, out int nameLength, out var type, out ushort recordClass) != ParseStatus.Ok)
            return null;
        bool edns = false, dnssecOk = false, nsid = false;
        Span<byte> owner = stackalloc byte[WireName.MaxLength];
        for (int i = 0; i < header.AnswerCount + header.AuthorityCount + header.AdditionalCount; i++)
        {
            if (reader.ReadRecord(owner, out var record) != ParseStatus.Ok)
                return null;
            if (record.Type == RecordType.OPT)
            {
                edns = true;
                dnssecOk = Edns.FromRecord(record).DnssecOk;
                nsid = Nsid.IsRequested(query.AsSpan(record.RDataOffset, record.RDataLength));
            }
        }
        var response = new byte[1232];
        var writer = new DnsMessageWriter(response);
        writer.Header.Id = header.Id;
        writer.Header.IsResponse = true;
        writer.Header.RecursionDesired = header.RecursionDesired;
        writer.TryWriteQuestion(name[..nameLength], type, recordClass);
        if (ChaosIdentity.IsIdentityQuestion(name[..nameLength], type, recordClass))
        {
            writer.Header.IsAuthoritative = true;
            Assert.True(ChaosIdentity.TryWriteAnswer(ref writer, name[..nameLength], identity));
        }
        else
        {
            writer.Header.ResponseCode = (byte)ResponseCode.Refused;
        }
        if (edns)
            Assert.True(nsid ? Nsid.TryWriteOpt(ref writer, 0, dnssecOk, identity) : Edns.TryWrite(ref writer, 0, dnssecOk));
        return response[..writer.Finish()];
    }
}
