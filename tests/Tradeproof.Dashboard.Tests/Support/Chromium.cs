namespace Tradeproof.Dashboard.Tests;

/// <summary>
/// The browser of the dashboard tests: Debian's <c>chromium</c> (<c>apt-get install -y chromium</c>), at
/// <c>TRADEPROOF_CHROMIUM</c> or <c>/usr/bin/chromium</c>. Playwright's own browser download is never used. Missing:
/// the tests are skipped with the reason, except under <c>CI=true</c>, where they run and fail.
/// </summary>
internal static class Chromium
{
    /// <summary>The chromium executable.</summary>
    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("TRADEPROOF_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>True under CI (<c>CI=true</c>).</summary>
    public static bool InContinuousIntegration => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the browser tests cannot run here, or null.</summary>
    public static string? MissingReason => File.Exists(ExecutablePath)
        ? null
        : $"Chromium is not installed ({ExecutablePath} is missing): `apt-get install -y chromium`, or set TRADEPROOF_CHROMIUM.";
}

/// <summary>A browser test: skipped with the reason when chromium is missing, except under <c>CI=true</c>, where it fails.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when chromium is missing and this is not CI.</summary>
    public BrowserFactAttribute()
    {
        if (Chromium.MissingReason is { } reason && !Chromium.InContinuousIntegration)
        {
            Skip = reason;
        }
    }
}
