namespace Tradeproof.JsonSchema.Evaluation;

/// <summary>
/// The annotations unevaluatedItems and unevaluatedProperties read (Core 11.2, 11.3): which properties and items
/// of one instance location successfully evaluated subschemas have seen. Collected only below a schema with an
/// unevaluated keyword; annotations of failed subschemas are dropped (Core 7.7.1.2).
/// </summary>
internal sealed class Annotations
{
    private HashSet<string>? _properties;
    private HashSet<int>? _items;

    public bool AllProperties { get; set; }

    /// <summary>Items 0 .. PrefixItems-1 are evaluated (prefixItems annotation).</summary>
    public int PrefixItems { get; set; }

    public bool AllItems { get; set; }

    public void AddProperty(string name) => (_properties ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);

    public void AddItem(int index) => (_items ??= []).Add(index);

    public bool IsPropertyEvaluated(string name) => AllProperties || (_properties?.Contains(name) ?? false);

    public bool IsItemEvaluated(int index) => AllItems || index < PrefixItems || (_items?.Contains(index) ?? false);

    public void Merge(Annotations other)
    {
        AllProperties |= other.AllProperties;
        AllItems |= other.AllItems;
        PrefixItems = Math.Max(PrefixItems, other.PrefixItems);
        if (other._properties is not null && !AllProperties)
        {
            (_properties ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(other._properties);
        }

        if (other._items is not null && !AllItems)
        {
            (_items ??= []).UnionWith(other._items);
        }
    }
}
