using Switchboard.Server.Web.Admin;

namespace Switchboard.Server.Web.Providers;

/// <summary>One deployment of an alias: its position in the file (what removing it names), provider and model, and its live state when the gateway serves it.</summary>
internal sealed record DeploymentItem(int Index, string Provider, string Model, DeploymentStatus? Live);
