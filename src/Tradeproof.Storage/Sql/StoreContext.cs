namespace Tradeproof.Storage.Sql;

/// <summary>What the repositories share: the clock, the secret protector and the limits.</summary>
internal sealed class StoreContext(StoreOptions options)
{
    public SecretProtector Secrets { get; } = new(options.OperatorKey, options.Random);

    public long NowMilliseconds => options.Time.GetUtcNow().ToUnixTimeMilliseconds();

    public DateTimeOffset Now => options.Time.GetUtcNow();

    public static DateTimeOffset FromMilliseconds(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    /// <summary>Checks an id argument (API misuse throws).</summary>
    public void Id(string? value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        if (value.Length > options.MaxIdLength)
        {
            throw new ArgumentException($"The {name} is longer than {options.MaxIdLength} characters.", name);
        }
    }

    /// <summary>The largest status list bitstring accepted (the content limit).</summary>
    public long MaxBitstringBytes => options.MaxContentBytes;

    /// <summary>Checks a document's size (API misuse throws).</summary>
    public void Content(int length, string name)
    {
        if (length > options.MaxContentBytes)
        {
            throw new ArgumentException($"The {name} is larger than {options.MaxContentBytes} bytes.", name);
        }
    }
}
