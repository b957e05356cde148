namespace Switchboard.Server.Web.Components.Common;

/// <summary>A file on its way in: bytes sent, then the document's processing state. Mutable, owned by the page that uploads.</summary>
public sealed class UploadItem(string name, long size)
{
    public string Name { get; } = name;

    public long Size { get; } = size;

    public long Sent { get; set; }

    public string? DocumentId { get; set; }

    /// <summary><c>uploading</c> until the server has the file, then the document's status.</summary>
    public string Status { get; set; } = "uploading";

    public string? Error { get; set; }

    public bool Finished => Error is not null || Status is "ready" or "failed";

    public double Percent => Size <= 0 ? 100 : Math.Min(100, Sent * 100.0 / Size);
}
