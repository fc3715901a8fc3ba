using Microsoft.Extensions.Configuration;

namespace Tradeproof.Node;

/// <summary>
/// Where the node's configuration comes from, later sources winning: an optional JSON file, environment variables
/// prefixed <c>TRADEPROOF__</c> (<c>TRADEPROOF__NODE__PUBLICURL</c> is <c>Node:PublicUrl</c>), then the command line.
/// </summary>
public static class NodeConfiguration
{
    /// <summary>Builds the configuration.</summary>
    /// <param name="configFile">A JSON file, or null.</param>
    /// <param name="commandLine">Settings given on the command line (keys like <c>Node:DataDirectory</c>).</param>
    /// <exception cref="NodeConfigurationException">The file is missing or not valid JSON.</exception>
    public static IConfiguration Build(string? configFile, IReadOnlyDictionary<string, string?>? commandLine = null)
    {
        var builder = new ConfigurationBuilder();
        if (configFile is not null)
        {
            var full = Path.GetFullPath(configFile);
            if (!File.Exists(full))
            {
                throw new NodeConfigurationException($"The configuration file '{configFile}' does not exist.");
            }

            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables("TRADEPROOF__");
        if (commandLine is not null)
        {
            builder.AddInMemoryCollection(commandLine.Where(p => p.Value is not null));
        }

        try
        {
            return builder.Build();
        }
        catch (InvalidDataException e)
        {
            throw new NodeConfigurationException($"The configuration file '{configFile}' is not valid JSON: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new NodeConfigurationException($"The configuration file '{configFile}' is not valid JSON: {e.Message}", e);
        }
    }
}
