namespace TheBlock.Server.Receipts;

/// <summary>
/// How the devnet's simulated storage, compute and ad providers post receipts. <see cref="Active"/> off rehearses the
/// runbook's "Receipts Flatlining" with the markets silent (<c>contract-cli dev drill market-flatline</c>): those three
/// markets stop emitting once the emitter's queue drains, and energy and blocks go on. <see cref="BadSignatures"/> on
/// rehearses its validation failures (<c>dev drill receipt-validation-errors</c>): every good receipt is followed by one
/// signed with another provider's key, which the emitter refuses as <c>signature_invalid</c>. Held in memory only, so a
/// restart restores the healthy traffic.
/// </summary>
public sealed class ReceiptsTrafficSwitch
{
    private volatile bool _active = true;
    private volatile bool _badSignatures;

    public bool Active => _active;

    public bool BadSignatures => _badSignatures;

    public void Set(bool active) => _active = active;

    public void SetBadSignatures(bool badSignatures) => _badSignatures = badSignatures;
}
