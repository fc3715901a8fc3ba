using System.Text;

namespace Tradeproof.JsonLd.Iris;

/// <summary>
/// IRI references per RFC 3986 (applied to IRIs, RFC 3987): §3 components, §5.2 reference
/// resolution with §5.2.4 remove_dot_segments, and the reverse (making an IRI relative to a base,
/// as JSON-LD compaction with <c>compactToRelative</c> needs). System.Uri is deliberately not used:
/// it normalises (case, percent-encoding, default ports, IDN) and JSON-LD must keep IRIs as given.
/// Part 2 API: <see cref="Resolve"/>, <see cref="Relativize"/>, <see cref="IsAbsolute"/>.
/// </summary>
internal static class IriResolver
{
    /// <summary>True when <paramref name="value"/> starts with a scheme (RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":").</summary>
    public static bool IsAbsolute(string value)
    {
        if (value.Length == 0 || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }

        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ':')
            {
                return true;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The components of an IRI reference (RFC 3986 Appendix B); null means undefined.</summary>
    internal readonly record struct Parts(string? Scheme, string? Authority, string Path, string? Query, string? Fragment)
    {
        public static Parts Parse(string iri)
        {
            string? scheme = null, authority = null, query = null, fragment = null;
            var rest = iri;
            var hash = rest.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                fragment = rest[(hash + 1)..];
                rest = rest[..hash];
            }

            var q = rest.IndexOf('?', StringComparison.Ordinal);
            if (q >= 0)
            {
                query = rest[(q + 1)..];
                rest = rest[..q];
            }

            if (IsAbsolute(rest))
            {
                var colon = rest.IndexOf(':', StringComparison.Ordinal);
                scheme = rest[..colon];
                rest = rest[(colon + 1)..];
            }

            if (rest.StartsWith("//", StringComparison.Ordinal))
            {
                var slash = rest.IndexOf('/', 2);
                authority = slash < 0 ? rest[2..] : rest[2..slash];
                rest = slash < 0 ? string.Empty : rest[slash..];
            }

            return new Parts(scheme, authority, rest, query, fragment);
        }

        public override string ToString()
        {
            // RFC 3986 §5.3 Component Recomposition.
            var sb = new StringBuilder();
            if (Scheme is not null)
            {
                sb.Append(Scheme).Append(':');
            }

            if (Authority is not null)
            {
                sb.Append("//").Append(Authority);
            }

            sb.Append(Path);
            if (Query is not null)
            {
                sb.Append('?').Append(Query);
            }

            if (Fragment is not null)
            {
                sb.Append('#').Append(Fragment);
            }

            return sb.ToString();
        }
    }

    /// <summary>
    /// Resolves <paramref name="reference"/> against <paramref name="baseIri"/> (RFC 3986 §5.2.2, strict).
    /// A null base returns the reference unchanged.
    /// </summary>
    public static string Resolve(string? baseIri, string reference)
    {
        if (baseIri is null)
        {
            return reference;
        }

        if (IsAbsolute(reference))
        {
            // Fast path: an absolute IRI with no dot segments is its own resolution.
            if (!reference.Contains("/.", StringComparison.Ordinal))
            {
                return reference;
            }
        }

        var r = Parts.Parse(reference);
        var b = Parts.Parse(baseIri);
        string? scheme, authority, query;
        string path;

        // RFC 3986 §5.2.2 Transform References.
        if (r.Scheme is not null)
        {
            scheme = r.Scheme;
            authority = r.Authority;
            path = RemoveDotSegments(r.Path);
            query = r.Query;
        }
        else
        {
            if (r.Authority is not null)
            {
                authority = r.Authority;
                path = RemoveDotSegments(r.Path);
                query = r.Query;
            }
            else
            {
                if (r.Path.Length == 0)
                {
                    path = b.Path;
                    query = r.Query ?? b.Query;
                }
                else
                {
                    path = r.Path[0] == '/' ? RemoveDotSegments(r.Path) : RemoveDotSegments(Merge(b, r.Path));
                    query = r.Query;
                }

                authority = b.Authority;
            }

            scheme = b.Scheme;
        }

        return new Parts(scheme, authority, path, query, r.Fragment).ToString();
    }

    // RFC 3986 §5.2.3 Merge Paths.
    private static string Merge(Parts b, string relativePath)
    {
        if (b.Authority is not null && b.Path.Length == 0)
        {
            return "/" + relativePath;
        }

        var lastSlash = b.Path.LastIndexOf('/');
        return lastSlash < 0 ? relativePath : b.Path[..(lastSlash + 1)] + relativePath;
    }

    /// <summary>RFC 3986 §5.2.4 Remove Dot Segments.</summary>
    public static string RemoveDotSegments(string path)
    {
        if (!path.Contains('.', StringComparison.Ordinal))
        {
            return path;
        }

        // The input buffer is a span moved forward in place: a string copy per segment made long paths quadratic
        // (a 100 KB @base took seconds and gigabytes; found by the fuzzer, tests/Tradeproof.Fuzzing.Tests).
        var input = path.AsSpan();
        var output = new StringBuilder(path.Length);
        while (input.Length > 0)
        {
            // A.
            if (input.StartsWith("../", StringComparison.Ordinal))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./", StringComparison.Ordinal))
            {
                input = input[2..];
            }

            // B.
            else if (input.StartsWith("/./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input.SequenceEqual("/."))
            {
                input = "/";
            }

            // C.
            else if (input.StartsWith("/../", StringComparison.Ordinal))
            {
                input = input[3..];
                RemoveLastSegment(output);
            }
            else if (input.SequenceEqual("/.."))
            {
                input = "/";
                RemoveLastSegment(output);
            }

            // D.
            else if (input.SequenceEqual(".") || input.SequenceEqual(".."))
            {
                input = default;
            }

            // E.
            else
            {
                var start = input[0] == '/' ? 1 : 0;
                var next = input[start..].IndexOf('/');
                next = next < 0 ? input.Length : next + start;
                output.Append(input[..next]);
                input = input[next..];
            }
        }

        return output.ToString();
    }

    private static void RemoveLastSegment(StringBuilder output)
    {
        var last = output.Length - 1;
        while (last >= 0 && output[last] != '/')
        {
            last--;
        }

        output.Length = Math.Max(last, 0);
    }

    /// <summary>
    /// The shortest relative reference that resolves against <paramref name="baseIri"/> to <paramref name="iri"/>
    /// (JSON-LD IRI Compaction step 7 with <c>compactToRelative</c>); the IRI itself when none is shorter or safe.
    /// </summary>
    public static string Relativize(string? baseIri, string iri)
    {
        if (baseIri is null || !IsAbsolute(iri))
        {
            return iri;
        }

        var b = Parts.Parse(baseIri);
        var t = Parts.Parse(iri);
        if (!string.Equals(b.Scheme, t.Scheme, StringComparison.Ordinal) || !string.Equals(b.Authority, t.Authority, StringComparison.Ordinal))
        {
            return iri;
        }

        string candidate;
        if (t.Path == b.Path)
        {
            if (t.Query == b.Query)
            {
                candidate = t.Fragment is null ? string.Empty : "#" + t.Fragment;
                if (t.Fragment is null && t.Query is not null)
                {
                    candidate = "?" + t.Query;
                }
            }
            else
            {
                candidate = (t.Query is null ? LastSegmentOrDot(t.Path) : "?" + t.Query) + (t.Fragment is null ? string.Empty : "#" + t.Fragment);
            }
        }
        else
        {
            // Remove the common directory prefix, then climb with ../ for each remaining base directory.
            var baseDirs = b.Path.Split('/');
            var targetDirs = t.Path.Split('/');
            var common = 0;
            while (common < baseDirs.Length - 1 && common < targetDirs.Length - 1 && baseDirs[common] == targetDirs[common])
            {
                common++;
            }

            var sb = new StringBuilder();
            for (var i = common; i < baseDirs.Length - 1; i++)
            {
                sb.Append("../");
            }

            sb.AppendJoin('/', targetDirs[common..]);
            var rel = sb.ToString();
            if (rel.Length == 0)
            {
                rel = "./";
            }
            else if (rel.Contains(':', StringComparison.Ordinal) && !rel.StartsWith("../", StringComparison.Ordinal) && rel.IndexOf(':', StringComparison.Ordinal) < (rel.IndexOf('/', StringComparison.Ordinal) is var s && s < 0 ? int.MaxValue : s))
            {
                rel = "./" + rel;
            }

            candidate = rel + (t.Query is null ? string.Empty : "?" + t.Query) + (t.Fragment is null ? string.Empty : "#" + t.Fragment);
        }

        // Only return a relative form that resolves back exactly.
        return Resolve(baseIri, candidate) == iri ? candidate : iri;
    }

    private static string LastSegmentOrDot(string path)
    {
        var last = path.LastIndexOf('/');
        var seg = path[(last + 1)..];
        return seg.Length == 0 ? "./" : seg;
    }
}
