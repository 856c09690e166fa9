using TheBlock.Protocol.Ledger;
using TheBlock.Server.Node;
using TheBlock.Storage;

namespace TheBlock.Server.Commands;

/// <summary>
/// Runs a server command and turns the reasons it cannot start, or a halted chain, into one line and exit code 1, so
/// that systemd's <c>Restart=on-failure</c> acts and the unit shows the failure.
/// </summary>
public static class ServerCommand
{
    public static async Task<int> RunAsync(Func<Task> body)
    {
        try
        {
            await body();
            return 0;
        }
        catch (Exception ex) when (ex is StartupException or StateCorruptedException or FormatException or InvariantViolationException or IOException or ChainHaltedException)
        {
            await Console.Error.WriteLineAsync($"the-block: {ex.Message}");
            return 1;
        }
    }
}
