using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Energy;

/// <summary>
/// What each energy transaction does (spec/energy.md). Each rule checks everything before it changes anything and
/// returns the reason it refuses; a reading batch applies reading by reading, recording each refusal as an event.
/// </summary>
public static class EnergyTransactions
{
    public static Rejection? Register(StateOverlay overlay, Transaction transaction, ProviderRegisterPayload payload, string reference)
    {
        var parameters = EnergyParameters.Of(overlay.Genesis);
        if (overlay.GetProvider(payload.ProviderId) is not null)
        {
            return new Rejection(EnergyReasons.ProviderExists, $"provider {payload.ProviderId} is already registered; provider ids are never reused");
        }

        if (payload.Stake < parameters.MinStake)
        {
            return new Rejection(EnergyReasons.StakeBelowMinimum, $"stake {payload.Stake} CT is below the minimum {parameters.MinStake} CT");
        }

        overlay.LockStake(transaction.Sender, payload.Stake, reference);
        var now = overlay.UnixSeconds;
        overlay.PutProvider(new Provider
        {
            ProviderId = payload.ProviderId,
            Owner = transaction.Sender,
            PublicKey = payload.PublicKey.ToArray(),
            KeySinceHeight = overlay.Height,
            Meters = [.. payload.Terms.Meters],
            CapacityKwh = payload.Terms.CapacityKwh,
            PricePerKwh = payload.Terms.PricePerKwh,
            Jurisdiction = payload.Terms.Jurisdiction,
            Offtaker = payload.Terms.Offtaker,
            Stake = payload.Stake,
            Status = ProviderStatus.Active,
            Reputation = Reputation.Initial,
            RegisteredHeight = overlay.Height,
            RegisteredAt = now,
            UpdatedAt = now,
        });
        return null;
    }

    public static Rejection? Update(StateOverlay overlay, Transaction transaction, ProviderUpdatePayload payload)
    {
        if (OwnedProvider(overlay, transaction.Sender, payload.ProviderId, out var provider) is { } refused)
        {
            return refused;
        }

        overlay.PutProvider(provider with
        {
            Meters = [.. payload.Terms.Meters],
            CapacityKwh = payload.Terms.CapacityKwh,
            PricePerKwh = payload.Terms.PricePerKwh,
            Jurisdiction = payload.Terms.Jurisdiction,
            Offtaker = payload.Terms.Offtaker,
            UpdatedAt = overlay.UnixSeconds,
        });
        return null;
    }

    public static Rejection? RotateKey(StateOverlay overlay, Transaction transaction, ProviderRotateKeyPayload payload)
    {
        if (OwnedProvider(overlay, transaction.Sender, payload.ProviderId, out var provider) is { } refused)
        {
            return refused;
        }

        overlay.PutProvider(provider with { PublicKey = payload.PublicKey.ToArray(), KeySinceHeight = overlay.Height, UpdatedAt = overlay.UnixSeconds });
        return null;
    }

    public static Rejection? Exit(StateOverlay overlay, Transaction transaction, ProviderExitPayload payload, string reference)
    {
        if (OwnedProvider(overlay, transaction.Sender, payload.ProviderId, out var provider) is { } refused)
        {
            return refused;
        }

        if (provider.Status == ProviderStatus.Inactive)
        {
            return new Rejection(EnergyReasons.ProviderUnregistered, $"provider {payload.ProviderId} is already exiting: its stake returns once its {provider.OpenCredits} open credits are final");
        }

        overlay.PutProvider(EnergyRules.ReleaseIfDone(overlay, provider with { Status = ProviderStatus.Inactive, UpdatedAt = overlay.UnixSeconds }, reference));
        return null;
    }

    public static Rejection? Deposit(StateOverlay overlay, Transaction transaction, EscrowDepositPayload payload, string reference)
    {
        overlay.DepositEscrow(transaction.Sender, payload.Amount, reference);
        return null;
    }

    public static Rejection? Withdraw(StateOverlay overlay, Transaction transaction, EscrowWithdrawPayload payload, string reference)
    {
        var held = overlay.EscrowOf(transaction.Sender);
        if (payload.Amount > held)
        {
            return new Rejection(EnergyReasons.InsufficientEscrow, $"{transaction.Sender} holds {held} CT in energy escrow; it cannot withdraw {payload.Amount}");
        }

        overlay.WithdrawEscrow(transaction.Sender, payload.Amount, reference);
        return null;
    }

    /// <summary>Re-verifies each reading against the state as this block has it; accepted ones move their meter and may create a credit.</summary>
    public static Rejection? ReadingBatch(StateOverlay overlay, Transaction transaction, ReadingBatchPayload payload)
    {
        var parameters = EnergyParameters.Of(overlay.Genesis);
        foreach (var reading in payload.Readings)
        {
            EnergyRules.ApplyReading(overlay, parameters, reading);
        }

        return null;
    }

    public static Rejection? OpenDispute(StateOverlay overlay, Transaction transaction, DisputeOpenPayload payload)
    {
        if (overlay.GetOpenCredit(payload.CreditId) is not { } credit)
        {
            return payload.CreditId is > 0 && payload.CreditId < overlay.EnergyCounters.NextCreditId
                ? new Rejection(EnergyReasons.CreditNotPending, $"credit {payload.CreditId} is final (settled, expired or voided); only a pending credit can be disputed")
                : new Rejection(EnergyReasons.CreditNotFound, $"there is no energy credit {payload.CreditId}");
        }

        if (credit.Status != CreditStatus.Pending)
        {
            return new Rejection(EnergyReasons.CreditNotPending, $"credit {payload.CreditId} is {CreditStatuses.Name(credit.Status)}; only a pending credit can be disputed");
        }

        var provider = overlay.GetProvider(credit.ProviderId)!;
        if (transaction.Sender != provider.Offtaker && !IsValidator(overlay.Genesis, transaction.Sender))
        {
            return new Rejection(EnergyReasons.NotOfftaker, $"{transaction.Sender} is neither {credit.ProviderId}'s offtaker ({provider.Offtaker}) nor a validator key");
        }

        var counters = overlay.EnergyCounters;
        overlay.PutEnergyCounters(counters with { NextDisputeId = counters.NextDisputeId + 1 });
        var dispute = new Dispute
        {
            DisputeId = counters.NextDisputeId,
            CreditId = credit.CreditId,
            ProviderId = credit.ProviderId,
            Reason = payload.Reason,
            OpenedBy = transaction.Sender,
            OpenedAt = overlay.UnixSeconds,
            OpenedHeight = overlay.Height,
            Meter = credit.Meter,
            AmountKwh = credit.AmountKwh,
            ReadingTimestamp = credit.ReadingTimestamp,
        };
        overlay.PutDispute(dispute);
        overlay.PutCredit(credit with { Status = CreditStatus.Disputed, DisputeId = dispute.DisputeId }, credit.Status);
        return null;
    }

    public static Rejection? ResolveDispute(StateOverlay overlay, Transaction transaction, DisputeResolvePayload payload, string reference)
    {
        if (!IsValidator(overlay.Genesis, transaction.Sender))
        {
            return new Rejection(EnergyReasons.NotValidator, $"{transaction.Sender} is not a validator key: disputes are resolved through the node's admin path");
        }

        if (overlay.GetDispute(payload.DisputeId) is not { } dispute)
        {
            return new Rejection(EnergyReasons.DisputeNotFound, $"there is no dispute {payload.DisputeId}");
        }

        if (!dispute.IsOpen)
        {
            return new Rejection(EnergyReasons.DisputeNotOpen, $"dispute {payload.DisputeId} was already resolved as {dispute.OutcomeName}");
        }

        EnergyRules.Resolve(overlay, EnergyParameters.Of(overlay.Genesis), dispute, payload.Outcome, transaction.Sender, reference);
        return null;
    }

    internal static bool IsValidator(Genesis genesis, Address address) =>
        genesis.Validators.Any(publicKey => Address.FromPublicKey(publicKey) == address);

    private static Rejection? OwnedProvider(StateOverlay overlay, Address sender, string providerId, out Provider provider)
    {
        provider = overlay.GetProvider(providerId)!;
        if (provider is null)
        {
            return new Rejection(EnergyReasons.ProviderNotFound, $"there is no provider {providerId}");
        }

        if (provider.Owner != sender)
        {
            return new Rejection(EnergyReasons.NotProviderOwner, $"{sender} does not own provider {providerId} (its owner is {provider.Owner})");
        }

        return provider.Status == ProviderStatus.Unregistered
            ? new Rejection(EnergyReasons.ProviderUnregistered, $"provider {providerId} has exited and its stake was returned")
            : null;
    }
}
