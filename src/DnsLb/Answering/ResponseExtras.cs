using DnsLb.Transfer.Identity;
using DnsLb.Transfer.Tsig;

namespace DnsLb.Answering;

/// <summary>
/// What is added to a response once it is written (QueryEngine.Extras.cs): the NSID option the query asked
/// for (RFC 5001), then the TSIG record of a validly signed query (RFC 8945 §5.3). Their room is kept back
/// from the sections, so neither ever costs an answer its records. A value on the stack: no allocation.
/// </summary>
internal struct ResponseExtras
{
    /// <summary>The most the response may hold on its transport.</summary>
    public int Limit;

    /// <summary>The query's OPT asked for NSID.</summary>
    public bool AddNsid;

    /// <summary>The exchange that signs the answer to a validly signed query; disposed once the answer is out.</summary>
    public TsigServerExchange? Tsig;

    /// <summary>The bytes the extras will add, kept back from the sections and the OPT.</summary>
    public readonly int Reserved(ServerIdentity identity) => (AddNsid ? Nsid.OptionSize(identity) : 0) + (Tsig?.RecordSize ?? 0);
}
