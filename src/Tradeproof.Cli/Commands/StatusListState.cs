using System.Globalization;
using System.Text.Json;
using Tradeproof.Credentials.StatusLists;
using Tradeproof.Json;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// The issuer's record of one Bitstring Status List, kept in a state file between runs: where the list is
/// published, its purpose, the issuer and key that sign it, the bitstring (GZIP + multibase, as published) and a
/// second bitstring of the indexes already given out (<see cref="Allocated"/>, same encoding). Indexes are drawn at
/// random (Bitstring Status List v1.0 §6.1, herd privacy) and an index marked given out is never given again.
/// Files of the earlier format (a <c>nextIndex</c> counter, indexes 0..nextIndex-1 given out) are read as such.
/// Writes are atomic (<see cref="AtomicFile"/>); read-modify-write runs under <see cref="Lock"/>.
/// </summary>
internal sealed class StatusListState
{
    /// <summary>The <c>type</c> member that marks a state file.</summary>
    public const string FileType = "TradeproofStatusListState";

    /// <summary>The largest list a state file holds (the checker's 16 MiB decompression cap, in 1-bit entries).</summary>
    public const int MaxLength = 16 << 23;

    private StatusListState(string url, string purpose, string issuer, string verificationMethod, int length, StatusBitstring allocated, int allocatedCount, StatusBitstring bits)
    {
        Url = url;
        Purpose = purpose;
        Issuer = issuer;
        VerificationMethod = verificationMethod;
        Length = length;
        Allocated = allocated;
        AllocatedCount = allocatedCount;
        Bits = bits;
    }

    /// <summary>The URL of the BitstringStatusListCredential (entries' <c>statusListCredential</c>).</summary>
    public string Url { get; }

    /// <summary><c>revocation</c> or <c>suspension</c>.</summary>
    public string Purpose { get; }

    /// <summary>The DID issuing the list (and the credentials whose status it holds).</summary>
    public string Issuer { get; }

    /// <summary>The verification method that signs the published list.</summary>
    public string VerificationMethod { get; }

    /// <summary>Entries in the list.</summary>
    public int Length { get; }

    /// <summary>The indexes given to a credential (bit set), never given again.</summary>
    public StatusBitstring Allocated { get; }

    /// <summary>How many indexes have been given out.</summary>
    public int AllocatedCount { get; private set; }

    /// <summary>The status bits.</summary>
    public StatusBitstring Bits { get; }

    /// <summary>A new, empty list.</summary>
    public static StatusListState Create(string url, string purpose, int length, SigningIdentity identity)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new CliInputException($"--url '{url}' is not an http(s) URL without a fragment");
        }

        if (length is < StatusBitstring.MinimumBits or > MaxLength)
        {
            throw new CliInputException($"--length {length} is outside {StatusBitstring.MinimumBits}..{MaxLength} (Bitstring Status List §4.1 sets the minimum)");
        }

        return new StatusListState(url, purpose, identity.Did, identity.VerificationMethod, length, new StatusBitstring(length), 0, new StatusBitstring(length));
    }

    /// <summary>
    /// A free index: <paramref name="candidate"/> (a uniformly random index) when free, else the first free index
    /// after it (wrapping), so a nearly full list still finds its last free entries.
    /// </summary>
    public int FreeIndexAt(int candidate)
    {
        if (AllocatedCount >= Length)
        {
            throw new CliInputException($"the status list {Url} is full ({Length} entries given out): create another");
        }

        for (var i = 0; i < Length; i++)
        {
            var index = (int)(((long)candidate + i) % Length);
            if (Allocated.Get(index) == 0)
            {
                return index;
            }
        }

        throw new CliInputException($"the status list {Url} is full ({Length} entries given out): create another");
    }

    /// <summary>Marks a free index as given out; false when it already was. The caller saves the state before using it.</summary>
    public bool TryAllocate(int index)
    {
        if (index < 0 || index >= Length || Allocated.Get(index) != 0)
        {
            return false;
        }

        Allocated.Set(index, 1);
        AllocatedCount++;
        return true;
    }

    /// <summary>Sets the status of an index already given out; returns the value it had.</summary>
    public int Set(int index, int value)
    {
        if (index < 0 || index >= Length || Allocated.Get(index) == 0)
        {
            throw new CliInputException(AllocatedCount == 0
                ? $"index {index} was never given to a credential (no index of {Url} is in use yet)"
                : $"index {index} was never given to a credential ({AllocatedCount} indexes of {Url} are in use)");
        }

        if (value is not (0 or 1))
        {
            throw new CliInputException($"--value {value}: a {Purpose} status is 0 or 1");
        }

        var previous = Bits.Get(index);
        Bits.Set(index, value);
        return previous;
    }

    /// <summary>Reads and checks a state file.</summary>
    public static StatusListState Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"status list state file not found: {path}");
        }

        var root = StrictJson.ParseElement(File.ReadAllBytes(path));
        string Text(string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0
                ? value.GetString()!
                : throw new CliInputException($"{path}: '{name}' is missing or not a string");
        int Number(string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0
                ? n
                : throw new CliInputException($"{path}: '{name}' is missing or not a non-negative integer");

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != FileType)
        {
            throw new CliInputException($"{path} is not a status list state file (from 'tradeproof status create')");
        }

        var length = Number("length");
        var purpose = Text("purpose");
        if (length is < StatusBitstring.MinimumBits or > MaxLength || purpose is not ("revocation" or "suspension") || Number("statusSize") != 1)
        {
            throw new CliInputException($"{path}: length, purpose or statusSize out of range");
        }

        StatusBitstring bits;
        try
        {
            bits = StatusBitstring.Decode(Text("encodedList"), 1);
        }
        catch (StatusListException e)
        {
            throw new CliInputException($"{path}: encodedList: {e.Message}");
        }

        if (bits.Entries < length)
        {
            throw new CliInputException($"{path}: encodedList holds {bits.Entries} entries, fewer than its length {length}");
        }

        var (allocated, count) = ReadAllocated(path, root, length, Number);
        return new StatusListState(Text("url"), purpose, Text("issuer"), Text("verificationMethod"), length, allocated, count, bits);
    }

    /// <summary>The indexes given out: <c>allocatedList</c> with its <c>allocatedCount</c>, or (earlier files) 0..nextIndex-1.</summary>
    private static (StatusBitstring Allocated, int Count) ReadAllocated(string path, JsonElement root, int length, Func<string, int> number)
    {
        if (!root.TryGetProperty("allocatedList", out var list))
        {
            var next = number("nextIndex");
            if (next > length)
            {
                throw new CliInputException($"{path}: nextIndex out of range");
            }

            var sequential = new StatusBitstring(length);
            for (var i = 0; i < next; i++)
            {
                sequential.Set(i, 1);
            }

            return (sequential, next);
        }

        StatusBitstring allocated;
        try
        {
            allocated = list.ValueKind == JsonValueKind.String ? StatusBitstring.Decode(list.GetString()!, 1) : throw new CliInputException($"{path}: 'allocatedList' is not a string");
        }
        catch (StatusListException e)
        {
            throw new CliInputException($"{path}: allocatedList: {e.Message}");
        }

        var count = 0;
        for (var i = 0; i < allocated.Entries; i++)
        {
            if (allocated.Get(i) != 0)
            {
                if (i >= length)
                {
                    throw new CliInputException($"{path}: allocatedList gives out index {i}, beyond its length {length}");
                }

                count++;
            }
        }

        if (allocated.Entries < length || count != number("allocatedCount"))
        {
            throw new CliInputException($"{path}: allocatedCount or allocatedList out of range (they do not match each other or the length)");
        }

        return (allocated, count);
    }

    /// <summary>Writes the state atomically; <paramref name="create"/> refuses to replace an existing file (that would reuse indexes).</summary>
    public void Write(string path, bool create = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", FileType);
            writer.WriteString("url", Url);
            writer.WriteString("purpose", Purpose);
            writer.WriteString("issuer", Issuer);
            writer.WriteString("verificationMethod", VerificationMethod);
            writer.WriteNumber("length", Length);
            writer.WriteNumber("statusSize", 1);
            writer.WriteNumber("allocatedCount", AllocatedCount);
            writer.WriteString("allocatedList", Allocated.Encode());
            writer.WriteString("encodedList", Bits.Encode());
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        AtomicFile.Write(path, buffer.ToArray(), overwrite: !create);
    }

    /// <summary>
    /// An exclusive lock on the state file (a <c>.lock</c> file beside it, held open without sharing) for a
    /// read-modify-write, so two commands never give out the same index. Waits up to <paramref name="timeout"/>.
    /// </summary>
    public static IDisposable Lock(string path, TimeSpan? timeout = null)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"status list state file not found: {path}");
        }

        var lockPath = path + ".lock";
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(lockPath))
            {
                Thread.Sleep(50);
            }
            catch (IOException)
            {
                throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"{path} is locked by another tradeproof command ({lockPath})"));
            }
        }
    }
}
