namespace TheBlock.Cli.Json;

/// <summary>What <c>keys address</c> prints.</summary>
internal sealed record KeyView(string Address, string PublicKey);

/// <summary>What <c>keys generate</c> prints.</summary>
internal sealed record GeneratedKeyView(string Address, string PublicKey, string KeyFile);

/// <summary>What a transaction command prints with <c>--no-wait</c>.</summary>
internal sealed record SubmittedView(string TxHash);
