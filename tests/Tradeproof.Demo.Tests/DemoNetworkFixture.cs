namespace Tradeproof.Demo.Tests;

/// <summary>One demo network for the scenario tests (starting twelve nodes once, not per test).</summary>
public sealed class DemoNetworkFixture : IAsyncLifetime
{
    private DemoNetwork? _network;

    public DemoNetwork Network => _network ?? throw new InvalidOperationException("The network is not started.");

    public async Task InitializeAsync() => _network = await DemoNetwork.StartAsync(new DemoOptions());

    public async Task DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoNetworkFixture>
{
    public const string Name = "demo network";
}
