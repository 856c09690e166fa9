using System.Text.Json;
using TheBlock.Cli.Json;
using TheBlock.Client.Core;
using TheBlock.Client.Rpc;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Cli.Transactions;

/// <summary>
/// Signs a payload with the CLI's key, submits it and, unless told not to, waits until a committed block holds
/// it (spec/conventions.md), so a script can run its next command at once.
/// </summary>
internal static class TransactionSubmitter
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Returns the <c>tx.status</c> result once committed, or <c>{tx_hash}</c> when not waiting.</summary>
    public static async Task<JsonElement> SubmitAsync(CommandContext context, TransactionPayload payload, SubmitSettings settings, CancellationToken cancellationToken)
    {
        using var key = context.LoadSigningKey();
        var status = await context.CallAsync(CoreRpc.NodeStatus, NoParams.Value, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(status.ChainId))
        {
            throw new CliException(CliErrors.Failed(CoreReasonRegistry.Cli.UnexpectedResponse, $"{CoreMethods.NodeStatus} returned no chain_id"));
        }

        var nonce = settings.Nonce ?? await NextNonceAsync(context, key.Address.ToString(), cancellationToken).ConfigureAwait(false);
        var transaction = Transaction.CreateSigned(status.ChainId, key, nonce, settings.Fee, payload);
        var hash = transaction.Hash.ToString();

        await context.CallRawAsync(CoreRpc.TxSubmit, new TxSubmitParams(Convert.ToHexStringLower(transaction.Encoded.Span)), cancellationToken).ConfigureAwait(false);
        return settings.Wait
            ? await WaitForCommitAsync(context, hash, settings.Timeout, cancellationToken).ConfigureAwait(false)
            : JsonSerializer.SerializeToElement(new SubmittedView(hash), CliJsonContext.Default.SubmittedView);
    }

    private static async Task<ulong> NextNonceAsync(CommandContext context, string address, CancellationToken cancellationToken)
    {
        var account = await context.CallAsync(CoreRpc.LedgerInspect, new LedgerInspectParams(address), cancellationToken).ConfigureAwait(false);
        return account.NextNonce;
    }

    private static async Task<JsonElement> WaitForCommitAsync(CommandContext context, string hash, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        context.Progress?.Write($"waiting for {hash[..12]}… to be committed ");
        while (true)
        {
            var result = await context.CallRawAsync(CoreRpc.TxStatus, new TxStatusParams(hash), cancellationToken).ConfigureAwait(false);
            var status = CommandContext.Read(CoreRpc.TxStatus, result);
            switch (status.Status)
            {
                case TransactionStatuses.Committed:
                    context.Progress?.WriteLine($"committed at height {status.BlockHeight}");
                    return result;
                case TransactionStatuses.Rejected:
                    context.Progress?.WriteLine("rejected");
                    throw new CliException(CliErrors.Failed(
                        string.IsNullOrEmpty(status.Reason) ? CoreReasonRegistry.Cli.Rejected : status.Reason,
                        string.IsNullOrEmpty(status.Message) ? $"transaction {hash} was rejected" : status.Message));
            }

            // Pending, or not yet known to the node that admitted it: keep asking until the deadline.
            if (DateTimeOffset.UtcNow + PollInterval > deadline)
            {
                context.Progress?.WriteLine("timed out");
                throw new CliException(CliErrors.Failed(
                    CoreReasonRegistry.Cli.Timeout,
                    $"transaction {hash} was not committed within {timeout.TotalSeconds:0} s; check it with: contract-cli tx status --hash {hash}"));
            }

            context.Progress?.Write('.');
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
