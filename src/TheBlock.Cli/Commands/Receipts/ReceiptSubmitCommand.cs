using System.CommandLine;
using TheBlock.Cli.Input;
using TheBlock.Client.Receipts.Emitter;

namespace TheBlock.Cli.Commands.Receipts;

/// <summary>
/// <c>contract-cli receipts submit --file F [--emitter URL]</c>: posts a receipt submission (one receipt or an array, as
/// <c>receipts sign</c> prints it) to a receipt-emitter and prints its answer. Anything not accepted exits 1 with the
/// reason in the error JSON; an emitter that cannot be reached exits 3 (<c>emitter_unreachable</c>).
/// </summary>
internal static class ReceiptSubmitCommand
{
    public const string DefaultEmitter = "http://127.0.0.1:8002";
    public const string EmitterVariable = "THEBLOCK_EMITTER_URL";

    private static readonly RoleSubmission Emitter = new("emitter", "--emitter", EmitterVariable, DefaultEmitter, EmitterReasons.EmitterUnreachable);

    public static Command Create(CommandRunner runner)
    {
        var file = new Option<string>("--file") { Description = "The receipt JSON (from `receipts sign`), or - for stdin.", HelpName = "FILE", Required = true };
        var emitter = Emitter.UrlOption();
        var command = new Command("submit", HelpText.WithExample(
            "Submit a signed receipt to a receipt emitter. Prints the emitter's answer: accepted (durably queued for the chain) with the receipt id, or exits 1 with the reason it was refused.",
            "contract-cli receipts submit --file receipt.json"))
        {
            file,
            emitter,
        };
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var body = await RoleSubmission.ReadBodyAsync(context.Required(file), cancellationToken).ConfigureAwait(false);
            var baseUrl = Emitter.ResolveUrl(context.Value(emitter));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var answer = await Emitter.PostAsync(http, baseUrl, "/receipts", body, cancellationToken).ConfigureAwait(false);
            return RoleSubmission.RequireAccepted(answer, "receipt");
        });
        return command;
    }
}
