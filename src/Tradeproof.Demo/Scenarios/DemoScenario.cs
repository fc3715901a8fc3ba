namespace Tradeproof.Demo;

/// <summary>One scenario of the demo: a test area (or the 2025 phases) run end to end with its failure twins.</summary>
public abstract class DemoScenario
{
    /// <summary>The scenario's name for <c>--scenario</c>.</summary>
    public abstract string Name { get; }

    /// <summary>What it shows, in one line.</summary>
    public abstract string Title { get; }

    /// <summary>Every scenario, in the order the demo runs them.</summary>
    public static IReadOnlyList<DemoScenario> All { get; } =
    [
        new SteelScenario(),
        new PipelineOilScenario(),
        new NaturalGasScenario(),
        new FoodSafetyScenario(),
        new ECommerceScenario(),
        new Phases2025Scenario(),
    ];

    /// <summary>Runs the scenario: its steps are reported, its expectations recorded on <paramref name="demo"/>.</summary>
    public abstract Task RunAsync(DemoContext demo, CancellationToken cancellationToken);

    /// <summary>A fresh workflow instance id (a UUID URN) from the demo's random source.</summary>
    protected static string NewInstance(DemoContext demo)
    {
        ArgumentNullException.ThrowIfNull(demo);
        Span<byte> b = stackalloc byte[16];
        demo.Network.Options.Random.Fill(b);
        b[6] = (byte)((b[6] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(b);
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
