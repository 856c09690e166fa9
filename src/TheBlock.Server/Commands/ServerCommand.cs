using TheBlock.Protocol.Ledger;
using TheBlock.Storage;

namespace TheBlock.Server.Commands;

/// <summary>Runs a server command and turns the reasons it cannot start into one line and exit code 1.</summary>
public static class ServerCommand
{
    public static async Task<int> RunAsync(Func<Task> body)
    {
        try
        {
            await body();
            return 0;
        }
        catch (Exception ex) when (ex is StartupException or StateCorruptedException or FormatException or InvariantViolationException or IOException)
        {
            await Console.Error.WriteLineAsync($"the-block: {ex.Message}");
            return 1;
        }
    }
}
