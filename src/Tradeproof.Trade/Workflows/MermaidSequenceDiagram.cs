namespace Tradeproof.Trade.Workflows;

/// <summary>A parsed mermaid <c>sequenceDiagram</c> (the subset <see cref="MermaidSequenceParser"/> accepts).</summary>
/// <param name="Title">The <c>title</c>, or null.</param>
/// <param name="Participants">Participants and actors, declared or first used, in that order.</param>
/// <param name="Messages">The messages, in order.</param>
/// <param name="Notes">The notes, in order.</param>
public sealed record MermaidSequenceDiagram(
    string? Title,
    IReadOnlyList<MermaidParticipant> Participants,
    IReadOnlyList<MermaidMessage> Messages,
    IReadOnlyList<MermaidNote> Notes);

/// <summary>A participant: <c>participant A as Importer</c> gives alias <c>A</c> and name <c>Importer</c>.</summary>
/// <param name="Alias">The identifier messages use.</param>
/// <param name="Name">The displayed name (the alias when none is given).</param>
public sealed record MermaidParticipant(string Alias, string Name);

/// <summary>A message <c>FROM ARROW TO: TEXT</c>.</summary>
/// <param name="From">Sender alias.</param>
/// <param name="To">Receiver alias.</param>
/// <param name="Arrow">The arrow as written (<c>-&gt;&gt;</c>, <c>--&gt;&gt;</c>, <c>-&gt;</c>, <c>--&gt;</c>, <c>-x</c>, <c>--x</c>, <c>-)</c>, <c>--)</c>).</param>
/// <param name="Text">The text after the colon, trimmed.</param>
/// <param name="Line">1-based line number in the source.</param>
public sealed record MermaidMessage(string From, string To, string Arrow, string Text, int Line);

/// <summary>A note: <c>Note over A: text</c> (or <c>left of</c>/<c>right of</c>).</summary>
/// <param name="Placement"><c>over</c>, <c>left of</c> or <c>right of</c>.</param>
/// <param name="Participants">The aliases it is placed at.</param>
/// <param name="Text">The text.</param>
public sealed record MermaidNote(string Placement, IReadOnlyList<string> Participants, string Text);
