using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Energy;

/// <summary>The sender registers provider <see cref="ProviderId"/> as its owner, locking <see cref="Stake"/> CT.</summary>
public sealed record ProviderRegisterPayload(string ProviderId, ReadOnlyMemory<byte> PublicKey, ProviderTerms Terms, ulong Stake) : TransactionPayload
{
    public override TransactionKind Kind => EnergyKinds.ProviderRegister;

    public override ulong Spends => Stake;

    public override void Write(CanonicalWriter writer)
    {
        writer.Utf8(ProviderId).Variable(PublicKey.Span);
        Terms.Write(writer);
        writer.U64(Stake);
    }

    public override Rejection? CheckStateless() =>
        ProviderTerms.IdRejection(ProviderId)
        ?? ProviderTerms.KeyRejection(PublicKey.Span)
        ?? Terms.Rejection();

    public static ProviderRegisterPayload Read(ref CanonicalReader reader) =>
        new(reader.Utf8("provider_id"), reader.Variable("public_key").ToArray(), ProviderTerms.Read(ref reader), reader.U64("stake"));
}

/// <summary>The owner replaces provider <see cref="ProviderId"/>'s terms (meters, capacity, price, jurisdiction, offtaker).</summary>
public sealed record ProviderUpdatePayload(string ProviderId, ProviderTerms Terms) : TransactionPayload
{
    public override TransactionKind Kind => EnergyKinds.ProviderUpdate;

    public override void Write(CanonicalWriter writer)
    {
        writer.Utf8(ProviderId);
        Terms.Write(writer);
    }

    public override Rejection? CheckStateless() => ProviderTerms.IdRejection(ProviderId) ?? Terms.Rejection();

    public static ProviderUpdatePayload Read(ref CanonicalReader reader) => new(reader.Utf8("provider_id"), ProviderTerms.Read(ref reader));
}

/// <summary>The owner replaces the key provider <see cref="ProviderId"/>'s meters sign with; the old key stops verifying at once.</summary>
public sealed record ProviderRotateKeyPayload(string ProviderId, ReadOnlyMemory<byte> PublicKey) : TransactionPayload
{
    public override TransactionKind Kind => EnergyKinds.ProviderRotateKey;

    public override void Write(CanonicalWriter writer) => writer.Utf8(ProviderId).Variable(PublicKey.Span);

    public override Rejection? CheckStateless() => ProviderTerms.IdRejection(ProviderId) ?? ProviderTerms.KeyRejection(PublicKey.Span);

    public static ProviderRotateKeyPayload Read(ref CanonicalReader reader) => new(reader.Utf8("provider_id"), reader.Variable("public_key").ToArray());
}

/// <summary>The owner leaves the market: no new readings; the stake returns once the provider's open credits are final.</summary>
public sealed record ProviderExitPayload(string ProviderId) : TransactionPayload
{
    public override TransactionKind Kind => EnergyKinds.ProviderExit;

    public override void Write(CanonicalWriter writer) => writer.Utf8(ProviderId);

    public override Rejection? CheckStateless() => ProviderTerms.IdRejection(ProviderId);

    public static ProviderExitPayload Read(ref CanonicalReader reader) => new(reader.Utf8("provider_id"));
}

/// <summary>The sender, as an offtaker, moves <see cref="Amount"/> CT into its energy escrow.</summary>
public sealed record EscrowDepositPayload(ulong Amount) : TransactionPayload
{
    public override TransactionKind Kind => EnergyKinds.EscrowDeposit;

    public override ulong Spends => Amount;

    public override void Write(CanonicalWriter writer) => writer.U64(Amount);

    public override Rejection? CheckStateless() => Amount == 0 ? new Rejection(EnergyReasons.InvalidAmount, "an escrow deposit must be at least 1 CT") : null;

    public static EscrowDepositPayload Read(ref CanonicalReader reader) => new(reader.U64("amount"));
}

/// <summary>The sender takes <see cref="Amount"/> CT of its energy escrow back.</summary>
public sealed record EscrowWithdrawPayload(ulong Amount) : TransactionPayload
{
    public override TransactionKind Kind => EnergyKinds.EscrowWithdraw;

    public override void Write(CanonicalWriter writer) => writer.U64(Amount);

    public override Rejection? CheckStateless() => Amount == 0 ? new Rejection(EnergyReasons.InvalidAmount, "an escrow withdrawal must be at least 1 CT") : null;

    public static EscrowWithdrawPayload Read(ref CanonicalReader reader) => new(reader.U64("amount"));
}

/// <summary>The credit's offtaker (or a validator key, the admin path) disputes pending credit <see cref="CreditId"/>.</summary>
public sealed record DisputeOpenPayload(ulong CreditId, string Reason) : TransactionPayload
{
    public override TransactionKind Kind => EnergyKinds.DisputeOpen;

    public override void Write(CanonicalWriter writer) => writer.U64(CreditId).Utf8(Reason);

    public override Rejection? CheckStateless() =>
        string.IsNullOrWhiteSpace(Reason) || System.Text.Encoding.UTF8.GetByteCount(Reason) > EnergyLimits.MaxReasonBytes
            ? new Rejection(EnergyReasons.InvalidDispute, $"a dispute reason must be 1 to {EnergyLimits.MaxReasonBytes} bytes, not blank")
            : null;

    public static DisputeOpenPayload Read(ref CanonicalReader reader) => new(reader.U64("credit_id"), reader.Utf8("reason"));
}

/// <summary>A validator key (the node's admin path) resolves open dispute <see cref="DisputeId"/>.</summary>
public sealed record DisputeResolvePayload(ulong DisputeId, DisputeOutcome Outcome) : TransactionPayload
{
    public override TransactionKind Kind => EnergyKinds.DisputeResolve;

    public override void Write(CanonicalWriter writer) => writer.U64(DisputeId).U8((byte)Outcome);

    public override Rejection? CheckStateless() =>
        Outcome is DisputeOutcome.Upheld or DisputeOutcome.Rejected
            ? null
            : new Rejection(EnergyReasons.InvalidDispute, $"dispute outcome {(byte)Outcome} is not upheld (1) or rejected (2)");

    public static DisputeResolvePayload Read(ref CanonicalReader reader) => new(reader.U64("dispute_id"), (DisputeOutcome)reader.U8("outcome"));
}
