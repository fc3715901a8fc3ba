using System.Text.Json;
using Tradeproof.JsonSchema.Evaluation;

namespace Tradeproof.JsonSchema.Keywords;

/// <summary>
/// One compiled keyword of a schema. Immutable after compilation, so a compiled schema is shared across threads.
/// </summary>
internal abstract class Keyword(string name, string absoluteLocation)
{
    /// <summary>The keyword, as the segment of the keyword location.</summary>
    public string Name { get; } = name;

    /// <summary>The absolute keyword location (Core 12.3.2).</summary>
    public string AbsoluteLocation { get; } = absoluteLocation;

    /// <summary>
    /// Evaluates the keyword; records errors in <paramref name="evaluation"/> and, when
    /// <paramref name="annotations"/> is not null, the evaluated properties and items (Core 7.7.1).
    /// </summary>
    public abstract bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations);
}
