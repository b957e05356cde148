using Switchboard.Gateway.Configuration;

namespace Switchboard.Server.Web.Chat;

/// <summary>
/// The aliases the model picker offers, from the live gateway config: every chat alias (router aliases choose from the
/// front door's request and the embedding alias cannot chat, so both are left out), in file order. Thread-safe.
/// </summary>
internal sealed class ChatModels(GatewayConfigProvider config)
{
    public IReadOnlyList<string> Aliases
    {
        get
        {
            var snapshot = config.Current;
            return [.. snapshot.RoutesInOrder.Where(r => r.Classifier is null && r.Alias != snapshot.Knowledge.EmbeddingModel).Select(r => r.Alias)];
        }
    }

    /// <summary>The knowledge base's answering alias when it is one of <see cref="Aliases"/>, else the first alias; null with none.</summary>
    public string? Default
    {
        get
        {
            var aliases = Aliases;
            return config.Current.Knowledge.ChatModel is { } chat && aliases.Contains(chat) ? chat : aliases.Count > 0 ? aliases[0] : null;
        }
    }

    public bool Offers(string alias) => Aliases.Contains(alias);
}
