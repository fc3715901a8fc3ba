using Tradeproof.Trade.Workflows;

namespace Tradeproof.Trade.Tests.Workflows;

/// <summary>The mermaid sequenceDiagram subset: what is accepted, and that everything else is refused with its line.</summary>
public sealed class MermaidSequenceParserTests
{
    [Fact]
    public void Participants_messages_notes_and_title_are_read()
    {
        var diagram = MermaidSequenceParser.Parse("""
            sequenceDiagram
                title: Steel Import
                %% a comment
                participant A as Manufacturer
                actor B
                autonumber
                A-->>A: (1) issue Mill Test Report Credential
                A->>+B: (2) present Mill Test Report Credential
                activate B
                B-)C: async
                Note over A,B: within 24h
                note right of C: last
            """);
        Assert.Equal("Steel Import", diagram.Title);
        Assert.Equal([new MermaidParticipant("A", "Manufacturer"), new MermaidParticipant("B", "B"), new MermaidParticipant("C", "C")], diagram.Participants);
        Assert.Equal(3, diagram.Messages.Count);
        Assert.Equal(new MermaidMessage("A", "A", "-->>", "(1) issue Mill Test Report Credential", 7), diagram.Messages[0]);
        Assert.Equal(("A", "B", "->>"), (diagram.Messages[1].From, diagram.Messages[1].To, diagram.Messages[1].Arrow));
        Assert.Equal(("B", "C", "-)"), (diagram.Messages[2].From, diagram.Messages[2].To, diagram.Messages[2].Arrow));
        Assert.Equal("over", diagram.Notes[0].Placement);
        Assert.Equal(["A", "B"], diagram.Notes[0].Participants);
        Assert.Equal("within 24h", diagram.Notes[0].Text);
        Assert.Equal(("right of", "last"), (diagram.Notes[1].Placement, diagram.Notes[1].Text));
    }

    [Theory]
    [InlineData("A->B: x", "->")]
    [InlineData("A-->B: x", "-->")]
    [InlineData("A-xB: x", "-x")]
    [InlineData("A--xB: x", "--x")]
    [InlineData("A--)B: x", "--)")]
    [InlineData("A -->> B : x", "-->>")]
    public void Every_arrow_is_accepted(string message, string arrow)
    {
        var parsed = Assert.Single(MermaidSequenceParser.Parse("sequenceDiagram\n" + message).Messages);
        Assert.Equal(("A", "B", arrow, "x"), (parsed.From, parsed.To, parsed.Arrow, parsed.Text));
    }

    [Theory]
    [InlineData("graph TD\nA-->B", 1)]
    [InlineData("sequenceDiagram\n  participant A as X\n  loop every day\n  A->>A: x\n  end", 3)]
    [InlineData("sequenceDiagram\nA->>B no colon", 2)]
    [InlineData("sequenceDiagram\nparticipant A\nparticipant A as Again", 3)]
    [InlineData("sequenceDiagram\nNote A: nowhere", 2)]
    [InlineData("sequenceDiagram\n\nparticipant", 3)]
    public void Anything_else_is_refused_with_its_line(string source, int line)
    {
        var error = Assert.Throws<WorkflowFormatException>(() => MermaidSequenceParser.Parse(source));
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void Empty_and_oversized_diagrams_are_refused()
    {
        Assert.Throws<WorkflowFormatException>(() => MermaidSequenceParser.Parse("  \n%% only a comment\n"));
        Assert.Throws<WorkflowFormatException>(() => MermaidSequenceParser.Parse("sequenceDiagram\n" + new string(' ', MermaidSequenceParser.MaxLength)));
    }
}
