namespace TheBlock.Protocol.Transactions;

/// <summary>Why a transaction or block was refused: a stable snake_case reason and a sentence for a person.</summary>
public sealed record Rejection(string Reason, string Message)
{
    public override string ToString() => $"{Reason}: {Message}";
}
