using System.Diagnostics;
using ApiBuilder.Runtime.Metrics;

namespace ApiBuilder.Runtime.Admission;

/// <summary>
/// Runs the registered plugins in order: all mutations first, then all validations; a plugin
/// takes part in a phase only when it implements that phase's method (as kube-apiserver's
/// mutation and validation interfaces). With <paramref name="metrics"/>, each step and each
/// plugin that handled the request is timed, rejected or not.
/// </summary>
internal sealed class AdmissionChain(IReadOnlyList<IAdmissionPlugin> plugins, IObjectReader reader, AdmissionMetrics? metrics = null)
{
    private readonly IAdmissionPlugin[] mutating = [.. plugins.Where(p => Implements(p, nameof(IAdmissionPlugin.MutateAsync)))];
    private readonly IAdmissionPlugin[] validating = [.. plugins.Where(p => Implements(p, nameof(IAdmissionPlugin.ValidateAsync)))];

    public IObjectReader Reader => reader;

    /// <summary>Whether the plugin's class implements the method rather than inheriting the interface's empty default.</summary>
    private static bool Implements(IAdmissionPlugin plugin, string method)
    {
        var map = plugin.GetType().GetInterfaceMap(typeof(IAdmissionPlugin));
        var index = Array.FindIndex(map.InterfaceMethods, m => m.Name == method);
        return index < 0 || map.TargetMethods[index].DeclaringType != typeof(IAdmissionPlugin);
    }

    public ValueTask MutateAsync(AdmissionRequest request, CancellationToken cancellationToken) =>
        RunAsync(request, AdmissionMetrics.Admit, cancellationToken);

    public ValueTask ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken) =>
        RunAsync(request, AdmissionMetrics.Validate, cancellationToken);

    private static ValueTask Call(IAdmissionPlugin plugin, string type, AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (type != AdmissionMetrics.Admit)
        {
            return plugin.ValidateAsync(request, cancellationToken);
        }

        request.TypedObject = null;
        return plugin.MutateAsync(request, cancellationToken);
    }

    /// <summary>Runs the phase's plugins that handle the request, timing each and the step when metrics are on.</summary>
    private async ValueTask RunAsync(AdmissionRequest request, string type, CancellationToken cancellationToken)
    {
        var phase = type == AdmissionMetrics.Admit ? mutating : validating;
        var stepStart = metrics is null ? 0 : Stopwatch.GetTimestamp();
        var stepRejected = true;
        try
        {
            foreach (var plugin in phase)
            {
                if (!plugin.Handles(request))
                {
                    continue;
                }

                var start = metrics is null ? 0 : Stopwatch.GetTimestamp();
                var rejected = true;
                try
                {
                    await Call(plugin, type, request, cancellationToken).ConfigureAwait(false);
                    rejected = false;
                }
                finally
                {
                    metrics?.Controller(plugin.Name, type, request.Operation, rejected, Stopwatch.GetElapsedTime(start).TotalSeconds);
                }
            }

            stepRejected = false;
        }
        finally
        {
            metrics?.Step(type, request.Operation, stepRejected, Stopwatch.GetElapsedTime(stepStart).TotalSeconds);
        }
    }
}
