namespace Tradeproof.Testing;

/// <summary>
/// Finds the offline conformance data (../shared/conformance beside the repository).
/// It is never copied into the repository; a missing folder is a failure, never a skip.
/// </summary>
internal static class Conformance
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The absolute path of the conformance folder.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The absolute path of a file or folder inside the conformance folder.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The repository root (the folder holding Tradeproof.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("TRADEPROOF_CONFORMANCE");
        var candidate = string.IsNullOrEmpty(fromEnvironment)
            ? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "conformance"))
            : fromEnvironment;
        if (!Directory.Exists(candidate))
        {
            throw new DirectoryNotFoundException(
                $"Conformance data not found at '{candidate}'. Put shared/conformance beside the repository or set TRADEPROOF_CONFORMANCE.");
        }

        return candidate;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tradeproof.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Tradeproof.slnx not found above " + AppContext.BaseDirectory);
    }
}
