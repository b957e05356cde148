namespace Switchboard.Bench.LoadTool.Load;

/// <summary>One <c>--header "Name: value"</c>; content headers (Content-*) go on the request body.</summary>
internal sealed record RequestHeader(string Name, string Value)
{
    public bool IsContentHeader => Name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <c>Name: value</c>; null when there is no colon or no name.</summary>
    public static RequestHeader? Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        return new RequestHeader(text[..colon].Trim(), text[(colon + 1)..].Trim());
    }
}
