namespace TheBlock.Server.Node;

/// <summary>What a node says about itself: its id, build version and the roles this process runs.</summary>
public sealed record NodeIdentity(string NodeId, string Version, IReadOnlyList<string> Roles)
{
    public static string BuildVersion =>
        typeof(NodeIdentity).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
