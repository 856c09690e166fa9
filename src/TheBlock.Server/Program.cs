using System.CommandLine;
using TheBlock.Server.Commands;

var root = new RootCommand("The Block server: a node, its roles, and a devnet that runs them all.");
root.Subcommands.Add(DevnetCommand.Create());
root.Subcommands.Add(NodeCommand.Create());
root.Subcommands.Add(EnergyOracleCommand.Create());
root.Subcommands.Add(ReceiptEmitterCommand.Create());
root.Subcommands.Add(InitCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
return await root.Parse(args).InvokeAsync();
