using System.Text.Json.Nodes;

namespace Switchboard.Server.ControlPlane.Admin.Providers;

/// <summary>The outcome of <see cref="ConfigFileEditor.EditAsync"/>: the edit, or the validator's problems (nothing written), and the new document.</summary>
internal sealed record ConfigEditResult(ConfigEdit? Edit, IReadOnlyList<string> Problems, JsonObject? Document)
{
    public bool Applied => Edit is { NotFound: false } && Problems.Count == 0;
}
