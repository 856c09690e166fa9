using System.CommandLine;
using System.Text.Json;
using TheBlock.Cli.Input;
using TheBlock.Client.Energy.Oracle;

namespace TheBlock.Cli.Commands.Energy;

/// <summary>
/// <c>contract-cli energy reading submit --file F [--oracle URL] [--wait]</c>: posts a reading document (one reading or
/// an array) to an oracle and prints its answer. Anything not accepted exits 1 with the reason in the error JSON.
/// </summary>
internal static class ReadingSubmitCommand
{
    public const string DefaultOracle = "http://127.0.0.1:8001";
    public const string OracleVariable = "THEBLOCK_ORACLE_URL";
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    internal static readonly RoleSubmission Oracle = new("oracle", "--oracle", OracleVariable, DefaultOracle, OracleReasons.OracleUnreachable);

    public static Command Create(CommandRunner runner)
    {
        var file = new Option<string>("--file") { Description = "The reading JSON (from `energy reading sign`), or - for stdin.", HelpName = "FILE", Required = true };
        var oracle = Oracle.UrlOption();
        var wait = new Option<bool>("--wait") { Description = "For one reading: after it is accepted, wait until a committed block holds it and print where (credit id, height)." };
        var command = new Command("submit", HelpText.WithExample(
            "Submit a signed reading to an energy oracle. Prints the oracle's answer: accepted with a tracking id, or exits 1 with the reason it was refused.",
            "contract-cli energy reading submit --file reading.json"))
        {
            file,
            oracle,
            wait,
        };
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var body = await RoleSubmission.ReadBodyAsync(context.Required(file), cancellationToken).ConfigureAwait(false);
            var baseUrl = Oracle.ResolveUrl(context.Value(oracle));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var answer = RoleSubmission.RequireAccepted(await Oracle.PostAsync(http, baseUrl, "/readings", body, cancellationToken).ConfigureAwait(false), "reading");
            if (answer.TryGetProperty("results", out _))
            {
                return answer;
            }

            var single = answer.Deserialize(OracleJsonContext.Default.ReadingAnswer)!;
            return context.Value(wait) ? await WaitAsync(http, baseUrl, single.TrackingId!, context, cancellationToken).ConfigureAwait(false) : answer;
        });
        return command;
    }

    private static async Task<JsonElement> WaitAsync(HttpClient http, string baseUrl, string trackingId, CommandContext context, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + WaitTimeout;
        context.Progress?.Write($"waiting for reading {trackingId} to be committed ");
        while (true)
        {
            var view = await Oracle.GetAsync(http, baseUrl, $"/readings/{trackingId}", cancellationToken).ConfigureAwait(false);
            var status = view.GetProperty("status").GetString();
            if (status == TrackingView.Included)
            {
                context.Progress?.WriteLine("included");
                return view;
            }

            if (status != TrackingView.Pending)
            {
                context.Progress?.WriteLine(status);
                throw new CliException(CliErrors.Failed(
                    view.TryGetProperty("reason", out var reason) && reason.GetString() is { } code ? code : status ?? "rejected",
                    view.TryGetProperty("message", out var message) && message.GetString() is { } text ? text : $"reading {trackingId} is {status}"));
            }

            if (DateTimeOffset.UtcNow + PollInterval > deadline)
            {
                throw new CliException(CliErrors.Failed(Client.Core.CoreReasonRegistry.Cli.Timeout, $"reading {trackingId} was not committed within {WaitTimeout.TotalSeconds:0} s; ask the oracle again: GET {baseUrl}/readings/{trackingId}"));
            }

            context.Progress?.Write('.');
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
