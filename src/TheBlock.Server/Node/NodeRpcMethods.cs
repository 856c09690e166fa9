using TheBlock.Client.Dto;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Node;

/// <summary>The node role's JSON-RPC methods: status, consensus, ledger, transactions and blocks.</summary>
public sealed class NodeRpcMethods : IRpcMethodSource
{
    private const int DefaultLedgerEntries = 20;

    private readonly ChainService _chain;
    private readonly NodeIdentity _identity;
    private readonly TimeProvider _time;

    public NodeRpcMethods(ChainService chain, NodeIdentity identity, TimeProvider time)
    {
        _chain = chain;
        _identity = identity;
        _time = time;
    }

    public IEnumerable<RpcMethod> Methods() =>
    [
        new("node.status", RpcRole.Public, Status),
        new("node.consensus", RpcRole.Public, Consensus),
        new("node.ledger.inspect", RpcRole.Public, Inspect),
        // The signature authorises a transaction; admission applies the fee, nonce and size rules, the listener the rate limit.
        new("tx.submit", RpcRole.Public, Submit),
        new("tx.status", RpcRole.Public, TransactionStatus),
        new("block.show", RpcRole.Public, ShowBlock),
    ];

    private ValueTask<RpcOutcome> Status(RpcParams parameters, CancellationToken cancellationToken)
    {
        var head = _chain.Head;
        var status = new NodeStatus(
            _identity.NodeId,
            _chain.Genesis.ChainId,
            _identity.Version,
            head.Height,
            head.Epoch,
            _chain.Genesis.Parameters.EpochLength,
            head.LastBlockAt,
            head.Hash.ToString(),
            head.StateRoot.ToString(),
            _identity.Roles,
            _chain.GenesisHash.ToString(),
            (ulong)_chain.BlockInterval.TotalMilliseconds,
            _chain.MempoolCount);
        return ValueTask.FromResult(RpcOutcome.Ok(status, ClientJsonContext.Default.NodeStatus));
    }

    private ValueTask<RpcOutcome> Consensus(RpcParams parameters, CancellationToken cancellationToken)
    {
        var head = _chain.Head;
        var now = _time.GetUtcNow();
        var status = new ConsensusStatus(
            "single_validator",
            _identity.NodeId,
            [.. _chain.Genesis.Validators.Select(v => Address.FromPublicKey(v).ToString())],
            head.Height,
            head.LastBlockAt,
            (ulong)_chain.BlockInterval.TotalMilliseconds,
            ConsensusHealth.IsHealthy(head, _chain.BlockInterval, now),
            ConsensusHealth.StalledForSeconds(head, _chain.BlockInterval, now));
        return ValueTask.FromResult(RpcOutcome.Ok(status, ClientJsonContext.Default.ConsensusStatus));
    }

    private ValueTask<RpcOutcome> Inspect(RpcParams parameters, CancellationToken cancellationToken)
    {
        var name = parameters.GetString("account");
        var limit = parameters.GetLimit("limit", DefaultLedgerEntries, 1000);
        LedgerInspection inspection;
        if (_chain.Modules.IsSystemAccount(name))
        {
            var treasury = name == SystemAccounts.Treasury ? _chain.Treasury : _chain.SystemBalance(name);
            inspection = new LedgerInspection(
                name,
                treasury.Total,
                0,
                0,
                null,
                new SubLedgersView(treasury.Ct, treasury.It),
                Entries(LedgerAccount.OfSystem(name), limit));
        }
        else if (Address.TryParse(name, out var address, out var error))
        {
            var (account, nextNonce) = _chain.GetAccount(address);
            inspection = new LedgerInspection(address.ToString(), account.Balance, account.Nonce, nextNonce, null, null, Entries(LedgerAccount.Of(address), limit));
        }
        else
        {
            return ValueTask.FromResult<RpcOutcome>(new RpcError(RpcErrorCodes.InvalidParams, "invalid_address", $"{error}; expected a ct1… address or one of: {string.Join(", ", _chain.Modules.SystemAccounts)}"));
        }

        return ValueTask.FromResult(RpcOutcome.Ok(inspection, ClientJsonContext.Default.LedgerInspection));
    }

    private ValueTask<RpcOutcome> Submit(RpcParams parameters, CancellationToken cancellationToken)
    {
        var hex = parameters.GetString("tx");
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return Rejected(new Rejection(RejectionReasons.InvalidFormat, "tx must be the transaction's canonical bytes in hex"));
        }

        if (bytes.Length > Transaction.MaxEncodedSize)
        {
            return Rejected(new Rejection(RejectionReasons.TooLarge, $"transaction is {bytes.Length} bytes; at most {Transaction.MaxEncodedSize} are allowed"));
        }

        if (!Transaction.TryDecode(bytes, _chain.Modules, out var transaction, out var error))
        {
            return Rejected(new Rejection(RejectionReasons.InvalidFormat, error));
        }

        if (_chain.Submit(transaction!) is { } rejection)
        {
            return Rejected(rejection);
        }

        var submitted = new TransactionSubmitted(transaction!.Hash.ToString(), TransactionStatuses.Pending);
        return ValueTask.FromResult(RpcOutcome.Ok(submitted, ClientJsonContext.Default.TransactionSubmitted));
    }

    private ValueTask<RpcOutcome> TransactionStatus(RpcParams parameters, CancellationToken cancellationToken)
    {
        var text = parameters.GetString("hash");
        if (!Hash32.TryParse(text.ToLowerInvariant(), out var hash))
        {
            return ValueTask.FromResult<RpcOutcome>(new RpcError(RpcErrorCodes.InvalidParams, "invalid_hash", $"hash \"{text}\" is not 64 hex characters"));
        }

        // Pending first, then committed only up to the published head: a block is on disk a moment before the node
        // applies it (the commit runs outside the chain lock), and until then its transactions are still pending, so a
        // client that sees "committed" reads the new balances everywhere.
        TransactionStatus status;
        if (_chain.IsPending(hash))
        {
            status = new TransactionStatus(hash.ToString(), TransactionStatuses.Pending, null, null, null, null, null, null);
        }
        else if (_chain.Reader.FindTransaction(hash) is { } location && location.Height <= _chain.Head.Height && _chain.Reader.GetBlock(location.Height) is { } stored)
        {
            var transaction = stored.Block.Transactions[location.Index];
            status = new TransactionStatus(hash.ToString(), TransactionStatuses.Committed, location.Height, location.Index, (long)(stored.TimeMs / 1000), null, null, ViewMapping.ToView(transaction));
        }
        else if (_chain.Rejections.Find(hash) is { } rejection)
        {
            status = new TransactionStatus(hash.ToString(), TransactionStatuses.Rejected, null, null, null, rejection.Reason, rejection.Message, null);
        }
        else
        {
            status = new TransactionStatus(hash.ToString(), TransactionStatuses.Unknown, null, null, null, null, null, null);
        }

        return ValueTask.FromResult(RpcOutcome.Ok(status, ClientJsonContext.Default.TransactionStatus));
    }

    private ValueTask<RpcOutcome> ShowBlock(RpcParams parameters, CancellationToken cancellationToken)
    {
        var height = parameters.GetUInt64("height");
        if (_chain.Reader.GetBlock(height) is not { } stored)
        {
            return ValueTask.FromResult<RpcOutcome>(new RpcError(RpcErrorCodes.NotFound, "block_not_found", $"no block at height {height}; the chain is at {_chain.Head.Height}"));
        }

        var view = ViewMapping.ToView(stored.Block, _chain.Genesis.Parameters.EpochLength);
        return ValueTask.FromResult(RpcOutcome.Ok(view, ClientJsonContext.Default.BlockView));
    }

    private List<LedgerEntryView> Entries(LedgerAccount account, int limit) =>
        [.. _chain.Reader.RecentEntries(account, limit).Select(e => new LedgerEntryView(e.Height, e.Delta, e.Kind, e.Reference, e.SubLedger))];

    private static ValueTask<RpcOutcome> Rejected(Rejection rejection) =>
        ValueTask.FromResult<RpcOutcome>(new RpcError(RpcErrorCodes.TransactionRejected, rejection.Reason, rejection.Message));
}
