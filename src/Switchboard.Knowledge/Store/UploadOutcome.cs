namespace Switchboard.Knowledge.Store;

/// <summary>What registering an upload did: a new document, a new version of an existing one, or nothing (same content).</summary>
internal enum UploadOutcome
{
    Created,
    Replaced,
    Unchanged,
}
