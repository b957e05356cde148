using Switchboard.Gateway.Configuration;
using Switchboard.Knowledge;
using Switchboard.Knowledge.Answers;
using Switchboard.Knowledge.Ingestion;
using Switchboard.Knowledge.Models;
using Switchboard.Knowledge.Readers;
using Switchboard.Knowledge.Retrieval;
using Switchboard.Knowledge.Store;

namespace Switchboard.Server.Knowledge;

/// <summary>Registers the knowledge base: store, file store, indexes, ingestion workers, search and answers (docs/knowledge.md).</summary>
internal static class KnowledgeServiceCollectionExtensions
{
    public static IServiceCollection AddKnowledge(this IServiceCollection services, string dataDirectory)
    {
        // Before the knowledge base loads: pre-tenant collections move into the operator tenant.
        services.AddHostedService<KnowledgeTenantMigration>();
        var paths = new KnowledgePaths(Path.Combine(Path.GetFullPath(dataDirectory), "knowledge"));
        services.AddSingleton(paths);
        services.AddSingleton(_ => new KnowledgeDatabase(paths.Root));
        services.AddSingleton<KnowledgeStore>();
        services.AddSingleton(_ => new FileStore(paths.Files));
        services.AddSingleton<Func<KnowledgeOptions>>(sp =>
        {
            var config = sp.GetRequiredService<GatewayConfigProvider>();
            return () => KnowledgeOptionsMapper.Map(config.Current.Knowledge);
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<Func<KnowledgeOptions>>();
            return new KnowledgeIndex(IndexFactory.Lexical(), dimensions => IndexFactory.Vectors(dimensions, options().VectorPrecision));
        });
        services.AddSingleton<IKnowledgeModels, GatewayKnowledgeModels>();
        services.AddSingleton<DocumentReaders>();
        services.AddSingleton<IngestionQueue>();
        services.AddSingleton<IngestionPipeline>();
        services.AddSingleton<IngestionWorkers>();
        services.AddSingleton<KnowledgeAuditListener>();
        services.AddSingleton<IIntakeListener>(sp => sp.GetRequiredService<KnowledgeAuditListener>());
        services.AddSingleton<DocumentIntake>();
        services.AddSingleton<KnowledgeCallers>();
        services.AddSingleton<UrlFetcher>();
        services.AddSingleton<LlmReranker>();
        services.AddSingleton<KnowledgeSearch>();
        services.AddSingleton<KnowledgeAnswers>();
        services.AddSingleton<KnowledgeChatModels>();
        services.AddHostedService<KnowledgeHostedService>();
        return services;
    }
}
