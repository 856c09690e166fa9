namespace TheBlock.Client.Core;

/// <summary>Params of <c>node.ledger.inspect</c>: a <c>ct1…</c> address or a system account name, and how many recent entries.</summary>
public sealed record LedgerInspectParams(string Account, int? Limit = null);

/// <summary>Params of <c>tx.submit</c>: the signed transaction's canonical bytes in hex.</summary>
public sealed record TxSubmitParams(string Tx);

/// <summary>Params of <c>tx.status</c>: the transaction hash, 64 hex characters.</summary>
public sealed record TxStatusParams(string Hash);

/// <summary>Params of <c>block.show</c>.</summary>
public sealed record BlockShowParams(ulong Height);
