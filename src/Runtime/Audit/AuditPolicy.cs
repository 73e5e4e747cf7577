using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Authorization;
using ApiBuilder.Runtime.Serialization;

namespace ApiBuilder.Runtime.Audit;

/// <summary>
/// Which requests are audited and how much, in Kubernetes' audit <c>Policy</c> format
/// (<c>audit.k8s.io/v1</c>, YAML or JSON): the first rule that matches a request sets its level and the
/// stages left out; a request no rule matches is not audited. The policy's own <c>omitStages</c> apply
/// to every rule.
/// </summary>
internal sealed class AuditPolicy
{
    private static readonly string[] ApiVersions = ["audit.k8s.io/v1", "audit.k8s.io/v1beta1"];

    private AuditPolicy(IReadOnlyList<AuditPolicyRule> rules) => Rules = rules;

    public IReadOnlyList<AuditPolicyRule> Rules { get; }

    /// <summary>A policy that audits every request at <paramref name="level"/>, one event per request (RequestReceived left out).</summary>
    public static AuditPolicy ForLevel(AuditLevel level) =>
        new([new AuditPolicyRule { Level = level, OmitStages = [AuditStage.RequestReceived] }]);

    /// <summary>The level and the stages left out for a request.</summary>
    public (AuditLevel Level, IReadOnlyList<AuditStage> OmitStages) Evaluate(AuthorizationAttributes attributes)
    {
        foreach (var rule in Rules)
        {
            if (rule.Matches(attributes))
            {
                return (rule.Level, rule.OmitStages);
            }
        }

        return (AuditLevel.None, []);
    }

    /// <summary>Reads a policy file.</summary>
    /// <exception cref="AuditConfigurationException">The file cannot be read or is not a valid policy; the message names the file and the mistake.</exception>
    public static AuditPolicy Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditConfigurationException($"cannot read --audit-policy-file {path}: {e.Message}", e);
        }

        try
        {
            return Parse(text);
        }
        catch (FormatException e)
        {
            throw new AuditConfigurationException($"invalid --audit-policy-file {path}: {e.Message}", e);
        }
    }

    /// <summary>Parses a policy document (YAML or JSON).</summary>
    /// <exception cref="FormatException">The document is not a valid policy.</exception>
    public static AuditPolicy Parse(string text)
    {
        // YAML is a superset of JSON; a syntax error is a YamlConversionException, a FormatException.
        if (YamlJson.Parse(text) is not JsonObject root)
        {
            throw new FormatException("the file must hold one Policy object");
        }

        Only(root, "", "apiVersion", "kind", "metadata", "rules", "omitStages", "omitManagedFields");
        var apiVersion = Text(root, "apiVersion");
        if (!ApiVersions.Contains(apiVersion) || Text(root, "kind") != "Policy")
        {
            throw new FormatException($"expected apiVersion audit.k8s.io/v1 and kind Policy, got \"{apiVersion}\" and \"{Text(root, "kind")}\"");
        }

        var omitStages = Stages(root, "omitStages", "omitStages");
        var rules = new List<AuditPolicyRule>();
        if (root["rules"] is not JsonArray items || items.Count == 0)
        {
            throw new FormatException("rules: a policy needs at least one rule");
        }

        for (var i = 0; i < items.Count; i++)
        {
            rules.Add(Rule(items[i] as JsonObject ?? throw new FormatException($"rules[{i}]: must be an object"), $"rules[{i}]", omitStages));
        }

        return new AuditPolicy(rules);
    }

    private static AuditPolicyRule Rule(JsonObject rule, string at, IReadOnlyList<AuditStage> policyOmitStages)
    {
        Only(rule, at + ".", "level", "users", "userGroups", "verbs", "resources", "namespaces", "nonResourceURLs", "omitStages", "omitManagedFields");
        var levelText = Text(rule, "level");
        if (!Enum.TryParse<AuditLevel>(levelText, ignoreCase: false, out var level) || levelText != level.ToString())
        {
            throw new FormatException($"{at}.level: \"{levelText}\" is not one of None, Metadata, Request, RequestResponse");
        }

        var resources = new List<AuditGroupResources>();
        if (rule["resources"] is { } resourcesNode)
        {
            var array = resourcesNode as JsonArray ?? throw new FormatException($"{at}.resources: must be a list");
            for (var i = 0; i < array.Count; i++)
            {
                var where = $"{at}.resources[{i}]";
                var group = array[i] as JsonObject ?? throw new FormatException($"{where}: must be an object");
                Only(group, where + ".", "group", "resources", "resourceNames");
                var names = Strings(group, "resourceNames", where);
                var plurals = Strings(group, "resources", where);
                foreach (var plural in plurals)
                {
                    if (plural.Length == 0 || (plural.Contains('*') && plural != "*" && !plural.StartsWith("*/", StringComparison.Ordinal) && !plural.EndsWith("/*", StringComparison.Ordinal)))
                    {
                        throw new FormatException($"{where}.resources: \"{plural}\" is not a resource, resource/subresource, resource/*, */subresource or *");
                    }
                }

                resources.Add(new AuditGroupResources(Text(group, "group"), plurals, names));
            }
        }

        var result = new AuditPolicyRule
        {
            Level = level,
            Users = Strings(rule, "users", at),
            UserGroups = Strings(rule, "userGroups", at),
            Verbs = Strings(rule, "verbs", at),
            Resources = resources,
            Namespaces = Strings(rule, "namespaces", at),
            NonResourceUrls = Strings(rule, "nonResourceURLs", at),
            OmitStages = [.. policyOmitStages.Union(Stages(rule, "omitStages", at + ".omitStages"))],
        };
        if (result.NonResourceUrls.Count > 0 && (result.Resources.Count > 0 || result.Namespaces.Count > 0))
        {
            throw new FormatException($"{at}: rules cannot apply to both regular resources and non-resource URLs");
        }

        foreach (var url in result.NonResourceUrls)
        {
            if (url != "*" && (!url.StartsWith('/') || url.IndexOf('*') is var star && star >= 0 && star != url.Length - 1))
            {
                throw new FormatException($"{at}.nonResourceURLs: \"{url}\" must start with / and may only end in *");
            }
        }

        return result;
    }

    private static void Only(JsonObject o, string at, params string[] known)
    {
        foreach (var (name, _) in o)
        {
            if (!known.Contains(name))
            {
                throw new FormatException($"{at}{name}: unknown field (known: {string.Join(", ", known)})");
            }
        }
    }

    private static string Text(JsonObject o, string name) => o[name] switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new FormatException($"{name}: must be a string"),
    };

    private static IReadOnlyList<string> Strings(JsonObject o, string name, string at)
    {
        if (o[name] is null)
        {
            return [];
        }

        if (o[name] is not JsonArray array)
        {
            throw new FormatException($"{at}.{name}: must be a list of strings");
        }

        return [.. array.Select(item => item is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new FormatException($"{at}.{name}: must be a list of strings"))];
    }

    private static IReadOnlyList<AuditStage> Stages(JsonObject o, string name, string at)
    {
        var stages = new List<AuditStage>();
        foreach (var text in Strings(o, name, at.Contains('.') ? at[..at.LastIndexOf('.')] : ""))
        {
            if (!Enum.TryParse<AuditStage>(text, ignoreCase: false, out var stage) || text != stage.ToString())
            {
                throw new FormatException($"{at}: \"{text}\" is not one of RequestReceived, ResponseStarted, ResponseComplete, Panic");
            }

            stages.Add(stage);
        }

        return stages;
    }
}
