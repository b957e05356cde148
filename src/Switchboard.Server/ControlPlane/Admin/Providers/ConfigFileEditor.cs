using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Configuration;

namespace Switchboard.Server.ControlPlane.Admin.Providers;

/// <summary>
/// Changes the gateway config file for the admin API: reads it as a JSON document (unknown fields and <c>env:</c>
/// references stay exactly as written — secrets are never resolved into the file), applies an edit, validates the
/// result with the gateway's own loader (<see cref="GatewayConfigLoader"/>: the same checks as a hand edit), writes it
/// atomically (a temporary file in the same directory, then a rename) and asks the running gateway to reload it.
/// Edits are serialised in this process. Comments in the file are not preserved. Singleton; thread-safe.
/// </summary>
internal sealed class ConfigFileEditor(string path) : IDisposable
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SemaphoreSlim _lock = new(1, 1);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public async Task<JsonObject> ReadAsync(CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(Path, cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(text, documentOptions: ReadOptions) as JsonObject
            ?? throw new ConfigValidationException(Path, ["the file is not a JSON object"]);
    }

    /// <summary>Applies <paramref name="edit"/> to the document and, when the result is valid, stores it and reloads the gateway.</summary>
    public async Task<ConfigEditResult> EditAsync(Func<JsonObject, ConfigEdit> edit, GatewayConfigProvider gateway, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var document = await ReadAsync(cancellationToken).ConfigureAwait(false);
            var change = edit(document);
            if (change.NotFound)
            {
                return new ConfigEditResult(change, [], null);
            }

            var bytes = Encoding.UTF8.GetBytes(document.ToJsonString(WriteOptions) + "\n");
            try
            {
                GatewayConfigLoader.Parse(bytes, System.IO.Path.GetFileName(Path));
            }
            catch (ConfigValidationException ex)
            {
                return new ConfigEditResult(change, ex.Problems, null);
            }

            var temporary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
            // A rename within one directory is atomic: the watcher (and a crash) sees the old file or the new one, never half of one.
            File.Move(temporary, Path, overwrite: true);
            gateway.Reload();
            return new ConfigEditResult(change, [], document);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
