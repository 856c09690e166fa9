using System.Text.Json;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Protocol.Tests.Receipts;

/// <summary>
/// The receipt's canonical claim, id and signature agree with an independent implementation: receipt-vectors.json was
/// built from docs/RECEIPTS.md's layout and signed by pyca cryptography (OpenSSL) (scripts/receipt_vectors.py); the
/// node verifies with NSec (libsodium).
/// </summary>
public class MarketReceiptVectorTests
{
    private static readonly JsonElement Vectors = JsonElement.Parse(File.ReadAllText(Repository.PathOf("tests", "TheBlock.Protocol.Tests", "Receipts", "receipt-vectors.json")));

    private static byte[] PublicKey => Convert.FromBase64String(Vectors.GetProperty("public_key").GetString()!);

    public static TheoryData<int> Cases => new(Enumerable.Range(0, Vectors.GetProperty("receipts").GetArrayLength()));

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_signing_message_id_and_independent_signature_match_the_documented_layout(int index)
    {
        var (receipt, messageHex, id) = Vector(index);

        Assert.Null(receipt.SchemaProblem());
        Assert.Equal(messageHex, Convert.ToHexStringLower(receipt.SigningMessage()));
        Assert.Equal(id, receipt.ReceiptId.ToString());
        Assert.True(receipt.VerifySignature(PublicKey));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Signing_here_gives_the_independent_signature(int index)
    {
        var (receipt, _, _) = Vector(index);
        using var key = SigningKey.FromSeed(Convert.FromBase64String(Vectors.GetProperty("private_key_seed").GetString()!));

        Assert.Equal(receipt.Signature.ToArray(), receipt.SignedWith(key).Signature.ToArray());
    }

    [Fact]
    public void Changing_any_claimed_field_changes_the_id_and_fails_verification()
    {
        var (receipt, _, _) = Vector(0);
        MarketReceipt[] changed =
        [
            receipt with { MarketCode = (byte)ServiceMarket.Compute },
            receipt with { ProviderId = receipt.ProviderId + "x" },
            receipt with { AgreementId = receipt.AgreementId + 1 },
            receipt with { Units = receipt.Units + 1 },
            receipt with { Nonce = receipt.Nonce + 1 },
            receipt with { CreatedAt = receipt.CreatedAt + 1 },
            receipt with { Fields = [receipt.Fields[0], ReceiptField.Of("bytes", 1), receipt.Fields[2]] },
        ];

        Assert.All(changed, other =>
        {
            Assert.NotEqual(receipt.ReceiptId, other.ReceiptId);
            Assert.False(other.VerifySignature(PublicKey));
        });
    }

    [Fact]
    public void A_receipt_round_trips_through_its_wire_bytes()
    {
        var (receipt, _, _) = Vector(1);
        var writer = new Protocol.Encoding.CanonicalWriter();
        receipt.Write(writer);
        var reader = new Protocol.Encoding.CanonicalReader(writer.WrittenSpan);

        var read = MarketReceipt.Read(ref reader);

        reader.ExpectEnd("receipt");
        Assert.Equal(receipt.ReceiptId, read.ReceiptId);
        Assert.Equal(receipt.Signature.ToArray(), read.Signature.ToArray());
        Assert.Equal(receipt.Fields, read.Fields);
    }

    private static (MarketReceipt Receipt, string MessageHex, string Id) Vector(int index)
    {
        var vector = Vectors.GetProperty("receipts")[index];
        var submission = vector.GetProperty("submission");
        Assert.True(ServiceMarkets.TryParse(submission.GetProperty("market").GetString(), out var market));
        var fields = ServiceMarkets.Schema(market.Value)
            .Select(field => field.IsText
                ? ReceiptField.Of(field.Name, submission.GetProperty(field.Name).GetString()!)
                : ReceiptField.Of(field.Name, submission.GetProperty(field.Name).GetUInt64()))
            .ToList();
        var receipt = new MarketReceipt(
            market.Value,
            submission.GetProperty("provider_id").GetString()!,
            submission.GetProperty("agreement_id").GetUInt64(),
            submission.GetProperty("units").GetUInt64(),
            submission.GetProperty("nonce").GetUInt64(),
            submission.GetProperty("created_at").GetUInt64(),
            fields,
            Convert.FromBase64String(submission.GetProperty("signature").GetString()!));
        return (receipt, vector.GetProperty("signing_message_hex").GetString()!, vector.GetProperty("receipt_id").GetString()!);
    }
}
