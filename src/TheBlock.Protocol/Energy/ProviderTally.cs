namespace TheBlock.Protocol.Energy;

/// <summary>
/// What one block's settlement step did to a provider, gathered credit by credit (in id order, so reputation and status
/// move exactly as if the record were rewritten each time) and written as one new record at the end.
/// </summary>
internal sealed class ProviderTally(Provider before)
{
    private ulong _closed;
    private ulong _settledKwh;
    private bool _settled;
    private Reputation _reputation = before.Reputation;
    private ProviderStatus _status = before.Status;

    public Provider Before { get; } = before;

    public bool Changed => _closed > 0;

    public void Settled(ulong amountKwh)
    {
        _closed++;
        _settledKwh += amountKwh;
        _settled = true;
        _reputation = _reputation.Settled();
    }

    public void Expired(EnergyParameters parameters)
    {
        _closed++;
        _reputation = _reputation.Expired();
        _status = EnergyRules.Judge(Before with { Status = _status, Reputation = _reputation }, parameters).Status;
    }

    public Provider After(ulong now) => Before with
    {
        OpenCredits = Before.OpenCredits - _closed,
        SettledKwh = Before.SettledKwh + _settledKwh,
        LastSettlement = _settled ? now : Before.LastSettlement,
        Reputation = _reputation,
        Status = _status,
        UpdatedAt = now,
    };
}
