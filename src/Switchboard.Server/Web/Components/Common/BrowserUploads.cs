using System.Diagnostics;
using Microsoft.AspNetCore.Components.Forms;
using Switchboard.Server.Web.KnowledgeBase;

namespace Switchboard.Server.Web.Components.Common;

/// <summary>Sends one file chosen or dropped in the browser into a collection, reporting the bytes sent on <see cref="UploadItem"/>.</summary>
internal static class BrowserUploads
{
    /// <summary>The collection a user's chat attachments go to when no collection is chosen: one per user (names are unique per tenant).</summary>
    public static string PersonalCollection(Auth.WebUser user) => "personal-" + user.UserId.ToString("N")[..12];

    /// <summary>
    /// Uploads <paramref name="file"/>; <paramref name="changed"/> is called (from any thread, at most every 100 ms) as bytes
    /// arrive. Refusals are thrown (see <see cref="WebPage"/>); a file over <paramref name="maxBytes"/> is marked failed.
    /// </summary>
    public static async Task SendAsync(KnowledgeBaseService knowledgeBase, string collection, IBrowserFile file, UploadItem item, long maxBytes,
        string tooLargeMessage, Action changed, CancellationToken cancellationToken)
    {
        if (file.Size > maxBytes)
        {
            item.Error = tooLargeMessage;
            return;
        }

        var clock = Stopwatch.StartNew();
        var lastReport = 0L;
        var stream = new ProgressStream(file.OpenReadStream(maxBytes, cancellationToken), read =>
        {
            item.Sent = read;
            if (clock.ElapsedMilliseconds - Interlocked.Read(ref lastReport) >= 100)
            {
                Interlocked.Exchange(ref lastReport, clock.ElapsedMilliseconds);
                changed();
            }
        });
        await using (stream.ConfigureAwait(true))
        {
            var document = await knowledgeBase.UploadAsync(collection, file.Name, stream, string.IsNullOrEmpty(file.ContentType) ? null : file.ContentType,
                cancellationToken).ConfigureAwait(true);
            item.Sent = item.Size;
            item.DocumentId = document.Document.Id;
            item.Status = document.Document.Status;
            item.Error = document.Document.Error;
        }
    }
}
