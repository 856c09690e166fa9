using TheBlock.Server.Devnet;
using TheBlock.Server.Energy.Oracle;
using TheBlock.Server.Receipts.Emitter;

namespace TheBlock.Server.Commands;

/// <summary>The roles this build can run in one devnet process: the node, and the roles that attach to it (a composition root).</summary>
public static class ServerRoles
{
    public const string Node = "node";

    public static IReadOnlyList<IDevnetRole> Attached { get; } = [new EnergyOracleRole(), new ReceiptEmitterRole()];

    public static IReadOnlyList<string> Available { get; } = [Node, .. Attached.Select(role => role.Name)];

    public static IReadOnlyList<string> Parse(string text)
    {
        var roles = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var unknown = roles.Where(role => !Available.Contains(role)).ToList();
        if (unknown.Count > 0)
        {
            throw new StartupException($"--roles: unknown role {string.Join(", ", unknown)}; this build runs: {string.Join(", ", Available)}");
        }

        if (!roles.Contains(Node))
        {
            throw new StartupException("--roles must include node: the devnet's other roles talk to its node");
        }

        return roles;
    }
}
