using System.Diagnostics;

namespace Tradeproof.Testing;

/// <summary>
/// A small filesystem of its own for disk-full tests: a <c>tmpfs</c> of a few MiB mounted on a temp folder (needs root
/// and permission to mount, as on the CI machine), filled to the last byte with a ballast file and given its space back
/// by deleting it. Used by the store's and the node's disk-full tests.
/// </summary>
public sealed class SmallFilesystem : IDisposable
{
    private static readonly Lazy<string?> Missing = new(Probe);
    private readonly string _ballast;
    private bool _mounted;

    private SmallFilesystem(string folder)
    {
        Folder = folder;
        _ballast = Path.Combine(folder, "ballast");
    }

    /// <summary>The mounted folder.</summary>
    public string Folder { get; }

    /// <summary>Why a small filesystem cannot be mounted here, or null.</summary>
    public static string? UnavailableReason => Missing.Value;

    /// <summary>True under CI (<c>CI=true</c>), where the test runs (and fails) even when mounting is impossible.</summary>
    public static bool InContinuousIntegration => Ci.IsSet;

    /// <summary>Mounts a <c>tmpfs</c> of <paramref name="megabytes"/> MiB on a fresh temp folder.</summary>
    public static SmallFilesystem Mount(int megabytes)
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException((InContinuousIntegration ? "CI=true and no small filesystem can be mounted: " : string.Empty) + reason);
        }

        var folder = Directory.CreateTempSubdirectory("tradeproof-full-").FullName;
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0777", "tmpfs", folder);
        if (code != 0)
        {
            Directory.Delete(folder);
            throw new InvalidOperationException($"mount -t tmpfs failed ({code}): {output}");
        }

        return new SmallFilesystem(folder) { _mounted = true };
    }

    /// <summary>Fills the filesystem with the ballast file until the kernel answers "no space left"; the bytes written.</summary>
    public long Fill()
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)0x5a);
        long written = 0;
        using var stream = new FileStream(_ballast, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 1);
        foreach (var size in new[] { chunk.Length, 4096, 512, 1 })
        {
            try
            {
                while (true)
                {
                    stream.Write(chunk, 0, size);
                    stream.Flush();
                    written += size;
                }
            }
            catch (IOException)
            {
                // ENOSPC at this granularity: go on with smaller writes, down to the last byte.
            }
        }

        return written;
    }

    /// <summary>Deletes the ballast: the space is back.</summary>
    public void Release() => File.Delete(_ballast);

    /// <summary>Free bytes on the filesystem.</summary>
    public long FreeBytes => new DriveInfo(Folder).AvailableFreeSpace;

    /// <summary>
    /// Writes units <paramref name="next"/>, <paramref name="next"/> + 1, ... until one is refused with
    /// <typeparamref name="TRefusal"/> (a store may reuse freed space, e.g. SQLite's WAL, for a while, so not
    /// necessarily at once), at most <paramref name="maxAttempts"/> of them. Each written unit goes to
    /// <paramref name="acknowledged"/>, the refused one to <paramref name="refused"/>.
    /// </summary>
    /// <returns>The refusal (null if every attempt was written) and the number of the next unit to write.</returns>
    public static async Task<(TRefusal? Refusal, int Next)> WriteUntilRefusedAsync<TRefusal>(
        Func<int, Task> write, int next, List<int> acknowledged, List<int> refused, int maxAttempts)
        where TRefusal : Exception
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(acknowledged);
        ArgumentNullException.ThrowIfNull(refused);
        for (var attempts = 0; attempts < maxAttempts; attempts++, next++)
        {
            try
            {
                await write(next).ConfigureAwait(false);
                acknowledged.Add(next);
            }
            catch (TRefusal e)
            {
                refused.Add(next);
                return (e, next + 1);
            }
        }

        return (null, next);
    }

    public void Dispose()
    {
        if (_mounted)
        {
            // Lazy: a file still open somewhere (a pooled connection) does not keep the mount.
            Run("umount", "-l", Folder);
            _mounted = false;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "Disk-full tests mount a tmpfs: Linux only.";
        }

        if (Environment.UserName != "root")
        {
            return "Disk-full tests mount a tmpfs: run them as root (as CI does).";
        }

        string folder;
        try
        {
            folder = Directory.CreateTempSubdirectory("tradeproof-full-probe-").FullName;
        }
        catch (IOException e)
        {
            return "No temp folder: " + e.Message;
        }

        try
        {
            var (code, output) = Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", folder);
            if (code != 0)
            {
                return $"mount -t tmpfs is not permitted here ({code}: {output.Trim()}).";
            }

            Run("umount", folder);
            return null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return "mount is not installed: " + e.Message;
        }
        finally
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException)
            {
            }
        }
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }
}

/// <summary>
/// A fact that needs <see cref="SmallFilesystem"/>: skipped with the reason when no tmpfs can be mounted, except under
/// <c>CI=true</c>, where it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SmallFilesystemFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when no small filesystem can be mounted and this is not CI.</summary>
    public SmallFilesystemFactAttribute()
    {
        if (Ci.SkipReason(SmallFilesystem.UnavailableReason) is { } reason)
        {
            Skip = reason;
        }
    }
}
