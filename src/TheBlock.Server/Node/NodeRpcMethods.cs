using TheBlock.Client.Core;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Node;

/// <summary>The node role's JSON-RPC methods: status, consensus, ledger, transactions and blocks.</summary>
public sealed class NodeRpcMethods : IRpcMethodSource
{
    private readonly ChainService _chain;
    private readonly NodeIdentity _identity;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<IEventViewSource> _eventViews;
    private readonly RecentBlocks _recentBlocks;

    public NodeRpcMethods(ChainService chain, NodeIdentity identity, TimeProvider time, IEnumerable<IEventViewSource> eventViews)
    {
        _chain = chain;
        _identity = identity;
        _time = time;
        _eventViews = [.. eventViews];
        _recentBlocks = new RecentBlocks(chain.Reader);
    }

    public IEnumerable<RpcMethod> Methods() =>
    [
        RpcMethod.For(CoreRpc.NodeStatus, RpcRole.Public, (_, _) => Status()),
        RpcMethod.For(CoreRpc.NodeConsensus, RpcRole.Public, (_, _) => Consensus()),
        RpcMethod.For(CoreRpc.LedgerInspect, RpcRole.Public, (p, _) => Inspect(p)),
        // The signature authorises a transaction; admission applies the fee, nonce and size rules, the listener the rate limit.
        RpcMethod.For(CoreRpc.TxSubmit, RpcRole.Public, (p, _) => Submit(p)),
        RpcMethod.For(CoreRpc.TxStatus, RpcRole.Public, (p, _) => TransactionStatus(p)),
        RpcMethod.For(CoreRpc.BlockShow, RpcRole.Public, (p, _) => ShowBlock(p)),
    ];

    private ValueTask<RpcOutcome> Status()
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
        return ValueTask.FromResult(RpcOutcome.Ok(status, CoreJsonContext.Default.NodeStatus));
    }

    private ValueTask<RpcOutcome> Consensus()
    {
        var head = _chain.Head;
        var now = _time.GetUtcNow();
        var status = new ConsensusStatus(
            _chain.ConsensusMode,
            _identity.NodeId,
            [.. _chain.Genesis.Validators.Select(v => Address.FromPublicKey(v).ToString())],
            head.Height,
            head.LastBlockAt,
            (ulong)_chain.BlockInterval.TotalMilliseconds,
            ConsensusHealth.IsHealthy(head, _chain.BlockInterval, now),
            ConsensusHealth.StalledForSeconds(head, _chain.BlockInterval, now));
        return ValueTask.FromResult(RpcOutcome.Ok(status, CoreJsonContext.Default.ConsensusStatus));
    }

    private ValueTask<RpcOutcome> Inspect(LedgerInspectParams parameters)
    {
        var name = parameters.Account;
        var limit = CoreRpc.LedgerInspect.Paging!.Resolve(parameters.Limit);
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
            return ValueTask.FromResult<RpcOutcome>(new RpcError(RpcErrorCodes.InvalidParams, CoreReasonRegistry.InvalidAddress, $"{error}; expected a ct1… address or one of: {string.Join(", ", _chain.Modules.SystemAccounts)}"));
        }

        return ValueTask.FromResult(RpcOutcome.Ok(inspection, CoreJsonContext.Default.LedgerInspection));
    }

    private ValueTask<RpcOutcome> Submit(TxSubmitParams parameters)
    {
        var hex = parameters.Tx;
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
        return ValueTask.FromResult(RpcOutcome.Ok(submitted, CoreJsonContext.Default.TransactionSubmitted));
    }

    private ValueTask<RpcOutcome> TransactionStatus(TxStatusParams parameters)
    {
        var text = parameters.Hash;
        if (!Hash32.TryParse(text.ToLowerInvariant(), out var hash))
        {
            return ValueTask.FromResult<RpcOutcome>(new RpcError(RpcErrorCodes.InvalidParams, CoreReasonRegistry.InvalidHash, $"hash \"{text}\" is not 64 hex characters"));
        }

        // Pending first, then committed only up to the published head: a block is on disk a moment before the node
        // applies it (the commit runs outside the chain lock), and until then its transactions are still pending, so a
        // client that sees "committed" reads the new balances everywhere.
        TransactionStatus status;
        if (_chain.IsPending(hash))
        {
            status = new TransactionStatus(hash.ToString(), TransactionStatuses.Pending, null, null, null, null, null, null);
        }
        else if (_chain.Reader.FindTransaction(hash) is { } location && location.Height <= _chain.Head.Height && _recentBlocks.Get(location.Height) is { } stored)
        {
            var transaction = stored.Block.Transactions[location.Index];
            status = new TransactionStatus(hash.ToString(), TransactionStatuses.Committed, location.Height, location.Index, (long)(stored.TimeMs / 1000), null, null, ViewMapping.ToView(transaction), EventsOf(location));
        }
        else if (_chain.Rejections.Find(hash) is { } rejection)
        {
            status = new TransactionStatus(hash.ToString(), TransactionStatuses.Rejected, null, null, null, rejection.Reason, rejection.Message, null);
        }
        else
        {
            status = new TransactionStatus(hash.ToString(), TransactionStatuses.Unknown, null, null, null, null, null, null);
        }

        return ValueTask.FromResult(RpcOutcome.Ok(status, CoreJsonContext.Default.TransactionStatus));
    }

    /// <summary>The transaction's result: the events its block stored under its index, each with its module's view.</summary>
    private List<TransactionEvent> EventsOf(Storage.TransactionLocation location) =>
        [.. _chain.Reader.ReadEvents(location.Height)
            .Where(emitted => emitted.TransactionIndex == location.Index)
            .Select(emitted => new TransactionEvent(
                emitted.Event.Name,
                emitted.Event.Describe(),
                _eventViews.Select(source => source.View(emitted.Event)).FirstOrDefault(view => view is not null)))];

    private ValueTask<RpcOutcome> ShowBlock(BlockShowParams parameters)
    {
        var height = parameters.Height;
        if (_chain.Reader.GetBlock(height) is not { } stored)
        {
            return ValueTask.FromResult<RpcOutcome>(new RpcError(RpcErrorCodes.NotFound, CoreReasonRegistry.BlockNotFound, $"no block at height {height}; the chain is at {_chain.Head.Height}"));
        }

        var view = ViewMapping.ToView(stored.Block, _chain.Genesis.Parameters.EpochLength);
        return ValueTask.FromResult(RpcOutcome.Ok(view, CoreJsonContext.Default.BlockView));
    }

    private List<LedgerEntryView> Entries(LedgerAccount account, int limit) =>
        [.. _chain.Reader.RecentEntries(account, limit).Select(e => new LedgerEntryView(e.Height, e.Delta, e.Kind, e.Reference, e.SubLedger))];

    private static ValueTask<RpcOutcome> Rejected(Rejection rejection) =>
        ValueTask.FromResult<RpcOutcome>(new RpcError(RpcErrorCodes.TransactionRejected, rejection.Reason, rejection.Message));
}
