namespace Switchboard.Server.Web.KnowledgeBase;

/// <summary>A collection as the page lists it, with what the user may do with it.</summary>
internal sealed record CollectionItem(string Id, string Name, string? Description, bool Shared, bool Mine, int Documents, bool CanUpload, bool CanManage);
