namespace ApiBuilder.Runtime.Admission;

/// <summary>Runs the registered plugins in order: all mutations first, then all validations.</summary>
internal sealed class AdmissionChain(IReadOnlyList<IAdmissionPlugin> plugins, IObjectReader reader)
{
    public IObjectReader Reader => reader;

    public async ValueTask MutateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        foreach (var plugin in plugins)
        {
            if (plugin.Handles(request))
            {
                await plugin.MutateAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        foreach (var plugin in plugins)
        {
            if (plugin.Handles(request))
            {
                await plugin.ValidateAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
