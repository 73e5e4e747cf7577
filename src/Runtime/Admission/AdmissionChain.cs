using System.Diagnostics;
using ApiBuilder.Runtime.Metrics;

namespace ApiBuilder.Runtime.Admission;

/// <summary>
/// Runs the registered plugins in order: all mutations first, then all validations. With
/// <paramref name="metrics"/>, each step and each plugin that handled the request is timed, rejected or not.
/// </summary>
internal sealed class AdmissionChain(IReadOnlyList<IAdmissionPlugin> plugins, IObjectReader reader, AdmissionMetrics? metrics = null)
{
    public IObjectReader Reader => reader;

    public ValueTask MutateAsync(AdmissionRequest request, CancellationToken cancellationToken) =>
        RunAsync(request, AdmissionMetrics.Admit, cancellationToken);

    public ValueTask ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken) =>
        RunAsync(request, AdmissionMetrics.Validate, cancellationToken);

    private static ValueTask Call(IAdmissionPlugin plugin, string type, AdmissionRequest request, CancellationToken cancellationToken) =>
        type == AdmissionMetrics.Admit ? plugin.MutateAsync(request, cancellationToken) : plugin.ValidateAsync(request, cancellationToken);

    private async ValueTask RunAsync(AdmissionRequest request, string type, CancellationToken cancellationToken)
    {
        if (metrics is null)
        {
            foreach (var plugin in plugins)
            {
                if (plugin.Handles(request))
                {
                    await Call(plugin, type, request, cancellationToken).ConfigureAwait(false);
                }
            }

            return;
        }

        var stepStart = Stopwatch.GetTimestamp();
        var stepRejected = true;
        try
        {
            foreach (var plugin in plugins)
            {
                if (!plugin.Handles(request))
                {
                    continue;
                }

                var start = Stopwatch.GetTimestamp();
                var rejected = true;
                try
                {
                    await Call(plugin, type, request, cancellationToken).ConfigureAwait(false);
                    rejected = false;
                }
                finally
                {
                    metrics.Controller(plugin.Name, type, request.Operation, rejected, Stopwatch.GetElapsedTime(start).TotalSeconds);
                }
            }

            stepRejected = false;
        }
        finally
        {
            metrics.Step(type, request.Operation, stepRejected, Stopwatch.GetElapsedTime(stepStart).TotalSeconds);
        }
    }
}
