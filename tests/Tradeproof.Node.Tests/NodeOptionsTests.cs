namespace Tradeproof.Node.Tests;

/// <summary>Configuration: file, then TRADEPROOF__ environment, then command line; bad values are typed errors.</summary>
public sealed class NodeOptionsTests
{
    [Fact]
    public void The_command_line_wins_over_the_file_and_defaults_are_safe()
    {
        var file = Path.Combine(Path.GetTempPath(), "tradeproof-config-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, "{\"Node\":{\"PublicUrl\":\"https://node.example.com\",\"DataDirectory\":\"/from/file\",\"MaxJsonDepth\":\"32\"}}");
        try
        {
            var options = NodeOptions.FromConfiguration(NodeConfiguration.Build(file, new Dictionary<string, string?> { ["Node:DataDirectory"] = "/from/cli" }));
            Assert.Equal(new Uri("https://node.example.com"), options.PublicUrl);
            Assert.Equal("/from/cli", options.DataDirectory);
            Assert.Equal(32, options.MaxJsonDepth);
            Assert.Equal(1024 * 1024, options.MaxRequestBodyBytes);
            Assert.False(options.SqliteSyncWalAfterCommit);
            Assert.Equal(64, options.SqliteWriterCacheMiB);
            Assert.Equal("did:web:node.example.com", new NodeIdentity(options.PublicUrl).NodeDid);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("Node:PublicUrl", "ftp://example.com")]
    [InlineData("Node:PublicUrl", "https://example.com/base")]
    [InlineData("Node:MaxRequestBodyBytes", "-1")]
    [InlineData("Node:MaxJsonDepth", "100000")]
    [InlineData("Node:SqliteSyncWalAfterCommit", "yes")]
    [InlineData("Node:SqliteWriterCacheMiB", "0")]
    public void Malformed_values_are_configuration_errors(string key, string value)
    {
        var configuration = NodeConfiguration.Build(null, new Dictionary<string, string?> { [key] = value });
        Assert.Throws<NodeConfigurationException>(() => NodeOptions.FromConfiguration(configuration));
    }

    [Fact]
    public void The_sqlite_writer_settings_are_read()
    {
        var options = NodeOptions.FromConfiguration(NodeConfiguration.Build(null, new Dictionary<string, string?> { ["Node:SqliteSyncWalAfterCommit"] = "true", ["Node:SqliteWriterCacheMiB"] = "16" }));
        Assert.True(options.SqliteSyncWalAfterCommit);
        Assert.Equal(16, options.SqliteWriterCacheMiB);
    }

    [Fact]
    public void A_missing_file_and_an_ip_address_host_are_configuration_errors()
    {
        Assert.Throws<NodeConfigurationException>(() => NodeConfiguration.Build("/no/such/tradeproof.json"));
        Assert.Throws<NodeConfigurationException>(() => new NodeIdentity(new Uri("http://127.0.0.1:5080")));
    }
}
