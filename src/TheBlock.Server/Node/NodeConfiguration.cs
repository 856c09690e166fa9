using Microsoft.Extensions.Configuration;

namespace TheBlock.Server.Node;

/// <summary>
/// Reads <see cref="NodeOptions"/> for any role that runs a node: the role's defaults, then a JSON file, then
/// THEBLOCK__Node__* environment variables, then flags. Unknown keys and invalid values stop start-up with one line.
/// </summary>
public static class NodeConfiguration
{
    /// <param name="defaults">The role's own values (the devnet's differ from a production node's); changed in place.</param>
    /// <param name="applyFlags">Sets what the command line gave, which wins over file and environment.</param>
    public static NodeOptions Load(string? configFile, NodeOptions defaults, Action<NodeOptions> applyFlags)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(applyFlags);
        var builder = new ConfigurationBuilder();
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                throw new StartupException($"--config: {configFile} does not exist");
            }

            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        }

        builder.AddEnvironmentVariables("THEBLOCK__");
        IConfigurationRoot configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new StartupException($"--config: {configFile} is not valid JSON: {ex.Message}");
        }

        var options = defaults;
        try
        {
            configuration.GetSection(NodeOptions.Section).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            throw new StartupException($"invalid configuration: {ex.Message}");
        }

        applyFlags(options);
        options.ThrowIfInvalid();
        return options;
    }
}
