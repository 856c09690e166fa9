namespace TheBlock.Protocol.Ledger;

/// <summary>A user account: its CT balance and the nonce of the last transaction it sent (0 before the first).</summary>
public readonly record struct Account(ulong Balance, ulong Nonce)
{
    public bool IsEmpty => Balance == 0 && Nonce == 0;
}
