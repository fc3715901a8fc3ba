using System.Globalization;
using System.Text.Json;

namespace Tradeproof.Cli.Commands;

/// <summary>One credential of a bulk run that did not go through: where, the outcome, the first failing check and its first problem.</summary>
internal sealed record BulkFailure(string Source, string Outcome, string? Check, string Problem, string? Detail)
{
    /// <summary>The failure as JSON members (<c>source</c>, <c>outcome</c>, <c>check</c>, <c>problem</c>, <c>detail</c>).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("source", Source);
        writer.WriteString("outcome", Outcome);
        if (Check is not null)
        {
            writer.WriteString("check", Check);
        }

        writer.WriteString("problem", Problem);
        if (Detail is not null)
        {
            writer.WriteString("detail", Detail);
        }

        writer.WriteEndObject();
    }

    /// <summary>The failure on one line, for people.</summary>
    public override string ToString() =>
        $"{Source}  {Outcome}  {(Check is null ? "" : Check + ": ")}{Problem}{(Detail is null ? "" : " (" + Detail + ")")}".ReplaceLineEndings(" ");
}

/// <summary>
/// The failures of a bulk run: the first <see cref="Kept"/> kept for the summary, every one written as a JSON line
/// to the <c>--failures</c> file when given (written to a temporary file and renamed at the end).
/// </summary>
internal sealed class BulkFailures : IDisposable
{
    /// <summary>How many failures the summary lists.</summary>
    public const int Kept = 20;

    private readonly List<BulkFailure> _first = [];
    private readonly string? _path;
    private readonly string? _temporary;
    private readonly FileStream? _file;
    private readonly Utf8JsonWriter? _writer;

    public BulkFailures(string? path)
    {
        _path = path;
        if (path is null)
        {
            return;
        }

        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new CliInputException($"--failures {path}: directory not found: {directory}");
        }

        _temporary = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        _file = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write);
        _writer = new Utf8JsonWriter(_file, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>How many failures there were.</summary>
    public long Count { get; private set; }

    /// <summary>The first <see cref="Kept"/> failures.</summary>
    public IReadOnlyList<BulkFailure> First => _first;

    public void Add(BulkFailure failure)
    {
        Count++;
        if (_first.Count < Kept)
        {
            _first.Add(failure);
        }

        if (_writer is not null)
        {
            failure.WriteTo(_writer);
            _writer.Flush();
            _file!.WriteByte((byte)'\n');
            _writer.Reset();
        }
    }

    /// <summary>Puts the <c>--failures</c> file in place (empty when there were none).</summary>
    public void Complete()
    {
        if (_file is null)
        {
            return;
        }

        _writer!.Dispose();
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        File.Move(_temporary!, Path.GetFullPath(_path!), overwrite: true);
    }

    /// <summary>Writes the human summary's failure lines.</summary>
    public void WriteHuman(TextWriter output)
    {
        if (Count == 0)
        {
            return;
        }

        var more = Count > _first.Count ? string.Create(CultureInfo.InvariantCulture, $" (first {_first.Count} of {Count:N0})") : string.Empty;
        output.WriteLine($"failures{more}{(_path is null ? "" : "; all in " + _path)}:");
        foreach (var failure in _first)
        {
            output.WriteLine("  " + failure);
        }
    }

    /// <summary>Writes <c>failures</c> (the first ones) and <c>failuresOmitted</c> into a JSON object.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("failures");
        foreach (var failure in _first)
        {
            failure.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteNumber("failuresOmitted", Count - _first.Count);
        if (_path is not null)
        {
            writer.WriteString("failuresFile", _path);
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _file?.Dispose();
        if (_temporary is not null && File.Exists(_temporary))
        {
            File.Delete(_temporary);
        }
    }
}
