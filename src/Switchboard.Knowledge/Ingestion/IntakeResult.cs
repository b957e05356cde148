using Switchboard.Knowledge.Store;

namespace Switchboard.Knowledge.Ingestion;

/// <summary>What happened to one uploaded file: the document it became (possibly already failed, with the reason) and whether it was new, a new version, or unchanged.</summary>
internal sealed record IntakeResult(DocumentRecord Document, UploadOutcome Outcome);
