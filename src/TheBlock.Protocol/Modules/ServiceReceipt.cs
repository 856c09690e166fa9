using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Modules;

/// <summary>
/// One settled unit of paid service in a market (spec/receipts.md): who provided it, who paid, against which agreement
/// (or energy credit), how many units, what was paid and the treasury's fee. Modules whose markets settle service emit
/// events that carry receipts (<see cref="IReceiptEvent"/>), so the block's receipts root commits to them and the
/// receipts index, metrics and log read every market alike without naming any.
/// </summary>
/// <param name="ReferenceName">what <see cref="AgreementId"/> is called in the market: <c>agreement_id</c> or <c>credit_id</c>.</param>
/// <param name="Fields">the market's own fields, in its schema's order.</param>
public sealed record ServiceReceipt(
    string Market,
    string ProviderId,
    Address Buyer,
    string ReferenceName,
    ulong AgreementId,
    ulong Units,
    ulong Amount,
    ulong Fee,
    ulong CreatedAt,
    ulong Nonce,
    IReadOnlyList<ReceiptField> Fields)
{
    private static ReadOnlySpan<byte> IdDomain => "TheBlock/receipt/v1"u8;

    /// <summary>The receipt's id: SHA-256 of "TheBlock/receipt/v1" ‖ <see cref="Claim"/>. A provider signs exactly these bytes.</summary>
    public Hash32 ReceiptId => IdOf(Claim(Market, ProviderId, AgreementId, Units, Nonce, CreatedAt, Fields));

    /// <summary>
    /// The canonical encoding of what a provider claims (docs/RECEIPTS.md, "Canonical encoding"):
    /// market ‖ provider_id ‖ agreement u64 ‖ units u64 ‖ nonce u64 ‖ created_at u64 ‖ each market field (tag u8, then
    /// u64 or u16-prefixed UTF-8), all little-endian. What the chain derives (buyer, amount, fee, height) is not in it.
    /// </summary>
    public static byte[] Claim(string market, string providerId, ulong agreementId, ulong units, ulong nonce, ulong createdAt, IReadOnlyList<ReceiptField> fields)
    {
        var writer = new CanonicalWriter(96 + (24 * fields.Count));
        writer.Utf8(market).Utf8(providerId).U64(agreementId).U64(units).U64(nonce).U64(createdAt);
        foreach (var field in fields)
        {
            field.WriteValue(writer);
        }

        return writer.ToArray();
    }

    /// <summary>The message a provider signs and the id is hashed from: the domain, then the claim.</summary>
    public static byte[] SigningMessage(byte[] claim)
    {
        var message = new byte[IdDomain.Length + claim.Length];
        IdDomain.CopyTo(message);
        claim.CopyTo(message, IdDomain.Length);
        return message;
    }

    public static Hash32 IdOf(byte[] claim) => Hash32.Sha256(SigningMessage(claim));
}
