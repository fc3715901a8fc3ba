using System.Security.Cryptography;
using Tradeproof.Cryptography.Hashing;

namespace Tradeproof.Rdf.Canonicalization;

/// <summary>
/// RDFC-1.0 §4.2 Canonicalization State: the blank node to quads map, the hash to blank nodes map (built in
/// <see cref="CanonicalizationAlgorithm"/>), the canonical issuer, plus what this implementation keeps to be fast:
/// each quad's terms pre-serialized in canonical N-Quads form as UTF-8, blank nodes as integer indexes,
/// the first-degree hash of every blank node, the hash algorithm, and the work counter of the poisoning limit.
/// </summary>
internal sealed class CanonicalizationState : IDisposable
{
    /// <summary>Component value for a term that is not a blank node, or an absent graph name.</summary>
    public const int NoGraph = -1;

    private readonly long _workLimit;
    private long _work;

    public CanonicalizationState(RdfDataset dataset, RdfcOptions options, CancellationToken cancellationToken)
    {
        CancellationToken = cancellationToken;
        HashAlgorithm = options.HashAlgorithm;
        var quads = dataset.QuadSpan;
        _quads = dataset;
        // The per-quad arrays are the thread's spare ones when they are long enough (a verification canonicalizes
        // several datasets of hundreds of quads each, one after the other): only the first entries are used;
        // Dispose gives them back.
        var spare = t_spare;
        t_spare = null;
        if (spare is null || spare.BlankRefs.Length < quads.Length)
        {
            var size = Math.Max(64, quads.Length);
            spare = new PerQuadArrays(new QuadTerms[size], new byte[size * 4][], new (int, int, bool)[size]);
        }

        _arrays = spare;
        BlankRefs = spare.BlankRefs;

        // Sized for the dataset (about 130 bytes of canonical line per quad in credentials), so the buffer rarely
        // grows by copying.
        Buffer = new Utf8Buffer(Math.Max(4096, quads.Length * 144));
        Terms = spare.Terms;
        TailBytes = new Utf8Buffer(Math.Max(4096, quads.Length * 112));
        Tails = spare.Tails;
        var blankIndex = new Dictionary<BlankNode, int>();
        var labels = new List<string>();
        var mentions = new List<List<int>>();
        for (var q = 0; q < quads.Length; q++)
        {
            var quad = quads[q];
            var s = Encode(quad.Subject, q);
            var o = Encode(quad.Object, q);
            var g = quad.Graph is null ? NoGraph : Encode(quad.Graph, q);
            BlankRefs[q] = new QuadTerms(s, o, g);

            // Each non-blank component in canonical N-Quads form, once per term: Hash First Degree Quads writes a quad
            // once for every blank node it mentions, and the canonical form once more, so transcoding them every time
            // cost more than copying these bytes. A term keeps its form (an IRI repeated in many quads is one term in
            // a JSON-LD toRdf result, and an embedded credential's dataset holds its presentation's terms).
            var at = q * 4;
            Terms[at] = s == NoGraph ? CanonicalForm(quad.Subject, Buffer) : null!;
            Terms[at + 1] = CanonicalForm(quad.Predicate, Buffer);
            Terms[at + 2] = o == NoGraph ? CanonicalForm(quad.Object, Buffer) : null!;
            Terms[at + 3] = quad.Graph is not null && g == NoGraph ? CanonicalForm(quad.Graph, Buffer) : null!;

            // The line after its subject, as far as no blank node is in it: " P O G .\n" when object and graph name are
            // not blank (most quads), else up to the first blank one (see CanonicalLines.WriteQuad).
            var tailStart = TailBytes.Length;
            TailBytes.Append((byte)' ');
            TailBytes.Append(Terms[at + 1]);
            TailBytes.Append((byte)' ');
            var complete = false;
            if (o == NoGraph)
            {
                TailBytes.Append(Terms[at + 2]);
                if (quad.Graph is null || g == NoGraph)
                {
                    if (quad.Graph is not null)
                    {
                        TailBytes.Append((byte)' ');
                        TailBytes.Append(Terms[at + 3]);
                    }

                    TailBytes.Append(" .\n"u8);
                    complete = true;
                }
            }

            Tails[q] = (tailStart, TailBytes.Length - tailStart, complete);
        }

        BlankLabels = [.. labels];
        Mentions = new int[mentions.Count][];
        for (var i = 0; i < mentions.Count; i++)
        {
            Mentions[i] = [.. mentions[i]];
        }

        FirstDegreeHashes = new string[BlankLabels.Length];
        CanonicalIssuer = new IdentifierIssuer("c14n");

        // §7 Dataset Poisoning: the work (Hash N-Degree Quads calls and permutations tried) is bounded
        // relative to the number of blank nodes.
        _workLimit = options.MaxWorkFactor <= 0 ? long.MaxValue : (long)options.MaxWorkFactor * (BlankLabels.Length + 1);

        int Encode(RdfTerm term, int quadIndex)
        {
            if (term is not BlankNode blank)
            {
                return NoGraph;
            }

            // §4.4.3 step 2: add a reference to the quad to the blank node to quads map (once per quad).
            if (!blankIndex.TryGetValue(blank, out var index))
            {
                index = labels.Count;
                blankIndex.Add(blank, index);
                labels.Add(blank.Label);
                mentions.Add([]);
            }

            var list = mentions[index];
            if (list.Count == 0 || list[^1] != quadIndex)
            {
                list.Add(quadIndex);
            }

            return index;
        }
    }

    public CancellationToken CancellationToken { get; }

    public RdfcHashAlgorithm HashAlgorithm { get; }

    private readonly RdfDataset _quads;

    /// <summary>The input quads (the dataset must not change while the algorithm runs).</summary>
    public ReadOnlySpan<Quad> Quads => _quads.QuadSpan;

    /// <summary>For each quad, the blank node index of its subject, object and graph name, or <see cref="NoGraph"/>.</summary>
    public QuadTerms[] BlankRefs { get; }

    /// <summary>For quad q, entries 4q..4q+3: its subject, predicate, object and graph name in canonical N-Quads form
    /// as UTF-8 (only the components that are not blank nodes; null for the others). May be longer than needed.</summary>
    public byte[][] Terms { get; }

    /// <summary>For quad q: where the part of its line after the subject is in <see cref="TailBytes"/>, as far as it holds
    /// no blank node (" P " and, when the object is not blank, the object; then, when the graph name is not blank
    /// either, the graph name and " .\n", and the line is <c>Complete</c>).</summary>
    public (int Start, int Length, bool Complete)[] Tails { get; }

    /// <summary>The bytes of <see cref="Tails"/>.</summary>
    public Utf8Buffer TailBytes { get; }

    /// <summary>The canonical N-Quads form of component <paramref name="component"/> (0 s, 1 p, 2 o, 3 g) of quad
    /// <paramref name="q"/>; only for components that are not blank nodes.</summary>
    public ReadOnlySpan<byte> Term(int q, int component) => Terms[(q * 4) + component];

    /// <summary>A non-blank term's canonical N-Quads form (RDFC-1.0 Appendix A), kept on the term once made;
    /// <paramref name="scratch"/> is cleared.</summary>
    internal static byte[] CanonicalForm(RdfTerm term, Utf8Buffer scratch)
    {
        switch (term)
        {
            case Iri { CanonicalUtf8: { } iri }:
                return iri;
            case Literal { CanonicalUtf8: { } literal }:
                return literal;
        }

        scratch.Clear();
        scratch.AppendTerm(term);
        var form = scratch.WrittenSpan.ToArray();
        switch (term)
        {
            case Iri iri:
                iri.CanonicalUtf8 = form;
                break;
            case Literal literal:
                literal.CanonicalUtf8 = form;
                break;
        }

        return form;
    }

    /// <summary>The input label of each blank node index.</summary>
    public string[] BlankLabels { get; }

    /// <summary>The blank node to quads map: quad indexes per blank node index.</summary>
    public int[][] Mentions { get; }

    /// <summary>The result of Hash First Degree Quads for every blank node (step 3), reused by Hash Related Blank Node.</summary>
    public string[] FirstDegreeHashes { get; }

    /// <summary>Memoized Hash Related Blank Node results.</summary>
    public Dictionary<RelatedKey, string> RelatedHashes => _relatedHashes ??= [];

    private Dictionary<RelatedKey, string>? _relatedHashes;

    /// <summary>The canonical issuer (prefix <c>c14n</c>).</summary>
    public IdentifierIssuer CanonicalIssuer { get; }

    /// <summary>Reusable buffers (the algorithm is single-threaded).</summary>
    public Utf8Buffer Buffer { get; }

    public Utf8Buffer SortBuffer { get; } = new(4096);

    // Hash N-Degree Quads' path and data-to-hash builders, reused by the calls of one canonicalization (recursive
    // calls each take their own); one not given back (an exception) is simply not reused.
    private Stack<System.Text.StringBuilder>? _builders;

    /// <summary>An empty builder, reused when one was given back.</summary>
    public System.Text.StringBuilder RentBuilder() => _builders is not null && _builders.TryPop(out var builder) ? builder.Clear() : new System.Text.StringBuilder(256);

    /// <summary>Gives a builder back for reuse.</summary>
    public void ReturnBuilder(System.Text.StringBuilder builder) => (_builders ??= new()).Push(builder);

    public static bool IsBlank(int component) => component >= 0;

    /// <summary>Hashes bytes and returns the lowercase hex (the spec's "hash").</summary>
    public string Hash(ReadOnlySpan<byte> input)
    {
        Span<byte> digest = stackalloc byte[SHA384.HashSizeInBytes];
        if (HashAlgorithm != RdfcHashAlgorithm.Sha384)
        {
            // OpenSSL's SHA-256 called directly: .NET's one-shot and incremental APIs cost about 1 µs more per call
            // (most of these inputs are 100 B - 2 KB; Sha256Benchmarks).
            Sha256.Hash(input, digest);
            return Convert.ToHexStringLower(digest[..Sha256.HashSize]);
        }

        // One reusable hash object per thread: the one-shot API creates and frees a native digest context every call.
        var hasher = s_sha384 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA384);
        hasher.AppendData(input);
        var size = hasher.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..size]);
    }

    [ThreadStatic]
    private static IncrementalHash? s_sha384;

    /// <summary>Counts work against the poisoning limit; throws when it is exceeded.</summary>
    public void AddWork(long units)
    {
        _work += units;
        if (_work > _workLimit)
        {
            throw new RdfCanonicalizationException(
                RdfCanonicalizationException.WorkLimitExceeded,
                $"RDFC-1.0 work limit exceeded: more than {_workLimit} Hash N-Degree Quads steps for {BlankLabels.Length} blank nodes (the dataset may be poisoned; see RdfcOptions.MaxWorkFactor).");
        }
    }

    /// <summary>Work counted so far (for tests and diagnostics).</summary>
    public long Work => _work;

    public void Dispose()
    {
        Buffer.Dispose();
        SortBuffer.Dispose();
        TailBytes.Dispose();

        // The terms' byte arrays are the terms' own (kept on them): the spare array must not hold them on. Arrays for
        // more than 16,384 quads are not kept.
        Array.Clear(Terms, 0, Math.Min(Terms.Length, Quads.Length * 4));
        if (_arrays.BlankRefs.Length <= 16_384)
        {
            t_spare = _arrays;
        }
    }

    private readonly PerQuadArrays _arrays;

    [ThreadStatic]
    private static PerQuadArrays? t_spare;

    private sealed record PerQuadArrays(QuadTerms[] BlankRefs, byte[][] Terms, (int, int, bool)[] Tails);
}

/// <summary>The blank node indexes of a quad's subject, object and graph name (<see cref="CanonicalizationState.NoGraph"/> when not blank).</summary>
internal readonly record struct QuadTerms(int Subject, int Object, int Graph);
