using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Receipts;

/// <summary>The sender registers <see cref="ProviderId"/> in <see cref="Market"/> as its owner, with the key its receipts are signed with, locking <see cref="Stake"/> CT.</summary>
public sealed record MarketProviderRegisterPayload(ServiceMarket Market, string ProviderId, ReadOnlyMemory<byte> PublicKey, ulong Stake) : TransactionPayload
{
    public override TransactionKind Kind => ReceiptsKinds.ProviderRegister;

    public override ulong Spends => Stake;

    public override void Write(CanonicalWriter writer) => writer.U8((byte)Market).Utf8(ProviderId).Variable(PublicKey.Span).U64(Stake);

    public override Rejection? CheckStateless()
    {
        if (ReceiptsLimits.IdProblem("provider_id", ProviderId) is { } problem)
        {
            return new Rejection(ReceiptReasons.InvalidMarketRequest, problem);
        }

        return PublicKey.Length != Ed25519.PublicKeySize
            ? new Rejection(ReceiptReasons.InvalidMarketRequest, $"public_key must be {Ed25519.PublicKeySize} bytes, not {PublicKey.Length}")
            : null;
    }

    public static MarketProviderRegisterPayload Read(ref CanonicalReader reader) =>
        new(PayloadFields.Market(ref reader), reader.Utf8("provider_id"), reader.Variable("public_key").ToArray(), reader.U64("stake"));
}
