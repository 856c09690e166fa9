using System.Runtime.Versioning;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

/// <summary>Token files are secrets: the node refuses to start on one that others may read (spec/conventions.md, "Auth").</summary>
public sealed class RpcTokenFileTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("theblock-tokens-").FullName;

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    [UnsupportedOSPlatform("windows")]
    public void A_token_file_others_may_read_or_write_stops_start_up_naming_the_file(UnixFileMode extra)
    {
        NodeDataDirectory.EnsureTokens(_dataDir);
        string path = NodeDataDirectory.TokenPath(_dataDir, RpcRole.Oracle);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        var refused = Assert.Throws<StartupException>(() => NodeDataDirectory.LoadTokens(_dataDir));

        Assert.Equal($"{path} may be read or written by other users; a token must be readable only by its owner: chmod 600 {path}", refused.Message);
    }

    [Fact]
    public void Token_files_readable_only_by_their_owner_load()
    {
        NodeDataDirectory.EnsureTokens(_dataDir);
        string admin = File.ReadAllText(NodeDataDirectory.TokenPath(_dataDir, RpcRole.Admin)).Trim();

        Assert.Equal(RpcRole.Admin, NodeDataDirectory.LoadTokens(_dataDir).Authenticate(admin));
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);
}
