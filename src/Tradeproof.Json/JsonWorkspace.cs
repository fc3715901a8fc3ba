using System.Buffers;

namespace Tradeproof.Json;

/// <summary>
/// Reusable buffers of one tokenization and canonicalization (tokens, unescaped strings, output), cached per
/// thread so that a steady stream of documents allocates nothing but the results.
/// </summary>
internal sealed class JsonWorkspace
{
    private const int MaxCachedBytes = 1 << 20;

    [ThreadStatic]
    private static JsonWorkspace? cached;

    public JsonToken[] Tokens = new JsonToken[256];
    public byte[] Side = new byte[1024];
    public int SideLength;
    public byte[] Output = new byte[4096];
    public int OutputLength;

    /// <summary>An upper bound of the canonical output's length, set by the tokenizer.</summary>
    public int OutputBound;
    public int[] Stack = new int[16];

    /// <summary>Per open object: the token of the member name being read (-1 while none), for error paths.</summary>
    public int[] Names = new int[16];
    public int[] Scratch = new int[64];

    /// <summary>How many arrays and objects are open while scanning (for error paths).</summary>
    public int OpenDepth;

    public static JsonWorkspace Rent()
    {
        var workspace = cached ?? new JsonWorkspace();
        cached = null;
        workspace.SideLength = 0;
        workspace.OutputLength = 0;
        return workspace;
    }

    public static void Return(JsonWorkspace workspace)
    {
        if (workspace.Output.Length <= MaxCachedBytes && workspace.Side.Length <= MaxCachedBytes
            && workspace.Tokens.Length <= MaxCachedBytes / 16)
        {
            cached = workspace;
        }
    }

    public void GrowTokens() => Array.Resize(ref Tokens, Tokens.Length * 2);

    public void GrowStack()
    {
        Array.Resize(ref Stack, Stack.Length * 2);
        Array.Resize(ref Names, Stack.Length);
    }

    public void EnsureSide(int extra)
    {
        if (SideLength + extra > Side.Length)
        {
            Array.Resize(ref Side, Math.Max(Side.Length * 2, SideLength + extra));
        }
    }

    public Span<byte> OutputSpan(int size)
    {
        if (OutputLength + size > Output.Length)
        {
            Array.Resize(ref Output, Math.Max(Output.Length * 2, OutputLength + size));
        }

        return Output.AsSpan(OutputLength);
    }

    public Span<int> ScratchSpan(int size)
    {
        if (Scratch.Length < size)
        {
            Scratch = new int[Math.Max(size, Scratch.Length * 2)];
        }

        return Scratch.AsSpan(0, size);
    }

    public void WriteTo(IBufferWriter<byte> output) => output.Write(Output.AsSpan(0, OutputLength));
}
