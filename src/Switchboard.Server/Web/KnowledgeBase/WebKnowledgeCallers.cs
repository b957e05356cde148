using Switchboard.Knowledge.Access;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.Knowledge;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.KnowledgeBase;

/// <summary>
/// The knowledge base's view of a web user: exactly what the user's access tokens and own API keys get
/// (<see cref="KnowledgeCallers"/>): tenant, user, teams as groups, and collection administration for holders of
/// <c>knowledge.manage</c>. Model calls made for the user carry <see cref="WebUser.Gateway"/>. Thread-safe.
/// </summary>
internal sealed class WebKnowledgeCallers(IdentityDirectory directory)
{
    /// <exception cref="WebSessionEndedException">The user no longer exists or is disabled.</exception>
    public async Task<KnowledgeCaller> ForAsync(WebUser user, CancellationToken cancellationToken)
    {
        var identity = user.Identity ?? await directory.UserPrincipalAsync(user.UserId, cancellationToken).ConfigureAwait(false)
            ?? throw new WebSessionEndedException();
        return KnowledgeCallers.Of(identity);
    }
}
