using Tradeproof.JsonLd.Context;

namespace Tradeproof.JsonLd;

/// <summary>
/// The state of one API call: its options, and the counters that enforce the limits
/// (<see cref="JsonLdOptions.MaxContexts"/>). Part 2 creates one with <c>new JsonLdRun(options)</c>.
/// </summary>
internal sealed class JsonLdRun
{
    public JsonLdRun(JsonLdOptions options)
    {
        Options = options;
    }

    public JsonLdOptions Options { get; }

    public ContextCache Cache => Options.Cache;

    /// <summary>Where the expansion keeps embedded documents' expanded forms (see <see cref="EmbeddedDocuments"/>), or null.</summary>
    public EmbeddedDocuments? Embedded { get; set; }

    /// <summary>Contexts processed so far in this call.</summary>
    public int ContextCount { get; private set; }

    /// <summary>Counts one processed context (a cache miss, or an inline context object); throws when the limit is exceeded.</summary>
    public void CountContext()
    {
        if (++ContextCount > Options.MaxContexts)
        {
            throw new JsonLdException(JsonLdErrorCode.MaxContextsExceeded, $"more than {Options.MaxContexts} contexts");
        }
    }
}
