namespace TheBlock.Client.Receipts.Emitter;

/// <summary>
/// Params of <c>receipts.emitter.sync</c>: the asking emitter, the head it last synced at (its heartbeat), and the URL
/// it listens on, which the node calls to clear its validation state (<c>receipts.reset_validation_state</c>).
/// </summary>
public sealed record EmitterSyncParams(string EmitterId, ulong? LastSyncHeight, string ListenUrl);

/// <summary>Every market provider's key and every open agreement as of head <see cref="Height"/>.</summary>
public sealed record EmitterSyncResult(ulong Height, IReadOnlyList<EmitterProviderKey> Providers, IReadOnlyList<EmitterAgreement> Agreements);

public sealed record EmitterProviderKey(string Market, string ProviderId, string PublicKey);

/// <summary>An open agreement: what receipts against it may draw (<see cref="Deposit"/>, as committed).</summary>
public sealed record EmitterAgreement(ulong AgreementId, string Market, string ProviderId, ulong UnitPrice, ulong Deposit);
