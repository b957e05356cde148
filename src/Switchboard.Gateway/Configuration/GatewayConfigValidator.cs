using Switchboard.Gateway.Aggregation;
using Switchboard.Gateway.Routing.Policies;

namespace Switchboard.Gateway.Configuration;

/// <summary>Checks a parsed config for everything JSON parsing cannot: names, references, URLs, ranges.</summary>
internal static class GatewayConfigValidator
{
    public const string EnvPrefix = "env:";

    public static List<string> Validate(GatewayConfig config)
    {
        var problems = new List<string>();
        ValidateOptions(config.Gateway, problems);
        ValidateKnowledge(config.Knowledge, problems);
        ValidateAccounting(config, problems);

        var providerNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < config.Providers.Count; i++)
        {
            var p = config.Providers[i];
            var at = $"providers[{i}]";
            if (string.IsNullOrWhiteSpace(p.Name))
            {
                problems.Add($"{at}.name is required");
            }
            else if (!providerNames.Add(p.Name))
            {
                problems.Add($"{at}.name '{p.Name}' is used by more than one provider");
            }

            if (!ProviderTypes.All.Contains(p.Type, StringComparer.Ordinal))
            {
                problems.Add($"{at}.type '{p.Type}' is not supported (supported: {string.Join(", ", ProviderTypes.All)})");
            }

            var baseUrl = string.IsNullOrEmpty(p.BaseUrl) ? ProviderTypes.DefaultBaseUrl(p.Type ?? "") : p.BaseUrl;
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"{at}.baseUrl must be an absolute http or https URL");
            }

            ValidateNativeProvider(p, at, problems);

            if (p.ApiKey is { } key && key.StartsWith(EnvPrefix, StringComparison.Ordinal) && key.Length == EnvPrefix.Length)
            {
                problems.Add($"{at}.apiKey 'env:' must name an environment variable");
            }
        }

        var aliases = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < config.Models.Count; i++)
        {
            var m = config.Models[i];
            var at = $"models[{i}]";
            if (string.IsNullOrWhiteSpace(m.Alias))
            {
                problems.Add($"{at}.alias is required");
            }
            else if (!aliases.Add(m.Alias))
            {
                problems.Add($"{at}.alias '{m.Alias}' is defined more than once");
            }

            if (!SelectionPolicies.ByName.ContainsKey(m.Policy ?? ""))
            {
                problems.Add($"{at}.policy '{m.Policy}' is not a policy (known: {string.Join(", ", SelectionPolicies.ByName.Keys)})");
            }

            if (m.Deployments.Count == 0 && m.Classify is null && (m.Strategy?.Members.Count ?? 0) == 0)
            {
                problems.Add($"{at}.deployments must list at least one deployment");
            }

            if (m.Classify is { } classify)
            {
                ValidateClassify(classify, $"{at}.classify", config, problems);
            }

            if (m.Strategy is { } strategy)
            {
                ValidateStrategy(m, strategy, $"{at}.strategy", config, problems);
            }

            for (var j = 0; j < m.Deployments.Count; j++)
            {
                var d = m.Deployments[j];
                if (!providerNames.Contains(d.Provider))
                {
                    problems.Add($"{at}.deployments[{j}].provider '{d.Provider}' is not a configured provider");
                }

                if (string.IsNullOrWhiteSpace(d.Model))
                {
                    problems.Add($"{at}.deployments[{j}].model is required");
                }

                ValidateDeployment(d, $"{at}.deployments[{j}]", problems);
            }
        }

        return problems;
    }

    private static void ValidateClassify(ClassifyConfig classify, string at, GatewayConfig config, List<string> problems)
    {
        var plain = config.Models.Where(m => m.Classify is null).Select(m => m.Alias).ToHashSet(StringComparer.Ordinal);
        if (!plain.Contains(classify.Default))
        {
            problems.Add($"{at}.default '{classify.Default}' must be an alias with deployments");
        }

        if (classify.Llm is { } llm)
        {
            if (!plain.Contains(llm.Model))
            {
                problems.Add($"{at}.llm.model '{llm.Model}' must be an alias with deployments");
            }

            if (llm.Labels.Count == 0 || !(llm.TimeoutSeconds > 0))
            {
                problems.Add($"{at}.llm needs at least one label and timeoutSeconds > 0");
            }

            var labels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var k = 0; k < llm.Labels.Count; k++)
            {
                var label = llm.Labels[k];
                if (string.IsNullOrWhiteSpace(label.Label) || label.Label.Any(char.IsWhiteSpace) || !labels.Add(label.Label))
                {
                    problems.Add($"{at}.llm.labels[{k}].label '{label.Label}' must be one word, different from the other labels");
                }

                if (!plain.Contains(label.Alias))
                {
                    problems.Add($"{at}.llm.labels[{k}].alias '{label.Alias}' must be an alias with deployments");
                }
            }
        }

        for (var k = 0; k < classify.Rules.Count; k++)
        {
            var rule = classify.Rules[k];
            if (!plain.Contains(rule.Alias))
            {
                problems.Add($"{at}.rules[{k}].alias '{rule.Alias}' must be an alias with deployments");
            }

            if (rule.Pattern is null && (rule.Keywords.Count == 0 || rule.Keywords.Any(string.IsNullOrWhiteSpace)))
            {
                problems.Add($"{at}.rules[{k}] needs non-empty keywords or a pattern");
                continue;
            }

            try
            {
                Routing.Classification.RequestClassifier.Compile(rule);
            }
            catch (ArgumentException ex)
            {
                problems.Add($"{at}.rules[{k}].pattern is not a valid regular expression: {ex.Message}");
            }
        }
    }

    /// <summary>What the translated providers need beyond a URL (docs/providers.md).</summary>
    private static void ValidateNativeProvider(ProviderConfig p, string at, List<string> problems)
    {
        if (p.CaBundle is { } bundle && !File.Exists(bundle))
        {
            problems.Add($"{at}.caBundle '{bundle}' does not exist");
        }

        foreach (var (url, field) in new[] { (p.AuthUrl, "authUrl"), (p.OperationsUrl, "operationsUrl") })
        {
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
            {
                problems.Add($"{at}.{field} must be an absolute http or https URL");
            }
        }

        if (p.Async && p.Type != ProviderTypes.YandexGpt)
        {
            problems.Add($"{at}.async applies to yandexgpt providers only");
        }

        switch (p.Type)
        {
            case ProviderTypes.YandexGpt:
                if (string.IsNullOrWhiteSpace(p.FolderId))
                {
                    problems.Add($"{at}.folderId is required for yandexgpt (model names become gpt://<folderId>/<model>)");
                }

                if (p.Auth is not (null or "api-key" or "iam-token" or "service-account"))
                {
                    problems.Add($"{at}.auth '{p.Auth}' must be api-key, iam-token or service-account");
                }
                else if (p.Auth == "service-account" ? p.ServiceAccountKeyFile is null : p.ApiKey is null)
                {
                    problems.Add(p.Auth == "service-account"
                        ? $"{at}.serviceAccountKeyFile is required with auth service-account"
                        : $"{at}.apiKey is required (an API key, or an IAM token with auth iam-token)");
                }

                if (p.ServiceAccountKeyFile is { } keyFile && !File.Exists(keyFile))
                {
                    problems.Add($"{at}.serviceAccountKeyFile '{keyFile}' does not exist");
                }

                break;
            case ProviderTypes.GigaChat:
                if (p.ApiKey is null)
                {
                    problems.Add($"{at}.apiKey is required for gigachat (the authorization key: base64 of client id:client secret)");
                }

                if (p.Auth is not (null or "authorization-key"))
                {
                    problems.Add($"{at}.auth '{p.Auth}' must be authorization-key");
                }

                if (p.Scope is not (null or "GIGACHAT_API_PERS" or "GIGACHAT_API_B2B" or "GIGACHAT_API_CORP"))
                {
                    problems.Add($"{at}.scope '{p.Scope}' must be GIGACHAT_API_PERS, GIGACHAT_API_B2B or GIGACHAT_API_CORP");
                }

                break;
            case ProviderTypes.LlamaCpp:
                if (p.Parallel is < 1 or > 64 || p.ContextSize is < 32 || p.IdleUnloadSeconds is <= 0 || p.MaxLoadedModels is < 1 || p.MemoryBudgetMb is <= 0
                    || p.Threads is < 1)
                {
                    problems.Add($"{at} needs parallel 1–64, contextSize ≥ 32, idleUnloadSeconds > 0, maxLoadedModels ≥ 1, memoryBudgetMb > 0 and threads ≥ 1");
                }

                if (p.LlamaDirectory is { } llama && !Directory.Exists(llama))
                {
                    problems.Add($"{at}.llamaDirectory '{llama}' does not exist");
                }

                break;
            case ProviderTypes.Anthropic:
                if (p.DefaultMaxTokens is <= 0)
                {
                    problems.Add($"{at}.defaultMaxTokens must be positive");
                }

                break;
            default:
                if (p.FolderId is not null || p.ServiceAccountKeyFile is not null || p.Scope is not null || p.Auth is not null || p.DefaultMaxTokens is not null)
                {
                    problems.Add($"{at}: folderId, auth, serviceAccountKeyFile, scope and defaultMaxTokens belong to native providers, not to {p.Type}");
                }

                if (p.ModelsDirectory is not null || p.Parallel is not null || p.ContextSize is not null || p.IdleUnloadSeconds is not null
                    || p.MaxLoadedModels is not null || p.MemoryBudgetMb is not null || p.ChatTemplate is not null || p.Threads is not null || p.LlamaDirectory is not null)
                {
                    problems.Add($"{at}: modelsDirectory, parallel, contextSize, idleUnloadSeconds, maxLoadedModels, memoryBudgetMb, chatTemplate, threads and llamaDirectory belong to llamacpp providers");
                }

                break;
        }
    }

    private static void ValidateStrategy(ModelRouteConfig model, StrategyConfig strategy, string at, GatewayConfig config, List<string> problems)
    {
        if (!AggregationStrategy.ByName.TryGetValue(strategy.Type ?? "", out var kind))
        {
            problems.Add($"{at}.type '{strategy.Type}' is not a strategy (known: {string.Join(", ", AggregationStrategy.ByName.Keys)})");
            return;
        }

        if (strategy.FanOut is < 1 or > AggregationStrategy.MaxFanOut)
        {
            problems.Add($"{at}.fanOut must be between 1 and {AggregationStrategy.MaxFanOut}");
        }

        if (strategy.HedgeAfterMs is < 0)
        {
            problems.Add($"{at}.hedgeAfterMs must be zero or positive");
        }

        var collects = kind is StrategyKind.Consensus or StrategyKind.Compare;
        if (!collects && (strategy.Members.Count > 0 || strategy.Judge is not null))
        {
            problems.Add($"{at}: members and judge belong to consensus and compare, not to {strategy.Type}");
        }

        if (kind is StrategyKind.Consensus or StrategyKind.Compare && model.Classify is not null)
        {
            problems.Add($"{at}: a router alias (classify) cannot also {strategy.Type}");
        }

        if (strategy.Members.Count == 0 && collects && model.Deployments.Count == 0)
        {
            problems.Add($"{at}.members must list aliases when the alias has no deployments");
        }

        // Members and judges are served one deployment at a time: no recursion into other strategies or routers.
        var plain = config.Models.Where(m => m.Classify is null && m.Strategy?.Type is null or "single")
            .Select(m => m.Alias).ToHashSet(StringComparer.Ordinal);
        for (var k = 0; k < strategy.Members.Count; k++)
        {
            if (!plain.Contains(strategy.Members[k]))
            {
                problems.Add($"{at}.members[{k}] '{strategy.Members[k]}' must be an alias served one deployment at a time");
            }
        }

        if (strategy.Judge is { } judge && !plain.Contains(judge))
        {
            problems.Add($"{at}.judge '{judge}' must be an alias served one deployment at a time");
        }
    }

    private static void ValidateDeployment(DeploymentConfig d, string at, List<string> problems)
    {
        if (d.Weight < 0 || !double.IsFinite(d.Weight))
        {
            problems.Add($"{at}.weight must be zero or positive");
        }

        if (d.MaxConcurrency is <= 0 || d.MaxQueue < 0 || !(d.MaxQueueWaitSeconds >= 0))
        {
            problems.Add($"{at} needs maxConcurrency > 0, maxQueue ≥ 0 and maxQueueWaitSeconds ≥ 0");
        }

        if (d.Probe is { } probe && (!(probe.IntervalSeconds >= 0.1) || !(probe.TimeoutSeconds > 0)))
        {
            problems.Add($"{at}.probe needs intervalSeconds ≥ 0.1 and timeoutSeconds > 0");
        }

        if (d.MaxContextTokens is <= 0)
        {
            problems.Add($"{at}.maxContextTokens must be positive");
        }

        if (d.Price is { } price && (price.InputPer1M < 0 || price.OutputPer1M < 0 || price.CachedInputPer1M < 0 || !Pricing.CurrencyConverter.IsCode(price.Currency)))
        {
            problems.Add($"{at}.price needs non-negative inputPer1M/outputPer1M/cachedInputPer1M and a 3-letter currency");
        }
    }

    private static void ValidateAccounting(GatewayConfig config, List<string> problems)
    {
        var limits = config.Limits;
        if (limits.Redis is { } redis && (string.IsNullOrWhiteSpace(redis) || redis == EnvPrefix))
        {
            problems.Add("limits.redis must be a connection string or env:VARIABLE (leave it out for in-process limits)");
        }

        if (limits.DefaultMaxTokens <= 0 || !(limits.RefreshSeconds >= 0.1) || !(limits.LeaseSeconds >= 1))
        {
            problems.Add("limits needs defaultMaxTokens > 0, refreshSeconds ≥ 0.1 and leaseSeconds ≥ 1");
        }

        if (!Pricing.CurrencyConverter.IsCode(config.Prices.DefaultCurrency))
        {
            problems.Add($"prices.defaultCurrency '{config.Prices.DefaultCurrency}' must be a 3-letter code such as USD or RUB");
        }

        foreach (var (pair, rate) in config.Prices.ExchangeRates)
        {
            if (!Pricing.CurrencyConverter.TryParsePair(pair, out _, out _))
            {
                problems.Add($"prices.exchangeRates '{pair}' must name two currencies as FROM/TO, e.g. USD/RUB");
            }
            else if (rate <= 0)
            {
                problems.Add($"prices.exchangeRates '{pair}' must be positive");
            }
        }

        var usage = config.Usage;
        if (usage.RetentionDays < 0 || usage.QueueCapacity < 1 || usage.BatchSize < 1)
        {
            problems.Add("usage needs retentionDays ≥ 0 (0 keeps rows forever), queueCapacity ≥ 1 and batchSize ≥ 1");
        }
    }

    private static void ValidateOptions(GatewayOptions options, List<string> problems)
    {
        if (options.MaxRequestBodyBytes <= 0)
        {
            problems.Add("gateway.maxRequestBodyBytes must be positive");
        }

        if (options.UpstreamTimeoutSeconds is <= 0 or > 86_400 || double.IsNaN(options.UpstreamTimeoutSeconds))
        {
            problems.Add("gateway.upstreamTimeoutSeconds must be between 0 and 86400");
        }

        if (options.StreamIdleTimeoutSeconds is <= 0 or > 86_400 || double.IsNaN(options.StreamIdleTimeoutSeconds))
        {
            problems.Add("gateway.streamIdleTimeoutSeconds must be between 0 and 86400");
        }

        if (options.TotalTimeoutSeconds is < 0 or > 86_400 || double.IsNaN(options.TotalTimeoutSeconds))
        {
            problems.Add("gateway.totalTimeoutSeconds must be between 0 (none) and 86400");
        }

        if (options.Retry.MaxAttempts < 0 || !(options.Retry.BaseDelayMs >= 0) || !(options.Retry.MaxDelayMs >= options.Retry.BaseDelayMs))
        {
            problems.Add("gateway.retry needs maxAttempts ≥ 0 and 0 ≤ baseDelayMs ≤ maxDelayMs");
        }

        var health = options.Health;
        if (health.FailureRateThreshold is <= 0 or > 1 || health.DegradedRateThreshold is <= 0 or > 1 || double.IsNaN(health.FailureRateThreshold + health.DegradedRateThreshold))
        {
            problems.Add("gateway.health failure and degraded rate thresholds must be above 0 and at most 1");
        }

        if (health.MinimumAttempts < 1 || !(health.WindowSeconds > 0) || !(health.BreakSeconds > 0) || !(health.DefaultCooldownSeconds >= 0))
        {
            problems.Add("gateway.health needs minimumAttempts ≥ 1, windowSeconds > 0, breakSeconds > 0 and defaultCooldownSeconds ≥ 0");
        }
    }

    private static void ValidateKnowledge(KnowledgeConfig k, List<string> problems)
    {
        if (k.MinTermCoverage is < 0 or > 1)
        {
            problems.Add("knowledge.minTermCoverage must be between 0 and 1");
        }

        if (k.MinSimilarity is < -1 or > 1)
        {
            problems.Add("knowledge.minSimilarity must be between -1 and 1");
        }

        if (k.ChunkTokens is < 32 or > 8192)
        {
            problems.Add("knowledge.chunkTokens must be between 32 and 8192");
        }

        if (k.ChunkOverlapTokens is { } overlap && (overlap < 0 || overlap >= (k.ChunkTokens ?? 350)))
        {
            problems.Add("knowledge.chunkOverlapTokens must be at least 0 and less than chunkTokens");
        }

        if (k.MaxFileBytes is <= 0 || k.MaxDecompressedBytes is <= 0)
        {
            problems.Add("knowledge.maxFileBytes and knowledge.maxDecompressedBytes must be positive");
        }

        if (k.VectorPrecision is not (null or "f32" or "int8"))
        {
            problems.Add($"knowledge.vectorPrecision must be f32 or int8, not '{k.VectorPrecision}'");
        }

        if (k.RerankCandidates is < 2 or > 100)
        {
            problems.Add("knowledge.rerankCandidates must be between 2 and 100");
        }

        if (k.AnswerPassages is < 1 or > 50 || k.AnswerMaxTokens is < 16)
        {
            problems.Add("knowledge.answerPassages must be 1–50 and knowledge.answerMaxTokens at least 16");
        }

        if (k.PromptTemplate is { } template && !template.Contains("{sources}", StringComparison.Ordinal))
        {
            problems.Add("knowledge.promptTemplate must contain {sources}, where the numbered passages go");
        }
    }
}
