namespace TheBlock.Protocol.Ledger;

/// <summary>Which treasury sub-ledger an entry moves.</summary>
public enum SubLedger : byte
{
    Ct = 1,
    It = 2,
}
