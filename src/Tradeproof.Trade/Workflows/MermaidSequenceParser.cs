using System.Text.RegularExpressions;

namespace Tradeproof.Trade.Workflows;

/// <summary>
/// Parses the subset of mermaid <c>sequenceDiagram</c> syntax the traceability workflow definitions use
/// (https://mermaid.js.org/syntax/sequenceDiagram.html). One statement per line; accepted:
/// <list type="bullet">
/// <item>the header <c>sequenceDiagram</c> (first statement);</item>
/// <item><c>title TEXT</c> or <c>title: TEXT</c>;</item>
/// <item><c>participant ID</c>, <c>participant ID as NAME</c>, and the same with <c>actor</c>;</item>
/// <item>messages <c>FROM ARROW TO: TEXT</c> with the arrows <c>-&gt;&gt;</c> <c>--&gt;&gt;</c> <c>-&gt;</c> <c>--&gt;</c>
/// <c>-x</c> <c>--x</c> <c>-)</c> <c>--)</c>, an optional <c>+</c>/<c>-</c> activation mark before TO; an
/// undeclared ID becomes a participant named ID (as mermaid does); IDs contain no <c>-</c>, <c>&lt;</c>, <c>&gt;</c>,
/// <c>:</c>, <c>+</c> or <c>,</c>;</item>
/// <item><c>note over|left of|right of ID[,ID]: TEXT</c> (any case);</item>
/// <item><c>autonumber</c>, <c>activate ID</c>, <c>deactivate ID</c> (no effect on the result), <c>%%</c> comments, blank lines.</item>
/// </list>
/// Anything else (blocks such as <c>loop</c>/<c>alt</c>/<c>end</c>, <c>box</c>, <c>link</c>, ...) is refused with a
/// <see cref="WorkflowFormatException"/> naming the line: a workflow is read completely or not at all.
/// </summary>
public static partial class MermaidSequenceParser
{
    /// <summary>The longest diagram accepted, in characters.</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>Parses a diagram.</summary>
    /// <exception cref="WorkflowFormatException">The text is not an accepted sequence diagram.</exception>
    public static MermaidSequenceDiagram Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Length > MaxLength)
        {
            throw new WorkflowFormatException($"the diagram is longer than {MaxLength} characters");
        }

        string? title = null;
        var participants = new List<MermaidParticipant>();
        var messages = new List<MermaidMessage>();
        var notes = new List<MermaidNote>();
        var headerSeen = false;
        var lines = source.ReplaceLineEndings("\n").Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var line = lines[index].Trim();
            if (line.Length == 0 || line.StartsWith("%%", StringComparison.Ordinal))
            {
                continue;
            }

            if (!headerSeen)
            {
                if (!string.Equals(line, "sequenceDiagram", StringComparison.Ordinal))
                {
                    throw new WorkflowFormatException("a sequence diagram starts with 'sequenceDiagram'", lineNumber);
                }

                headerSeen = true;
                continue;
            }

            var (keyword, rest) = SplitKeyword(line);
            switch (keyword)
            {
                case "title":
                    title = rest.StartsWith(':') ? rest[1..].Trim() : rest;
                    break;
                case "participant":
                case "actor":
                    Declare(participants, rest, lineNumber);
                    break;
                case "note":
                    notes.Add(ParseNote(participants, rest, lineNumber));
                    break;
                case "autonumber":
                case "activate":
                case "deactivate":
                    break;
                default:
                    messages.Add(ParseMessage(participants, line, lineNumber));
                    break;
            }
        }

        if (!headerSeen)
        {
            throw new WorkflowFormatException("the diagram is empty");
        }

        return new MermaidSequenceDiagram(title, participants, messages, notes);
    }

    private static (string Keyword, string Remainder) SplitKeyword(string line)
    {
        var space = line.IndexOfAny([' ', '\t', ':']);
        var word = space < 0 ? line : line[..space];
        var lower = word.ToLowerInvariant();
        return lower is "title" or "participant" or "actor" or "note" or "autonumber" or "activate" or "deactivate"
            ? (lower, space < 0 ? string.Empty : line[space..].Trim())
            : (string.Empty, line);
    }

    private static void Declare(List<MermaidParticipant> participants, string rest, int line)
    {
        var match = ParticipantPattern().Match(rest);
        if (!match.Success)
        {
            throw new WorkflowFormatException($"expected 'participant ID' or 'participant ID as NAME', found '{rest}'", line);
        }

        var alias = match.Groups["id"].Value;
        var name = match.Groups["name"].Success ? match.Groups["name"].Value.Trim() : alias;
        if (participants.Exists(p => string.Equals(p.Alias, alias, StringComparison.Ordinal)))
        {
            throw new WorkflowFormatException($"participant '{alias}' is declared twice", line);
        }

        participants.Add(new MermaidParticipant(alias, name));
    }

    private static MermaidNote ParseNote(List<MermaidParticipant> participants, string rest, int line)
    {
        var match = NotePattern().Match(rest);
        if (!match.Success)
        {
            throw new WorkflowFormatException($"expected 'note over|left of|right of ID: TEXT', found '{rest}'", line);
        }

        var placement = WhitespaceRun().Replace(match.Groups["placement"].Value.ToLowerInvariant(), " ");
        var ids = match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries);
        foreach (var id in ids)
        {
            Use(participants, id, line);
        }

        return new MermaidNote(placement, ids, match.Groups["text"].Value.Trim());
    }

    private static MermaidMessage ParseMessage(List<MermaidParticipant> participants, string line, int lineNumber)
    {
        var match = MessagePattern().Match(line);
        if (!match.Success)
        {
            throw new WorkflowFormatException($"not a supported sequence diagram statement: '{line}'", lineNumber);
        }

        var from = match.Groups["from"].Value.Trim();
        var to = match.Groups["to"].Value.Trim();
        Use(participants, from, lineNumber);
        Use(participants, to, lineNumber);
        return new MermaidMessage(from, to, match.Groups["arrow"].Value, match.Groups["text"].Value.Trim(), lineNumber);
    }

    private static void Use(List<MermaidParticipant> participants, string id, int line)
    {
        if (id.Length == 0 || !IdPattern().IsMatch(id))
        {
            throw new WorkflowFormatException($"'{id}' is not a participant identifier", line);
        }

        if (!participants.Exists(p => string.Equals(p.Alias, id, StringComparison.Ordinal)))
        {
            participants.Add(new MermaidParticipant(id, id));
        }
    }

    [GeneratedRegex(@"^(?<id>[^\s\-<>:+,]+)(?:\s+as\s+(?<name>.+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ParticipantPattern();

    [GeneratedRegex(@"^(?<placement>over|left\s+of|right\s+of)\s+(?<ids>[^:]+?)\s*:(?<text>.*)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NotePattern();

    [GeneratedRegex(@"^(?<from>[^\-<>:+,]+?)\s*(?<arrow>-->>|->>|-->|->|--x|-x|--\)|-\))\s*[+\-]?(?<to>[^\-<>:+,]+?)\s*:(?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex MessagePattern();

    [GeneratedRegex(@"^[^\s\-<>:+,]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespaceRun();
}
