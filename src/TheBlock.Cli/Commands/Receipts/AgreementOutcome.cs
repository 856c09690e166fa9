using System.Text.Json;
using TheBlock.Cli.Output;
using TheBlock.Client.Core;
using TheBlock.Client.Receipts;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Cli.Commands.Receipts;

/// <summary>
/// What an agreement transaction prints once committed: the agreement as its <c>market_agreement_changed</c> event shows
/// it in <c>tx.status</c>, so the new <c>agreement_id</c> (or the refund of a close) needs no second lookup.
/// </summary>
internal static class AgreementOutcome
{
    /// <summary>
    /// <c>{agreement_id, tx_hash, block_height, agreement}</c>, with <c>refunded</c> after <c>agreement_id</c> when
    /// <paramref name="withRefund"/>.
    /// </summary>
    public static JsonElement Of(JsonElement committedStatus, bool withRefund)
    {
        var status = CommandContext.Read(CoreRpc.TxStatus, committedStatus);
        var data = status.Events?.FirstOrDefault(e => e.Type == AgreementChanged.EventName)?.Data
            ?? throw Unreadable(status.TxHash, "its result names no changed agreement");
        AgreementView agreement;
        try
        {
            agreement = data.Deserialize(ReceiptsJsonContext.Default.AgreementView) ?? throw new JsonException("null agreement");
        }
        catch (JsonException ex)
        {
            throw Unreadable(status.TxHash, $"its {AgreementChanged.EventName} event is not an agreement: {ex.Message}");
        }

        var json = JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("agreement_id", agreement.AgreementId);
            if (withRefund)
            {
                writer.WriteNumber("refunded", agreement.Refunded ?? 0);
            }

            writer.WriteString("tx_hash", status.TxHash);
            if (status.BlockHeight is { } height)
            {
                writer.WriteNumber("block_height", height);
            }

            writer.WritePropertyName("agreement");
            data.WriteTo(writer);
            writer.WriteEndObject();
        });
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static CliException Unreadable(string hash, string why) =>
        new(CliErrors.Failed(CoreReasonRegistry.Cli.UnexpectedResponse, $"transaction {hash} was committed but {why}"));
}
