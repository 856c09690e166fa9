namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>The runbook and README receipts tests share one devnet (<see cref="ReceiptsRunbookFixture"/>): starting it and waiting for its 110 blocks is most of their time.</summary>
[CollectionDefinition(Name)]
public sealed class ReceiptsRunbookCollection : ICollectionFixture<ReceiptsRunbookFixture>
{
    public const string Name = "receipts runbook devnet";
}
