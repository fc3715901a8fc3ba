namespace Tradeproof.Interop.Tests.DigitalBazaar;

/// <summary>
/// What the Digital Bazaar interop tests need: <c>node</c> on the PATH and the pinned npm packages installed in
/// benchmarks/peers (<c>npm ci --prefix benchmarks/peers</c>). In CI (<c>CI=true</c>) a missing prerequisite makes
/// the tests fail with <see cref="MissingReason"/>; elsewhere they are skipped with it.
/// </summary>
internal static class NodePrerequisites
{
    private static readonly Lazy<string?> Missing = new(FindMissing);

    /// <summary>The folder of the Node peers (package.json, node_modules, interop/).</summary>
    public static string PeersFolder { get; } = Path.Combine(Testing.Conformance.RepositoryRoot, "benchmarks", "peers");

    /// <summary>The interop server script.</summary>
    public static string ServerScript { get; } = Path.Combine(PeersFolder, "interop", "server.mjs");

    /// <summary>Why the tests cannot run here, or null when everything is in place.</summary>
    public static string? MissingReason => Missing.Value;

    /// <summary>True when running under CI, where a missing prerequisite is a failure.</summary>
    public static bool InContinuousIntegration =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of the <c>node</c> executable, or null.</summary>
    public static string? NodeExecutable { get; } = FindOnPath("node");

    private static string? FindMissing()
    {
        if (NodeExecutable is null)
        {
            return "Node.js is not installed (no `node` on the PATH): install nodejs and run `npm ci --prefix benchmarks/peers`.";
        }

        var vc = Path.Combine(PeersFolder, "node_modules", "@digitalbazaar", "vc", "package.json");
        if (!File.Exists(vc))
        {
            return $"Digital Bazaar's packages are not installed ({vc} is missing): run `npm ci --prefix benchmarks/peers`.";
        }

        return File.Exists(ServerScript) ? null : $"The interop script {ServerScript} is missing.";
    }

    private static string? FindOnPath(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>
/// A fact that needs Node and Digital Bazaar's packages: skipped with the reason outside CI when they are missing;
/// in CI it runs (and fails with the reason).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DigitalBazaarFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the prerequisites are missing outside CI.</summary>
    public DigitalBazaarFactAttribute()
    {
        if (NodePrerequisites.MissingReason is { } reason && !NodePrerequisites.InContinuousIntegration)
        {
            Skip = reason;
        }
    }
}

/// <summary>The theory counterpart of <see cref="DigitalBazaarFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DigitalBazaarTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the prerequisites are missing outside CI.</summary>
    public DigitalBazaarTheoryAttribute()
    {
        if (NodePrerequisites.MissingReason is { } reason && !NodePrerequisites.InContinuousIntegration)
        {
            Skip = reason;
        }
    }
}
