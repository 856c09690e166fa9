using System.Text.Json;

namespace TheBlock.Client.Receipts.Emitter;

/// <summary>
/// Params of <c>receipts.emitter.sync</c>: the asking emitter, the head it last synced at (its heartbeat), the URL it
/// listens on, which the node calls to clear its validation state (<c>receipts.reset_validation_state</c>), and what it
/// has refused since it started, which <c>receipts.stats</c> adds to the node's own refusals.
/// </summary>
/// <remarks><see cref="Refusals"/> is an array of <see cref="EmitterRefusalCount"/>, which the node reads itself, so a malformed one gets its own message.</remarks>
public sealed record EmitterSyncParams(string EmitterId, ulong? LastSyncHeight, string ListenUrl, JsonElement? Refusals = null)
{
    public static JsonElement RefusalsOf(IReadOnlyList<EmitterRefusalCount> refusals) =>
        JsonSerializer.SerializeToElement(refusals, EmitterJsonContext.Default.IReadOnlyListEmitterRefusalCount);
}

/// <summary>Receipts an emitter refused since it started, for one market (<c>-</c> when unreadable) and reason.</summary>
public sealed record EmitterRefusalCount(string Market, string Reason, ulong Count);

/// <summary>Every market provider's key and every open agreement as of head <see cref="Height"/>.</summary>
public sealed record EmitterSyncResult(ulong Height, IReadOnlyList<EmitterProviderKey> Providers, IReadOnlyList<EmitterAgreement> Agreements);

public sealed record EmitterProviderKey(string Market, string ProviderId, string PublicKey);

/// <summary>An open agreement: what receipts against it may draw (<see cref="Deposit"/>, as committed).</summary>
public sealed record EmitterAgreement(ulong AgreementId, string Market, string ProviderId, ulong UnitPrice, ulong Deposit);
