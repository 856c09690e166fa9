namespace TheBlock.Protocol.Receipts;

/// <summary>The markets whose providers submit signed receipts against agreements. Codes are part of the canonical encoding: never renumber.</summary>
public enum ServiceMarket : byte
{
    Storage = 1,
    Compute = 2,
    Ad = 3,
}
