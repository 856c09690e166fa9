using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Energy;

/// <summary>
/// A credit settled: the energy market's service receipt (spec/receipts.md). Its nonce is the settlement's receipt
/// number, its agreement the credit, its units the credit's kWh, and the offtaker whose escrow paid is the buyer.
/// </summary>
public sealed record EnergyReceiptEmitted(ulong ReceiptNumber, ulong CreditId, string ProviderId, string Meter, Address Offtaker, ulong Kwh, ulong Payment, ulong Fee, ulong SettledAt)
    : ChainEvent, IReceiptEvent
{
    public const string EventName = "energy_receipt_emitted";

    public EnergyReceiptEmitted(Credit settled, Address offtaker)
        : this(settled.ReceiptId!.Value, settled.CreditId, settled.ProviderId, settled.Meter, offtaker, settled.AmountKwh, settled.Payment!.Value, settled.Fee!.Value, settled.SettledAt!.Value)
    {
    }

    public override string Name => EventName;

    public ServiceReceipt Receipt => new(
        EnergyModule.MarketName, ProviderId, Offtaker, "credit_id", CreditId, Kwh, Payment, Fee, SettledAt, ReceiptNumber,
        [ReceiptField.Of("meter", Meter), ReceiptField.Of("kwh", Kwh)]);

    public override string Describe() => $"emitted energy receipt {ReceiptNumber} for credit {CreditId}: {Payment} CT";

    public IEnumerable<ServiceReceipt> ReceiptsOf(Transaction? cause) => [Receipt];

    public override void Write(CanonicalWriter writer) =>
        writer.U64(ReceiptNumber).U64(CreditId).Utf8(ProviderId).Utf8(Meter).Address(Offtaker).U64(Kwh).U64(Payment).U64(Fee).U64(SettledAt);

    public static EnergyReceiptEmitted Read(ref CanonicalReader reader) => new(
        reader.U64("receipt_number"), reader.U64("credit_id"), reader.Utf8("provider_id"), reader.Utf8("meter"), reader.Address("offtaker"),
        reader.U64("kwh"), reader.U64("payment"), reader.U64("fee"), reader.U64("settled_at"));
}
