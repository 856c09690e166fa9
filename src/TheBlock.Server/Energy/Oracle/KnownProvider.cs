using System.Collections.Frozen;
using TheBlock.Client.Energy.Oracle;
using TheBlock.Protocol.Energy;

namespace TheBlock.Server.Energy.Oracle;

/// <summary>A provider as the oracle checks readings against it: the decoded key, whether it is active, its meters.</summary>
public sealed record KnownProvider(string ProviderId, byte[] PublicKey, bool IsActive, string Status, FrozenSet<string> Meters)
{
    public static KnownProvider From(OracleProviderKey key) => new(
        key.ProviderId,
        Convert.FromBase64String(key.PublicKey),
        key.Status == ProviderStatuses.Name(ProviderStatus.Active),
        key.Status,
        key.Meters.ToFrozenSet(StringComparer.Ordinal));
}
