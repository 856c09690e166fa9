namespace TheBlock.Server.Rpc;

/// <summary>Who may call a method. <see cref="Public"/> methods are open reads; the others need that role's token or the admin token.</summary>
public enum RpcRole
{
    Public,
    Admin,
    Oracle,
    Emitter,
}

public static class RpcRoleNames
{
    /// <summary>The lowercase name used in messages, logs and token file names (<c>admin.token</c>).</summary>
    public static string ToWireName(this RpcRole role) => role switch
    {
        RpcRole.Public => "public",
        RpcRole.Admin => "admin",
        RpcRole.Oracle => "oracle",
        RpcRole.Emitter => "emitter",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown RPC role"),
    };
}
