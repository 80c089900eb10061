using System.Net;
using DnsLb.Transfer.Tsig;
using Microsoft.Extensions.Logging;

namespace DnsLb.Transfer.Serving;

internal sealed partial class ZoneTransferService
{
    [LoggerMessage(Level = LogLevel.Information, Message = "transfer of {Zone} ({Kind}, serial {Serial}, client had {ClientSerial}) to {Client} ({Members}): {Messages} messages, {Records} records")]
    private static partial void LogTransferred(ILogger logger, string zone, TransferKind kind, uint serial, string clientSerial, IPAddress client,
        TransferMembers members, int messages, int records);

    [LoggerMessage(Level = LogLevel.Warning, Message = "transfer of {Zone} refused to {Client} ({Signed}): not a listed secondary, or not signed with its key")]
    private static partial void LogRefused(ILogger logger, string zone, IPAddress client, string signed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "transfer query from {Client} rejected: TSIG {Status} ({Key})")]
    private static partial void LogTsigRejected(ILogger logger, IPAddress client, TsigStatus status, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "transfer query from {Client} is malformed: FORMERR")]
    private static partial void LogMalformed(ILogger logger, IPAddress client);

    [LoggerMessage(Level = LogLevel.Information, Message = "transfer of {Zone} asked by {Client}: no such zone here, NOTAUTH")]
    private static partial void LogNoZone(ILogger logger, string zone, IPAddress client);
}
