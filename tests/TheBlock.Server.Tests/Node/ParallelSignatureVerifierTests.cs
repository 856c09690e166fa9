using TheBlock.Protocol;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Node;

namespace TheBlock.Server.Tests.Node;

public sealed class ParallelSignatureVerifierTests
{
    [Fact]
    public void All_valid_signatures_give_minus_one_and_the_first_bad_one_is_found_whatever_the_scheduling()
    {
        using var key = TestKeys.Filled(7);
        var to = Address.FromPublicKey(new byte[32]);
        var transactions = Enumerable.Range(1, 400)
            .Select(i => Transaction.CreateSigned("devnet", key, (ulong)i, 0, new TransferPayload(to, 1)))
            .ToList();
        Assert.Equal(-1, ParallelSignatureVerifier.FirstInvalid(transactions));

        transactions[250] = Tamper(transactions[250]);
        transactions[123] = Tamper(transactions[123]);
        Assert.Equal(123, ParallelSignatureVerifier.FirstInvalid(transactions));
    }

    private static Transaction Tamper(Transaction transaction)
    {
        var bytes = transaction.Encoded.ToArray();
        bytes[^1] ^= 0x80;
        return Transaction.Decode(bytes, StandardChain.Modules);
    }
}
