namespace TheBlock.EndToEnd.Tests.Drills;

/// <summary>The three drill tests share one devnet (<see cref="DrillDevnetFixture"/>); each recovers before it ends, leaving it clean for the next.</summary>
[CollectionDefinition(Name)]
public sealed class DrillCollection : ICollectionFixture<DrillDevnetFixture>
{
    public const string Name = "drill devnet";
}
