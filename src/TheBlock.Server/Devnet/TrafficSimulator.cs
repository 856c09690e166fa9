using TheBlock.Client;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Node;

namespace TheBlock.Server.Devnet;

/// <summary>
/// Simulated users for the devnet: every block interval a few signed transfers between dev accounts, and each
/// registered module's traffic (<see cref="IDevnetTrafficSource"/>), go through the same admission path as RPC
/// submissions. It never sends from dev account 1 (the CLI's key).
/// </summary>
public sealed class TrafficSimulator : BackgroundService
{
    private const int MaxTransfersPerTick = 5;
    private const ulong MaxAmount = 1_000;

    private readonly ChainService _chain;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly List<SigningKey> _senders;
    private readonly List<TheBlock.Protocol.Primitives.Address> _recipients;
    private readonly IReadOnlyList<IDevnetTraffic> _modules;

    public TrafficSimulator(ChainService chain, NodeOptions options, TimeProvider time, ILoggerFactory loggers, IEnumerable<IDevnetTrafficSource> modules)
    {
        _chain = chain;
        _time = time;
        _log = loggers.CreateLogger("simulator");
        var keys = Enumerable.Range(1, DevnetLayout.DevAccountCount)
            .Select(index => SigningKey.FromSeed(KeyFile.Read(DevnetLayout.DevKeyPath(options.DataDir, index))))
            .ToList();
        _recipients = [.. keys.Select(k => k.Address)];
        keys[0].Dispose();
        _senders = keys.Skip(1).ToList();
        _modules = [.. modules.Select(source => source.Create(chain, _senders, _recipients, _log))];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var random = new Random();
        using var timer = new PeriodicTimer(_chain.BlockInterval, _time);
        _log.LogInformation("SimulatorStarted senders={Senders}", _senders.Count);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var count = random.Next(1, MaxTransfersPerTick + 1);
                for (var i = 0; i < count; i++)
                {
                    SubmitTransfer(random);
                }

                foreach (var module in _modules)
                {
                    module.Tick(random);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        foreach (var key in _senders)
        {
            key.Dispose();
        }

        base.Dispose();
    }

    private void SubmitTransfer(Random random)
    {
        var sender = _senders[random.Next(_senders.Count)];
        var recipient = _recipients[random.Next(_recipients.Count)];
        if (recipient == sender.Address)
        {
            return;
        }

        var (_, nextNonce) = _chain.GetAccount(sender.Address);
        var amount = (ulong)random.NextInt64(1, (long)MaxAmount + 1);
        var transaction = Transaction.CreateSigned(_chain.Genesis.ChainId, sender, nextNonce, 0, new TransferPayload(recipient, amount));
        if (_chain.Submit(transaction) is { } rejection)
        {
            _log.LogWarning("SimulatedTransferRejected tx_hash={TxHash} reason={Reason}", transaction.Hash, rejection.Reason);
        }
    }
}
