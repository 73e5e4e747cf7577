namespace ApiBuilder.Cli.Deployment;

/// <summary>What to do when an APIService stays unavailable, from its Available condition's reason and message.</summary>
internal static class AvailabilityHint
{
    public static string For(string condition, string name, string @namespace)
    {
        var logs = $"kubectl -n {@namespace} logs deploy/{name}";
        if (condition.Contains("x509", StringComparison.OrdinalIgnoreCase) && condition.Contains("valid for", StringComparison.OrdinalIgnoreCase))
        {
            return $"The serving certificate does not name {name}.{@namespace}.svc: run build config again with this --name and --namespace (it reissues the certificate), apply, and restart the pods (kubectl -n {@namespace} rollout restart deploy/{name})";
        }

        if (condition.Contains("unknown authority", StringComparison.OrdinalIgnoreCase) || condition.Contains("certificate", StringComparison.OrdinalIgnoreCase))
        {
            return $"The APIService's caBundle does not verify the serving certificate: apply the folder again so the Secret and the caBundle come from the same certificates/, then kubectl -n {@namespace} rollout restart deploy/{name}";
        }

        if (condition.Contains("forbidden", StringComparison.OrdinalIgnoreCase) || condition.Contains("401", StringComparison.Ordinal) || condition.Contains("403", StringComparison.Ordinal))
        {
            return $"The server cannot authenticate or authorize the aggregator: check that 02-rbac.yaml was applied (system:auth-delegator and extension-apiserver-authentication-reader bindings) and read {logs}";
        }

        if (condition.Contains("MissingEndpoints", StringComparison.Ordinal) || condition.Contains("EndpointsNotFound", StringComparison.Ordinal)
            || condition.Contains("ServiceNotFound", StringComparison.Ordinal) || condition.Contains("no endpoints", StringComparison.OrdinalIgnoreCase))
        {
            return $"No pod of {name} is ready: see kubectl -n {@namespace} get pods -l app.kubernetes.io/name={name} (image pull, crash) and {logs}";
        }

        return $"See kubectl get apiservice <version>.<group> -o yaml, kubectl -n {@namespace} get pods -l app.kubernetes.io/name={name} and {logs}";
    }
}
