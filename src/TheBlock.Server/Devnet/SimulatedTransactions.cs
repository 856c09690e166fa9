using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Node;

namespace TheBlock.Server.Devnet;

/// <summary>How a module's simulated users send a transaction: signed at the sender's next nonce (pending ones counted), admitted like any submission, a refusal logged under the module's event name.</summary>
public static class SimulatedTransactions
{
    public static void Submit(ChainService chain, SigningKey signer, TransactionPayload payload, ILogger log, string rejectedEvent)
    {
        var (_, nextNonce) = chain.GetAccount(signer.Address);
        var transaction = Transaction.CreateSigned(chain.Genesis.ChainId, signer, nextNonce, 0, payload);
        if (chain.Submit(transaction) is { } rejection)
        {
            log.LogInformation("{Event} kind={Kind} tx_hash={TxHash} reason={Reason}", rejectedEvent, payload.Kind.Name, transaction.Hash, rejection.Reason);
        }
    }
}
