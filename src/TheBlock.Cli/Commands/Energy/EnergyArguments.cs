using System.Globalization;
using TheBlock.Client.Core;
using TheBlock.Client.Energy;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Cli.Commands.Energy;

/// <summary>The energy commands' argument checks, made before anything is sent.</summary>
internal static class EnergyArguments
{
    public const int MaxLimit = CoreRpc.MaxListLimit;

    public static int Limit(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
            ? limit
            : throw new CliException(CliErrors.Usage(EnergyReasonRegistry.Cli.InvalidLimit, $"limit \"{text}\" is not a whole number from 1 to {MaxLimit}"));

    public static string CreditStatus(string text) =>
        CreditStatuses.Parse(text) is { } status
            ? CreditStatuses.Name(status)
            : throw new CliException(CliErrors.Usage(
                EnergyReasonRegistry.Cli.InvalidStatus,
                $"status \"{text}\" is not a credit status; expected one of {string.Join(", ", CreditStatuses.All.Select(CreditStatuses.Name))}"));

    public static string DisputeStatus(string text) =>
        text is "open" or "resolved"
            ? text
            : throw new CliException(CliErrors.Usage(EnergyReasonRegistry.Cli.InvalidStatus, $"status \"{text}\" is not a dispute status; expected open or resolved"));

    public static string Outcome(string text) =>
        text is "upheld" or "rejected"
            ? text
            : throw new CliException(CliErrors.Usage(EnergyReasons.InvalidDispute, $"outcome \"{text}\" is not a dispute outcome; expected upheld or rejected"));

    /// <summary>A base64 Ed25519 public key (32 bytes).</summary>
    public static byte[] PublicKey(string text)
    {
        var bytes = new byte[((text.Length + 3) / 4) * 3];
        if (!Convert.TryFromBase64String(text, bytes, out var written))
        {
            throw new CliException(CliErrors.Usage(EnergyReasons.InvalidProvider, $"public key \"{text}\" is not standard base64; expected the 32-byte Ed25519 key in base64 (44 characters)"));
        }

        return ProviderTerms.KeyRejection(bytes.AsSpan(0, written)) is { } rejection
            ? throw new CliException(CliErrors.Usage(rejection.Reason, rejection.Message))
            : bytes[..written];
    }

    /// <summary>Meter ids, comma-separated, blanks around them ignored.</summary>
    public static string[] Meters(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Refuses a payload the chain would refuse without looking at its state, with the chain's own reason and sentence.</summary>
    public static T Checked<T>(T payload)
        where T : TransactionPayload =>
        payload.CheckStateless() is { } rejection ? throw new CliException(CliErrors.Usage(rejection.Reason, rejection.Message)) : payload;
}
