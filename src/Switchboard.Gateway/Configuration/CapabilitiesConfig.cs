namespace Switchboard.Gateway.Configuration;

/// <summary>
/// Declared abilities of a deployment. Null means "not declared" and is treated as able, so a config
/// without capabilities routes like before; <c>false</c> keeps requests that need the ability away.
/// </summary>
public sealed record CapabilitiesConfig
{
    public bool? Tools { get; set; }

    /// <summary><c>response_format</c> json_object / json_schema.</summary>
    public bool? Json { get; set; }

    /// <summary>Image inputs (<c>image_url</c> content parts).</summary>
    public bool? Vision { get; set; }

    public bool? Embeddings { get; set; }
}
