using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Modules;

namespace TheBlock.Protocol.Treasury;

/// <summary>A council member proposed a disbursement; carries the new record.</summary>
public sealed record DisbursementCreated(Disbursement Disbursement) : ChainEvent
{
    public const string EventName = "disbursement_created";

    public override string Name => EventName;

    public override string Describe() => $"created disbursement {Disbursement.Id}";

    public override void Write(CanonicalWriter writer) => writer.Fixed(Disbursement.Encode());

    public static DisbursementCreated Read(ref CanonicalReader reader) => new(Disbursement.Read(ref reader));
}

/// <summary>A disbursement changed (a vote, or a move from <see cref="From"/> to its new state); carries the new record.</summary>
public sealed record DisbursementChanged(Disbursement Disbursement, DisbursementState From) : ChainEvent
{
    public const string EventName = "disbursement_changed";

    public override string Name => EventName;

    public override string Describe() => From == Disbursement.State
        ? $"updated disbursement {Disbursement.Id} ({DisbursementStates.Name(From)})"
        : $"moved disbursement {Disbursement.Id} from {DisbursementStates.Name(From)} to {DisbursementStates.Name(Disbursement.State)}";

    public override void Write(CanonicalWriter writer) => writer.U8((byte)From).Fixed(Disbursement.Encode());

    public static DisbursementChanged Read(ref CanonicalReader reader)
    {
        var from = (DisbursementState)reader.U8("from");
        if (!Enum.IsDefined(from))
        {
            throw new FormatException($"disbursement state {(byte)from} is unknown");
        }

        return new(Disbursement.Read(ref reader), from);
    }
}

/// <summary>The executor lease was taken or renewed.</summary>
public sealed record ExecutorLeaseChanged(ExecutorLease Lease) : ChainEvent
{
    public const string EventName = "executor_lease_changed";

    public override string Name => EventName;

    public override string Describe() => $"executor lease held by {Lease.Holder} until {Lease.ExpiresAt}";

    public override void Write(CanonicalWriter writer) => Lease.Write(writer);

    public static ExecutorLeaseChanged Read(ref CanonicalReader reader) =>
        new(new ExecutorLease(reader.Utf8("holder"), reader.Address("executor"), reader.U64("expires_at")));
}
