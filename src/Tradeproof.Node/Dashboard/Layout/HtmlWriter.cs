using System.Globalization;
using System.Text;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// Writes HTML for the dashboard. Every piece of text and every attribute value goes through the encoder: there is no
/// way to write raw markup. Tag and attribute names must be lowercase identifiers (checked), elements must be closed in
/// order (checked), and <see cref="ToString"/> refuses a document with open elements.
/// </summary>
/// <remarks>
/// Encoding: in text <c>&amp; &lt; &gt;</c> become entities; in attribute values (always double-quoted) also
/// <c>"</c> and <c>'</c>. Control characters other than tab, line feed and carriage return, and lone surrogates, become
/// U+FFFD (they are not allowed in HTML). Everything else is written as is (the page is UTF-8).
/// </remarks>
internal sealed class HtmlWriter
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    private readonly StringBuilder text;
    private readonly Stack<string> open = new();

    public HtmlWriter(int capacity = 8192)
    {
        text = new StringBuilder(capacity);
    }

    /// <summary>How many elements are open.</summary>
    public int Depth => open.Count;

    /// <summary>Writes <c>&lt;!doctype html&gt;</c>.</summary>
    public HtmlWriter Doctype()
    {
        text.Append("<!doctype html>\n");
        return this;
    }

    /// <summary>Opens an element. Attributes whose value is null are left out; an empty value writes the bare attribute.</summary>
    public HtmlWriter Open(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        StartTag(tag, attributes);
        if (!VoidElements.Contains(tag))
        {
            open.Push(tag);
        }

        return this;
    }

    /// <summary>Writes a void element (<c>meta</c>, <c>link</c>, <c>input</c>, <c>br</c>, ...).</summary>
    public HtmlWriter Void(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        if (!VoidElements.Contains(tag))
        {
            throw new ArgumentException($"<{tag}> is not a void element.", nameof(tag));
        }

        StartTag(tag, attributes);
        return this;
    }

    /// <summary>Closes the innermost open element, which must be <paramref name="tag"/>.</summary>
    public HtmlWriter Close(string tag)
    {
        if (open.Count == 0 || !string.Equals(open.Peek(), tag, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"</{tag}> does not close the open element ({(open.Count == 0 ? "none" : "<" + open.Peek() + ">")}).");
        }

        open.Pop();
        text.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>Writes encoded text.</summary>
    public HtmlWriter Text(string? value)
    {
        Encode(value, attribute: false);
        return this;
    }

    /// <summary>Writes a number in the invariant culture.</summary>
    public HtmlWriter Text(long value)
    {
        text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>Writes <c>&lt;tag attributes&gt;text&lt;/tag&gt;</c>.</summary>
    public HtmlWriter Element(string tag, string? value, params ReadOnlySpan<(string Name, string? Value)> attributes) =>
        Open(tag, attributes).Text(value).Close(tag);

    /// <summary>Writes a link.</summary>
    public HtmlWriter Link(string href, string? value, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        StartTag("a", attributes, ("href", href));
        open.Push("a");
        return Text(value).Close("a");
    }

    /// <summary>The document; every element must be closed.</summary>
    public override string ToString() =>
        open.Count == 0 ? text.ToString() : throw new InvalidOperationException($"<{open.Peek()}> is not closed.");

    /// <summary>Encodes text for an HTML text node (for tests and callers that need a string).</summary>
    public static string EncodeText(string? value)
    {
        var w = new HtmlWriter(value?.Length ?? 0);
        w.Encode(value, attribute: false);
        return w.text.ToString();
    }

    private void StartTag(string tag, ReadOnlySpan<(string Name, string? Value)> attributes, (string Name, string? Value) first = default)
    {
        // Everything is checked before anything is written: a refused element leaves the document as it was.
        CheckName(tag, nameof(tag));
        if (first.Name is not null)
        {
            CheckAttribute(first.Name, first.Value);
        }

        foreach (var (name, value) in attributes)
        {
            CheckAttribute(name, value);
        }

        text.Append('<').Append(tag);
        if (first.Name is not null)
        {
            Attribute(first.Name, first.Value);
        }

        foreach (var (name, value) in attributes)
        {
            Attribute(name, value);
        }

        text.Append('>');
    }

    private static void CheckAttribute(string name, string? value)
    {
        CheckName(name, nameof(name));
        if (!string.IsNullOrEmpty(value) && (name is "href" or "src" or "action" or "formaction") && !IsSafeUrl(value))
        {
            throw new ArgumentException($"Refusing the URL in {name}: only relative URLs, http: and https: are written.", nameof(value));
        }
    }

    private void Attribute(string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        text.Append(' ').Append(name);
        if (value.Length == 0)
        {
            return;
        }

        text.Append("=\"");
        Encode(value, attribute: true);
        text.Append('"');
    }

    // A relative URL (path, query or fragment) or an absolute http(s) URL; never javascript:, data: or the like.
    private static bool IsSafeUrl(string value)
    {
        if (value.StartsWith('/') || value.StartsWith('?') || value.StartsWith('#'))
        {
            return !value.StartsWith("//", StringComparison.Ordinal);
        }

        return value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    }

    private static void CheckName(string name, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameter);
        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                throw new ArgumentException($"'{name}' is not a lowercase HTML name.", parameter);
            }
        }
    }

    private void Encode(string? value, bool attribute)
    {
        if (value is null)
        {
            return;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '&': text.Append("&amp;"); break;
                case '<': text.Append("&lt;"); break;
                case '>': text.Append("&gt;"); break;
                case '"' when attribute: text.Append("&quot;"); break;
                case '\'' when attribute: text.Append("&#39;"); break;
                case '\t' or '\n' or '\r': text.Append(c); break;
                case < ' ' or '\u007f': text.Append('\uFFFD'); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        text.Append('\uFFFD');
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }
    }
}
