namespace TheBlock.Server.Commands;

/// <summary>The roles this build can run in one process; the oracle and emitter roles join this list with their subsystems.</summary>
public static class ServerRoles
{
    public const string Node = "node";

    public static IReadOnlyList<string> Available { get; } = [Node];

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
