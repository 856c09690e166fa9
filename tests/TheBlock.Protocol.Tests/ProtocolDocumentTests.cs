using TheBlock.Protocol.Tests.Chain;
using TheBlock.Protocol.Tests.Transactions;

namespace TheBlock.Protocol.Tests;

/// <summary>docs/PROTOCOL.md carries the same vectors the tests pin, so the document cannot drift from the code.</summary>
public class ProtocolDocumentTests
{
    internal static string ReadDocument() => File.ReadAllText(Repository.PathOf("docs", "PROTOCOL.md"));

    [Theory]
    [InlineData(TransactionTestVectorTests.SeedHex)]
    [InlineData(TransactionTestVectorTests.PublicKeyHex)]
    [InlineData(TransactionTestVectorTests.SenderAddress)]
    [InlineData(TransactionTestVectorTests.RecipientBytesHex)]
    [InlineData(TransactionTestVectorTests.RecipientAddress)]
    [InlineData(TransactionTestVectorTests.EncodedHex)]
    [InlineData(TransactionTestVectorTests.HashHex)]
    [InlineData(BlockEncodingTests.HeaderVectorHash)]
    [InlineData("dc41fe4c608ece03d58266f538c679836c0eb2abf5fb00402f838ba0b16afe5f")]
    [InlineData("15151f54bb8df25a63ed22b8c136eff41310c8baf8979af632b04f34c66f55e4")]
    [InlineData("080600657363726f77020500000000000000")]
    [InlineData("090a00026e00000000000000070300010203")]
    [InlineData("f16c266008cf5e53912dcda79494d86aacad67cdac7c37d494c91b0d011a6f99")]
    public void The_protocol_document_carries_the_pinned_vector(string value)
    {
        Assert.Contains(value, ReadDocument(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_protocol_document_gives_the_key_file_of_the_vector_seed()
    {
        var keyFile = Convert.ToBase64String(Convert.FromHexString(TransactionTestVectorTests.SeedHex));

        Assert.Contains($"`{keyFile}`", ReadDocument(), StringComparison.Ordinal);
    }
}
