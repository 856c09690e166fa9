using System.CommandLine;

namespace TheBlock.Cli.Transactions;

/// <summary>How a transaction is sent: fee, nonce override, and whether and how long to wait for inclusion.</summary>
internal sealed record SubmitSettings(ulong Fee, ulong? Nonce, bool Wait, TimeSpan Timeout);

/// <summary>
/// The options every transaction-submitting command shares (<c>--fee --nonce --no-wait --timeout</c>), so a new
/// command that sends a transaction adds them in one line.
/// </summary>
internal sealed class SubmitOptions
{
    public const int DefaultTimeoutSeconds = 30;

    private readonly Option<ulong> _fee = new("--fee") { Description = "Fee in CT.", HelpName = "N", DefaultValueFactory = _ => 0 };
    private readonly Option<ulong?> _nonce = new("--nonce") { Description = "Nonce to use (else the account's next nonce).", HelpName = "N" };
    private readonly Option<bool> _noWait = new("--no-wait") { Description = "Print {tx_hash} at once instead of waiting for a committed block." };
    private readonly Option<int> _timeout = new("--timeout")
    {
        Description = "Seconds to wait for the transaction to be committed.",
        HelpName = "S",
        DefaultValueFactory = _ => DefaultTimeoutSeconds,
    };

    public SubmitOptions()
    {
        _timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("Option '--timeout' must be at least 1 second.");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_fee);
        command.Options.Add(_nonce);
        command.Options.Add(_noWait);
        command.Options.Add(_timeout);
    }

    public SubmitSettings Read(CommandContext context) => new(
        context.Value(_fee),
        context.Value(_nonce),
        !context.Value(_noWait),
        TimeSpan.FromSeconds(context.Value(_timeout)));
}
