using System.Text.Json;
using System.Text.Json.Serialization;

namespace TheBlock.Server.Devnet;

/// <summary>
/// Where a running devnet listens and logs, written to <c>{data-dir}/endpoints.json</c> at start, so a role started as
/// its own process (<c>--devnet-data-dir</c>) attaches without repeating the devnet's flags. <see cref="Roles"/> holds the
/// URL of each attached role the devnet runs in-process.
/// </summary>
public sealed record DevnetEndpoints(string RpcUrl, string MetricsUrl, string LogDir, IReadOnlyDictionary<string, string> Roles)
{
    /// <summary>The URL of <paramref name="role"/> as this devnet records it, or null when it runs none.</summary>
    public string? RoleUrl(string role) => Roles.GetValueOrDefault(role);

    /// <summary>The endpoints of the devnet in <paramref name="dataDir"/>, or null while it has not started.</summary>
    public static DevnetEndpoints? TryRead(string dataDir) => File.Exists(Path.Combine(dataDir, FileName)) ? Read(dataDir) : null;

    public const string FileName = "endpoints.json";

    public static void Write(string dataDir, DevnetEndpoints endpoints) =>
        File.WriteAllBytes(Path.Combine(dataDir, FileName), JsonSerializer.SerializeToUtf8Bytes(endpoints, DevnetEndpointsJsonContext.Default.DevnetEndpoints));

    public static DevnetEndpoints Read(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        if (!File.Exists(path))
        {
            throw new StartupException($"{path} does not exist: is a devnet running from {dataDir}? (`the-block devnet --data-dir {dataDir}` writes it at start)");
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), DevnetEndpointsJsonContext.Default.DevnetEndpoints)
                ?? throw new StartupException($"{path} is empty");
        }
        catch (JsonException ex)
        {
            throw new StartupException($"{path} is not a devnet endpoints file: {ex.Message}");
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DevnetEndpoints))]
internal sealed partial class DevnetEndpointsJsonContext : JsonSerializerContext;
