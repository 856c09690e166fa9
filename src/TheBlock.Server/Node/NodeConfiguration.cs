using Microsoft.Extensions.Configuration;

namespace TheBlock.Server.Node;

/// <summary>Reads <see cref="NodeOptions"/> from a JSON file, then THEBLOCK__Node__* environment variables, then flags.</summary>
public static class NodeConfiguration
{
    public static NodeOptions Load(string? configFile, string? dataDirFlag, string? logDirFlag)
    {
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

        var options = new NodeOptions();
        try
        {
            configuration.GetSection(NodeOptions.Section).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            throw new StartupException($"invalid configuration: {ex.Message}");
        }

        options.DataDir = dataDirFlag ?? options.DataDir;
        options.LogDir = logDirFlag ?? options.LogDir;
        return options;
    }
}
