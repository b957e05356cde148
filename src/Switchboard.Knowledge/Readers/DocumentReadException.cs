namespace Switchboard.Knowledge.Readers;

/// <summary>A document could not be read; the message names the problem for the uploader (never a stack trace).</summary>
internal sealed class DocumentReadException(string message, Exception? inner = null) : Exception(message, inner);
