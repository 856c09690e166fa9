using System.CommandLine;
using TheBlock.Server.Receipts.Emitter;

namespace TheBlock.Server.Commands;

/// <summary><c>the-block receipt-emitter</c>: one receipt emitter, as deploy/systemd/receipt-emitter.service runs it.</summary>
public static class ReceiptEmitterCommand
{
    public static Command Create()
    {
        var devnetDataDir = new Option<string?>("--devnet-data-dir") { Description = "Attach to the devnet running from this data dir: its JSON-RPC endpoint, emitter token and log dir (the queue goes to D/receipt-emitter-<port>)." };
        var nodeRpc = new Option<string?>("--node-rpc") { Description = "The node's JSON-RPC URL (default http://127.0.0.1:8000/rpc)." };
        var tokenFile = new Option<string?>("--token-file") { Description = "File holding the node's emitter token (<data-dir>/secrets/emitter.token)." };
        var listen = new Option<string?>("--listen") { Description = $"Where POST /receipts listens (default {EmitterOptions.DefaultListen})." };
        var metricsListen = new Option<string?>("--metrics-listen") { Description = $"Where /metrics listens (default {EmitterOptions.DefaultMetricsListen})." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory of the queue database emitter.db: accepted receipts and the validation state (default ./receipt-emitter-data)." };
        var logDir = new Option<string?>("--log-dir") { Description = "Directory of receipt-emitter.log (default ./logs, or the devnet's log dir)." };
        var emitterId = new Option<string?>("--emitter-id") { Description = "This emitter's name at the node (default emitter@<listen>)." };
        var advertiseUrl = new Option<string?>("--advertise-url") { Description = "The URL the node calls back for a validation-state reset (default http://<listen>)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Receipts per batch sent to the node, at most (default 200)." };
        var batchDelay = new Option<int?>("--batch-delay-ms") { Description = "How long a batch waits to fill (default 20)." };
        var inFlight = new Option<int?>("--batches-in-flight") { Description = "Batches on their way to the node at once, 1 to 4 (default 4)." };
        var queueCapacity = new Option<int?>("--queue-capacity") { Description = "Receipts accepted and not yet in a block, at most; past it receipts are answered busy (default 100000)." };
        var verbose = new Option<bool>("--verbose") { Description = "Log debug lines too." };
        var command = new Command(
            "receipt-emitter",
            "Run a receipt emitter: accept providers' signed receipts over HTTP, validate them, queue them durably, forward them to the node in batches.\n" +
            "Example: the-block receipt-emitter --devnet-data-dir ./devnet-data");
        foreach (var option in new Option[] { devnetDataDir, nodeRpc, tokenFile, listen, metricsListen, dataDir, logDir, emitterId, advertiseUrl, batchSize, batchDelay, inFlight, queueCapacity, verbose })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => ServerCommand.RunAsync(async () =>
        {
            var listenAt = parse.GetValue(listen) ?? EmitterOptions.DefaultListen;
            var options = parse.GetValue(devnetDataDir) is { } devnet ? ReceiptEmitterRole.ForDevnetDataDir(devnet, listenAt) : new EmitterOptions { Listen = listenAt };
            options.NodeRpcUrl = parse.GetValue(nodeRpc) ?? options.NodeRpcUrl;
            options.TokenFile = parse.GetValue(tokenFile) ?? options.TokenFile;
            options.MetricsListen = parse.GetValue(metricsListen) ?? options.MetricsListen;
            options.DataDir = parse.GetValue(dataDir) ?? options.DataDir;
            options.LogDir = parse.GetValue(logDir) ?? options.LogDir;
            options.EmitterId = parse.GetValue(emitterId) ?? options.EmitterId;
            options.AdvertisedUrl = parse.GetValue(advertiseUrl) ?? options.AdvertisedUrl;
            options.BatchSize = parse.GetValue(batchSize) ?? options.BatchSize;
            options.BatchDelayMs = parse.GetValue(batchDelay) ?? options.BatchDelayMs;
            options.BatchesInFlight = parse.GetValue(inFlight) ?? options.BatchesInFlight;
            options.QueueCapacity = parse.GetValue(queueCapacity) ?? options.QueueCapacity;
            await using var app = EmitterHost.Build(options, parse.GetValue(verbose));
            await app.RunAsync(cancellationToken);
        }));
        return command;
    }
}
