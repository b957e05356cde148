namespace Switchboard.Server.Web.Admin;

/// <summary>A model an in-process (llama.cpp) provider holds in memory.</summary>
internal sealed record LoadedModelStatus(string Provider, string Path, long SizeBytes, int Slots, int Busy, int Queued, DateTimeOffset LastUsed);
