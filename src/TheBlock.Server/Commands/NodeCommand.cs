using System.CommandLine;
using TheBlock.Server.Node;

namespace TheBlock.Server.Commands;

/// <summary><c>the-block node --config F</c>: the node role alone, as the systemd unit runs it.</summary>
public static class NodeCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "JSON configuration file (section \"Node\")." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Overrides Node:DataDir." };
        var logDir = new Option<string?>("--log-dir") { Description = "Overrides Node:LogDir." };
        var command = new Command("node", "Run the node role: block production, JSON-RPC, metrics, logs.\nExample: the-block node --config /etc/the-block/node.json");
        command.Options.Add(config);
        command.Options.Add(dataDir);
        command.Options.Add(logDir);
        command.SetAction((parse, cancellationToken) => ServerCommand.RunAsync(async () =>
        {
            var options = NodeConfiguration.Load(parse.GetValue(config), new NodeOptions(), flags =>
            {
                flags.DataDir = parse.GetValue(dataDir) ?? flags.DataDir;
                flags.LogDir = parse.GetValue(logDir) ?? flags.LogDir;
            });
            await using var app = NodeHost.Build(options, [ServerRoles.Node]);
            await app.RunAsync(cancellationToken);
            app.Services.GetRequiredService<ChainHalt>().ThrowIfHalted();
        }));
        return command;
    }
}
