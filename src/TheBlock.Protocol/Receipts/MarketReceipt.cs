using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Receipts;

/// <summary>
/// A provider's signed receipt for service under an agreement, as submitted and as a batch carries it. The provider
/// signs <see cref="ServiceReceipt.SigningMessage"/> of its claim; the receipt's id is the SHA-256 of that message.
/// Wire layout in a batch: market u8 ‖ provider_id ‖ agreement_id u64 ‖ units u64 ‖ nonce u64 ‖ created_at u64 ‖
/// field count u8 ‖ each field tagged ‖ signature [64]. A receipt decodes whatever its market or fields, so a block can
/// record a malformed one as refused (<see cref="SchemaProblem"/>) rather than reject the whole batch.
/// </summary>
public sealed record MarketReceipt(
    byte MarketCode,
    string ProviderId,
    ulong AgreementId,
    ulong Units,
    ulong Nonce,
    ulong CreatedAt,
    IReadOnlyList<ReceiptField> Fields,
    ReadOnlyMemory<byte> Signature)
{
    private const int MaxFields = 16;

    public MarketReceipt(ServiceMarket market, string providerId, ulong agreementId, ulong units, ulong nonce, ulong createdAt, IReadOnlyList<ReceiptField> fields, ReadOnlyMemory<byte> signature)
        : this((byte)market, providerId, agreementId, units, nonce, createdAt, fields, signature)
    {
    }

    public ServiceMarket? Market => ServiceMarkets.IsDefined(MarketCode) ? (ServiceMarket)MarketCode : null;

    public string MarketName => Market is { } market ? ServiceMarkets.Name(market) : $"market_{MarketCode}";

    public byte[] Claim() => ServiceReceipt.Claim(MarketName, ProviderId, AgreementId, Units, Nonce, CreatedAt, Fields);

    public Hash32 ReceiptId => ServiceReceipt.IdOf(Claim());

    public byte[] SigningMessage() => ServiceReceipt.SigningMessage(Claim());

    /// <summary>Signs the claim with the provider's key; the result carries the signature.</summary>
    public MarketReceipt SignedWith(SigningKey key) => this with { Signature = key.Sign(SigningMessage()) };

    /// <summary>True when the provider's <paramref name="publicKey"/> signed this claim: found in <paramref name="verified"/>, or checked now.</summary>
    public bool VerifySignature(ReadOnlySpan<byte> publicKey, IVerifiedSignatures? verified = null)
    {
        if (publicKey.Length != Ed25519.PublicKeySize || Signature.Length != Ed25519.SignatureSize)
        {
            return false;
        }

        var message = SigningMessage();
        return verified?.Contains(IVerifiedSignatures.CheckOf(publicKey, Hash32.Sha256(message), Signature.Span)) == true
            || Ed25519.Verify(publicKey, message, Signature.Span);
    }

    /// <summary>What <c>schema_mismatch</c> means (spec/receipts.md), or null: a known market, its fields in order with their types, ids in range, units above zero.</summary>
    public string? SchemaProblem()
    {
        if (Market is not { } market)
        {
            return $"market code {MarketCode} is unknown; markets are {string.Join(", ", ServiceMarkets.Names)}";
        }

        if (ReceiptsLimits.IdProblem("provider_id", ProviderId) is { } badId)
        {
            return badId;
        }

        if (Units == 0)
        {
            return "units must be above zero";
        }

        var schema = ServiceMarkets.Schema(market);
        if (Fields.Count != schema.Count)
        {
            return $"a {MarketName} receipt has the fields {string.Join(", ", schema.Select(f => f.Name))}, not {Fields.Count} fields";
        }

        for (var i = 0; i < schema.Count; i++)
        {
            var expected = schema[i];
            var field = Fields[i];
            if (field.Name != expected.Name || (field.Text is not null) != expected.IsText)
            {
                return $"field {i + 1} of a {MarketName} receipt is {expected.Name}, {expected.TypeName}";
            }

            if (field.Text is { } text && ReceiptsLimits.IdProblem(expected.Name, text) is { } badText)
            {
                return badText;
            }
        }

        return null;
    }

    /// <summary>The receipt as the chain records it once paid.</summary>
    public ServiceReceipt Settled(Address buyer, ulong amount, ulong fee) =>
        new(MarketName, ProviderId, buyer, "agreement_id", AgreementId, Units, amount, fee, CreatedAt, Nonce, Fields);

    public void Write(CanonicalWriter writer)
    {
        writer.U8(MarketCode).Utf8(ProviderId).U64(AgreementId).U64(Units).U64(Nonce).U64(CreatedAt).U8(checked((byte)Fields.Count));
        foreach (var field in Fields)
        {
            field.WriteValue(writer);
        }

        writer.Fixed(Signature.Span);
    }

    public static MarketReceipt Read(ref CanonicalReader reader)
    {
        var marketCode = reader.U8("market");
        var providerId = reader.Utf8("provider_id");
        var agreementId = reader.U64("agreement_id");
        var units = reader.U64("units");
        var nonce = reader.U64("nonce");
        var createdAt = reader.U64("created_at");
        var count = reader.U8("field_count");
        if (count > MaxFields)
        {
            throw new FormatException($"a receipt has at most {MaxFields} fields, not {count}");
        }

        var schema = ServiceMarkets.IsDefined(marketCode) ? ServiceMarkets.Schema((ServiceMarket)marketCode) : [];
        var fields = new ReceiptField[count];
        for (var i = 0; i < count; i++)
        {
            fields[i] = ReceiptField.ReadValue(ref reader, i < schema.Count ? schema[i].Name : $"field_{i + 1}");
        }

        return new MarketReceipt(marketCode, providerId, agreementId, units, nonce, createdAt, fields, reader.Fixed(Ed25519.SignatureSize, "signature").ToArray());
    }
}
