namespace Tradeproof.Trade.Twins;

/// <summary>
/// The quantity balance of a chain: what each party received minus what it passed on, in one unit.
/// Opened by the first quantity (production, or the first transfer's sender when no production is known).
/// </summary>
internal sealed class TwinLedger
{
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, decimal> Balances => _balances;

    public string? Unit { get; private set; }

    public bool IsOpen => Unit is not null || _balances.Count > 0;

    public void Clear()
    {
        _balances.Clear();
        Unit = null;
    }

    public bool SameUnit(string? unit) => Unit is null || unit is null || string.Equals(Unit, unit, StringComparison.OrdinalIgnoreCase);

    public void Receive(string party, decimal quantity, string? unit)
    {
        Unit ??= unit;
        _balances[party] = _balances.GetValueOrDefault(party) + quantity;
    }

    public bool Holds(string party) => _balances.ContainsKey(party);

    public decimal BalanceOf(string party) => _balances.GetValueOrDefault(party);

    public void Send(string party, decimal quantity) => _balances[party] = _balances.GetValueOrDefault(party) - quantity;
}
