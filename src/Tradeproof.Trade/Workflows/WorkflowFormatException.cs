namespace Tradeproof.Trade.Workflows;

/// <summary>A workflow definition, or its mermaid diagram, is not in the accepted form.</summary>
public sealed class WorkflowFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WorkflowFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public WorkflowFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a line of a mermaid diagram.</summary>
    public WorkflowFormatException(string message, int line)
        : base($"line {line}: {message}")
    {
        Line = line;
    }

    /// <summary>The 1-based line of the diagram, when the error is in one.</summary>
    public int? Line { get; }
}
