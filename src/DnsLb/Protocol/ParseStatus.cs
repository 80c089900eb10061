namespace DnsLb.Protocol;

/// <summary>
/// Why a read from the wire failed. Malformed input is a value, never an exception: the query path turns
/// any of these into FORMERR (or a dropped packet when not even the header can be read).
/// </summary>
public enum ParseStatus
{
    Ok = 0,
    Truncated,
    LabelTooLong,
    NameTooLong,
    BadPointer,
    TooManyPointers,
    BadLabelType,
    BadRecordData,
    TrailingData,
}
