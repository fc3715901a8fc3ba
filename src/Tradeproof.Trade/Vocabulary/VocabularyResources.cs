using System.Text.Json;

namespace Tradeproof.Trade.Vocabulary;

/// <summary>Reads the files embedded from Vocabulary/Data (see the csproj): by their path relative to Data/.</summary>
internal static class VocabularyResources
{
    private const string Prefix = "Tradeproof.Trade.Vocabulary.";

    public static byte[] ReadBytes(string relativePath)
    {
        var assembly = typeof(VocabularyResources).Assembly;
        using var stream = assembly.GetManifestResourceStream(Prefix + relativePath)
            ?? assembly.GetManifestResourceStream(Prefix + relativePath.Replace('/', '.'))
            ?? throw new InvalidOperationException("Missing embedded vocabulary resource " + relativePath);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    public static JsonElement ReadJson(string relativePath)
    {
        using var document = JsonDocument.Parse(ReadBytes(relativePath));
        return document.RootElement.Clone();
    }
}
