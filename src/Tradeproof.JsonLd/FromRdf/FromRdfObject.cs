using Tradeproof.JsonLd.Json;

namespace Tradeproof.JsonLd.FromRdf;

/// <summary>
/// A mutable working object of the Serialize RDF as JSON-LD algorithm: a node reference, a value
/// object or (after list conversion) a list object. The algorithm keeps references to these objects
/// and rewrites them in place (list heads, compound literals), so they are objects, not JSON values.
/// </summary>
internal sealed class FromRdfObject
{
    /// <summary><c>@id</c> of a node reference, or null.</summary>
    public string? Id { get; set; }

    /// <summary><c>@value</c> of a value object (a JSON value; null for the JSON literal <c>null</c>).</summary>
    public object? Value { get; set; }

    /// <summary>True when <see cref="Value"/> is a JSON literal (<c>"@type": "@json"</c>).</summary>
    public bool IsJson { get; set; }

    /// <summary><c>@type</c> of a value object, or null.</summary>
    public string? Type { get; set; }

    /// <summary><c>@language</c> of a value object, or null.</summary>
    public string? Language { get; set; }

    /// <summary><c>@direction</c> of a value object, or null.</summary>
    public string? Direction { get; set; }

    /// <summary><c>@list</c> of a list object, or null.</summary>
    public List<FromRdfObject>? List { get; set; }

    /// <summary>A node reference.</summary>
    public static FromRdfObject Reference(string id) => new() { Id = id };

    /// <summary>The equivalence of two maps used when adding a value to a property: equal entries.</summary>
    public bool EquivalentTo(FromRdfObject other)
    {
        if (Id is not null || other.Id is not null)
        {
            return string.Equals(Id, other.Id, StringComparison.Ordinal) && List is null && other.List is null;
        }

        if (List is not null || other.List is not null)
        {
            // List objects are made only after all values were added.
            return ReferenceEquals(this, other);
        }

        return IsJson == other.IsJson
            && string.Equals(Type, other.Type, StringComparison.Ordinal)
            && string.Equals(Language, other.Language, StringComparison.Ordinal)
            && string.Equals(Direction, other.Direction, StringComparison.Ordinal)
            && JsonTree.DeepEquals(Value, other.Value);
    }

    /// <summary>The expanded JSON-LD form of this object.</summary>
    public Dictionary<string, object?> ToJson()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Id is not null)
        {
            result["@id"] = Id;
            return result;
        }

        if (List is not null)
        {
            var items = new List<object?>(List.Count);
            foreach (var item in List)
            {
                items.Add(item.ToJson());
            }

            result["@list"] = items;
            return result;
        }

        result["@value"] = IsJson ? JsonTree.Clone(Value) : Value;
        if (Type is not null)
        {
            result["@type"] = Type;
        }

        if (Language is not null)
        {
            result["@language"] = Language;
        }

        if (Direction is not null)
        {
            result["@direction"] = Direction;
        }

        return result;
    }
}
