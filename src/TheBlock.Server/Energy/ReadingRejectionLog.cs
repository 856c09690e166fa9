using TheBlock.Protocol.Energy;

namespace TheBlock.Server.Energy;

/// <summary>
/// The log lines the runbook greps for refused readings (spec/energy.md): <c>SignatureInvalid</c> for the four
/// signature reasons, <c>TimestampSkew</c> for skew, <c>ReadingRejected</c> for the rest; each names the reason, the
/// reading and where it was refused (oracle, admission or block).
/// </summary>
public static partial class ReadingRejectionLog
{
    public static void Rejected(ILogger log, string stage, string reason, string providerId, string meter, ulong nonce, string message)
    {
        if (EnergyReasons.SignatureVerification.Contains(reason))
        {
            SignatureInvalid(log, reason, stage, providerId, meter, nonce, message);
        }
        else if (reason == EnergyReasons.TimestampSkew)
        {
            TimestampSkew(log, reason, stage, providerId, meter, nonce, message);
        }
        else
        {
            ReadingRejected(log, reason, stage, providerId, meter, nonce, message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SignatureInvalid reason={Reason} stage={Stage} provider={Provider} meter={Meter} nonce={Nonce}: {Detail}")]
    private static partial void SignatureInvalid(ILogger log, string reason, string stage, string provider, string meter, ulong nonce, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TimestampSkew reason={Reason} stage={Stage} provider={Provider} meter={Meter} nonce={Nonce}: {Detail}")]
    private static partial void TimestampSkew(ILogger log, string reason, string stage, string provider, string meter, ulong nonce, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "ReadingRejected reason={Reason} stage={Stage} provider={Provider} meter={Meter} nonce={Nonce}: {Detail}")]
    private static partial void ReadingRejected(ILogger log, string reason, string stage, string provider, string meter, ulong nonce, string detail);
}
