using System.Globalization;
using System.Text;
using System.Text.Json;
using Tradeproof.JsonSchema.Compilation;

namespace Tradeproof.JsonSchema.Evaluation;

/// <summary>
/// The state of one validation (Core 7): the instance and keyword locations, the dynamic scope (Core 7.1), the
/// errors so far, and the limits. One per <see cref="CompiledSchema.Validate"/> call, never shared.
/// </summary>
internal sealed class EvaluationState(JsonSchemaOptions options)
{
    private readonly List<string> _keywordPath = [];
    private readonly List<(string? Name, int Index)> _instancePath = [];
    private readonly List<SchemaResource> _scope = [];
    private List<ValidationError>? _errors;
    private int _depth;
    private int _refChain;

    public JsonSchemaOptions Options { get; } = options;

    public int ErrorCount => _errors?.Count ?? 0;

    public IReadOnlyList<ValidationError> Errors => _errors is null ? [] : _errors;

    /// <summary>The dynamic scope: the resources entered, outermost first.</summary>
    public IReadOnlyList<SchemaResource> Scope => _scope;

    /// <summary>Drops the errors recorded after a mark (for subschemas whose failure is no failure of the whole).</summary>
    public void TruncateErrors(int mark)
    {
        if (_errors is not null && _errors.Count > mark)
        {
            _errors.RemoveRange(mark, _errors.Count - mark);
        }
    }

    public bool EvaluateNode(SchemaNode node, JsonElement instance, Annotations? annotations)
    {
        if (node.BooleanValue is { } boolean)
        {
            if (!boolean)
            {
                AddError(node.AbsoluteLocation, "The false schema allows nothing.");
            }

            return boolean;
        }

        if (++_depth > Options.MaxDepth)
        {
            throw new JsonSchemaException(JsonSchemaErrorCodes.MaxDepthExceeded, $"Schema evaluation nested deeper than {Options.MaxDepth} at '{InstanceLocation()}'.");
        }

        var entered = _scope.Count == 0 || !ReferenceEquals(_scope[^1], node.Resource);
        if (entered)
        {
            _scope.Add(node.Resource);
        }

        var local = annotations is not null || node.ReadsAnnotations ? new Annotations() : null;
        var valid = true;
        foreach (var keyword in node.Keywords)
        {
            _keywordPath.Add(keyword.Name);
            valid &= keyword.Evaluate(instance, this, local);
            _keywordPath.RemoveAt(_keywordPath.Count - 1);
        }

        if (entered)
        {
            _scope.RemoveAt(_scope.Count - 1);
        }

        _depth--;
        if (valid && annotations is not null)
        {
            annotations.Merge(local!);
        }

        return valid;
    }

    /// <summary>Evaluates an in-place subschema (same instance location), under a keyword path segment.</summary>
    public bool EvaluateInPlace(SchemaNode node, string? segment, JsonElement instance, Annotations? annotations)
    {
        if (segment is null)
        {
            return EvaluateNode(node, instance, annotations);
        }

        _keywordPath.Add(segment);
        var valid = EvaluateNode(node, instance, annotations);
        _keywordPath.RemoveAt(_keywordPath.Count - 1);
        return valid;
    }

    /// <summary>Evaluates an in-place subschema of a sibling keyword (then, else), whose name replaces the current one.</summary>
    public bool EvaluateAsSibling(SchemaNode node, string keyword, JsonElement instance, Annotations? annotations)
    {
        var saved = _keywordPath[^1];
        _keywordPath[^1] = keyword;
        var valid = EvaluateNode(node, instance, annotations);
        _keywordPath[^1] = saved;
        return valid;
    }

    /// <summary>Evaluates a subschema against a property's value.</summary>
    public bool EvaluateProperty(SchemaNode node, string? segment, JsonElement value, string property)
    {
        _instancePath.Add((property, 0));
        var valid = EvaluateChild(node, segment, value);
        _instancePath.RemoveAt(_instancePath.Count - 1);
        return valid;
    }

    /// <summary>Evaluates a subschema against an array item.</summary>
    public bool EvaluateItem(SchemaNode node, string? segment, JsonElement value, int index)
    {
        _instancePath.Add((null, index));
        var valid = EvaluateChild(node, segment, value);
        _instancePath.RemoveAt(_instancePath.Count - 1);
        return valid;
    }

    /// <summary>Follows a reference: counts the hop so that a reference loop stops at the limit.</summary>
    public bool EvaluateReference(SchemaNode target, JsonElement instance, Annotations? annotations)
    {
        if (++_refChain > Options.MaxRefChain)
        {
            throw new JsonSchemaException(JsonSchemaErrorCodes.MaxRefChainExceeded, $"More than {Options.MaxRefChain} reference hops at instance location '{InstanceLocation()}': the schema loops.");
        }

        var valid = EvaluateNode(target, instance, annotations);
        _refChain--;
        return valid;
    }

    public void AddError(string absoluteLocation, string message)
        => (_errors ??= []).Add(new ValidationError(InstanceLocation(), KeywordLocation(), absoluteLocation, message));

    private bool EvaluateChild(SchemaNode node, string? segment, JsonElement value)
    {
        var chain = _refChain;
        _refChain = 0;
        if (segment is not null)
        {
            _keywordPath.Add(segment);
        }

        var valid = EvaluateNode(node, value, null);
        if (segment is not null)
        {
            _keywordPath.RemoveAt(_keywordPath.Count - 1);
        }

        _refChain = chain;
        return valid;
    }

    private string InstanceLocation()
    {
        var builder = new StringBuilder();
        foreach (var (name, index) in _instancePath)
        {
            if (name is null)
            {
                builder.Append('/').Append(index.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                JsonPointer.Append(builder, name);
            }
        }

        return builder.ToString();
    }

    private string KeywordLocation()
    {
        var builder = new StringBuilder();
        foreach (var segment in _keywordPath)
        {
            JsonPointer.Append(builder, segment);
        }

        return builder.ToString();
    }
}
