using ApiBuilder.Runtime.Authorization;
using Prometheus;

namespace ApiBuilder.Runtime.Metrics;

/// <summary>
/// Authentication and authorization metrics, as k8s.io/apiserver's filters report them:
/// <c>authentication_attempts</c> and <c>authentication_duration_seconds</c> by result (success, failure, error),
/// <c>authorization_attempts_total</c> and <c>authorization_duration_seconds</c> by result (allowed, denied,
/// no-opinion, error). Every label value is pre-bound.
/// </summary>
internal sealed class AccessMetrics
{
    private readonly Counter.Child[] authenticationAttempts;
    private readonly Histogram.Child[] authenticationDuration;
    private readonly Counter.Child[] authorizationAttempts;
    private readonly Histogram.Child[] authorizationDuration;

    public AccessMetrics(IMetricFactory factory)
    {
        string[] authentication = ["success", "failure", "error"];
        string[] authorization = ["allowed", "denied", "no-opinion", "error"];
        var attempts = factory.CreateCounter("authentication_attempts", "Counter of authenticated attempts.", ["result"]);
        var duration = factory.CreateHistogram("authentication_duration_seconds", "Authentication duration in seconds broken out by result.", ["result"],
            new HistogramConfiguration { Buckets = Buckets.Access });
        authenticationAttempts = [.. authentication.Select(r => attempts.WithLabels(r))];
        authenticationDuration = [.. authentication.Select(r => duration.WithLabels(r))];
        var authorizationCounter = factory.CreateCounter("authorization_attempts_total",
            "Counter of authorization attempts broken down by result. It can be either 'allowed', 'denied', 'no-opinion' or 'error'.", ["result"]);
        var authorizationHistogram = factory.CreateHistogram("authorization_duration_seconds", "Authorization duration in seconds broken out by result.", ["result"],
            new HistogramConfiguration { Buckets = Buckets.Access });
        authorizationAttempts = [.. authorization.Select(r => authorizationCounter.WithLabels(r))];
        authorizationDuration = [.. authorization.Select(r => authorizationHistogram.WithLabels(r))];
    }

    /// <summary>Records an authentication: <paramref name="authenticated"/>, refused (failure), or null when the authenticator failed (error).</summary>
    public void Authenticated(bool? authenticated, double seconds)
    {
        var i = authenticated switch { true => 0, false => 1, null => 2 };
        authenticationAttempts[i].Inc();
        authenticationDuration[i].Observe(seconds);
    }

    /// <summary>Records an authorization decision, or null when the authorizer failed (error).</summary>
    public void Authorized(Decision? decision, double seconds)
    {
        var i = decision switch { Decision.Allow => 0, Decision.Deny => 1, Decision.NoOpinion => 2, _ => 3 };
        authorizationAttempts[i].Inc();
        authorizationDuration[i].Observe(seconds);
    }
}
