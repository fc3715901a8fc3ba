using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Tradeproof.Node;

/// <summary>
/// A request's query parameters as the listing endpoints read them: each at most once, at most 2,048 characters, an
/// empty value taken for an absent one; numbers as plain decimal integers within a range. Anything else is a 400
/// problem naming the parameter.
/// </summary>
internal static class QueryParameters
{
    /// <summary>The parameter's value, or null when it is absent or empty.</summary>
    public static string? Text(HttpContext context, string name)
    {
        var values = context.Request.Query[name];
        if (values.Count > 1)
        {
            throw new ApiProblemException(ApiProblem.BadRequest($"Give '{name}' at most once."));
        }

        var value = values.Count == 1 ? values[0] : null;
        if (value is { Length: > 2048 })
        {
            throw new ApiProblemException(ApiProblem.BadRequest($"'{name}' is longer than 2048 characters."));
        }

        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>The parameter as an integer from <paramref name="minimum"/> to <paramref name="maximum"/>, or <paramref name="fallback"/> when absent.</summary>
    public static long Number(HttpContext context, string name, long fallback, long minimum, long maximum) =>
        OptionalNumber(context, name, minimum, maximum) ?? fallback;

    /// <summary>The parameter as an integer from <paramref name="minimum"/> to <paramref name="maximum"/>, or null when absent.</summary>
    public static long? OptionalNumber(HttpContext context, string name, long minimum, long maximum)
    {
        var text = Text(context, name);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum)
        {
            throw new ApiProblemException(ApiProblem.BadRequest($"'{name}' must be an integer from {minimum} to {maximum}."));
        }

        return value;
    }
}
