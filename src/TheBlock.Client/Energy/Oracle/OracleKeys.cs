namespace TheBlock.Client.Energy.Oracle;

/// <summary>Params of <c>energy.oracle.keys</c>: the asking oracle and what it knew before this sync (its heartbeat).</summary>
public sealed record OracleKeysParams(string OracleId, ulong KeyCount, ulong? LastSyncHeight);

/// <summary>Every registered provider's verification material as of head <see cref="Height"/>.</summary>
public sealed record OracleKeySet(ulong Height, IReadOnlyList<OracleProviderKey> Providers);

/// <summary>What an oracle needs to verify a provider's readings before they reach the node.</summary>
public sealed record OracleProviderKey(string ProviderId, string PublicKey, string Status, IReadOnlyList<string> Meters, ulong KeySinceHeight);
