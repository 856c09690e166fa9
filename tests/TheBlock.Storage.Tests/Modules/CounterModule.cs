using System.Buffers.Binary;
using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Storage.Tests.Modules;

/// <summary>
/// A toy module defined outside the core to prove the seam: one transaction kind (put CT in a jar and count it up), one
/// end-of-block step (count blocks), one event, an escrow account (the jar) and an invariant (the jar holds the count).
/// </summary>
public sealed class CounterModule : IChainModule
{
    public const byte Prefix = 0xC0;
    public const string Jar = "counter_jar";
    public const string RejectZero = "counter_zero";

    public static TransactionKind Increment { get; } = new(0xC0, "counter_increment");

    public static LedgerEntryKind Deposit { get; } = new(0xC0, "counter_deposit");

    public static StateKey CountKey { get; } = StateKey.Of(Prefix, (byte)'c');

    public static StateKey BlocksKey { get; } = StateKey.Of(Prefix, (byte)'b');

    public string Name => "counter";

    public byte StatePrefix => Prefix;

    public IReadOnlyList<ModuleParameter> Parameters { get; } = [];

    public IReadOnlyList<LedgerEntryKind> TreasuryIncomeKinds { get; } = [];

    public IReadOnlyList<ITransactionType> TransactionTypes { get; } =
        [new TransactionType<IncrementPayload>(Increment, IncrementPayload.Read, Apply)];

    public IReadOnlyList<LedgerEntryKind> LedgerEntryKinds { get; } = [Deposit];

    public IReadOnlyList<IEventType> EventTypes { get; } =
        [new EventType<CounterIncremented>(CounterIncremented.EventName, CounterIncremented.Read)];

    public IReadOnlyList<string> ReceiptMarkets { get; } = [];

    public IReadOnlyList<string> EscrowAccounts { get; } = [Jar];

    public static ulong Read(IStateReader state, StateKey key) =>
        state.Get(key) is { } value ? BinaryPrimitives.ReadUInt64LittleEndian(value.Bytes) : 0;

    public void EndBlock(StateOverlay overlay) => overlay.Put(BlocksKey, Encode(Read(overlay, BlocksKey) + 1));

    public void VerifyBlock(StateOverlay overlay) => VerifyState(overlay);

    public void VerifyState(IStateReader state)
    {
        var jar = state.SystemBalance(new SystemBalanceKey(Jar, SubLedger.Ct));
        if (jar != Read(state, CountKey))
        {
            throw new InvariantViolationException($"{Jar} holds {jar} CT but the count is {Read(state, CountKey)}");
        }
    }

    private static Rejection? Apply(StateOverlay overlay, Transaction transaction, IncrementPayload payload, string reference)
    {
        var total = Read(overlay, CountKey) + payload.By;
        overlay.Debit(transaction.Sender, payload.By, Deposit, reference);
        overlay.CreditSystem(new SystemBalanceKey(Jar, SubLedger.Ct), payload.By, Deposit, reference);
        overlay.Put(CountKey, Encode(total));
        overlay.Emit(new CounterIncremented(payload.By, total));
        return null;
    }

    private static StateValue Encode(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return StateValue.FromBytes(bytes);
    }
}

/// <summary>Counts up by <see cref="By"/>, paying as many CT into the jar.</summary>
public sealed record IncrementPayload(ulong By) : TransactionPayload
{
    public override TransactionKind Kind => CounterModule.Increment;

    public override ulong Spends => By;

    public override void Write(CanonicalWriter writer) => writer.U64(By);

    public override Rejection? CheckStateless() =>
        By == 0 ? new Rejection(CounterModule.RejectZero, "a counter increment must be at least 1") : null;

    public static IncrementPayload Read(ref CanonicalReader reader) => new(reader.U64("by"));
}

/// <summary>The counter went up by <see cref="By"/> to <see cref="Total"/>.</summary>
public sealed record CounterIncremented(ulong By, ulong Total) : ChainEvent
{
    public const string EventName = "counter_incremented";

    public override string Name => EventName;

    public override string Describe() => $"counted {By} up to {Total}";

    public override void Write(CanonicalWriter writer) => writer.U64(By).U64(Total);

    public static CounterIncremented Read(ref CanonicalReader reader) => new(reader.U64("by"), reader.U64("total"));
}
