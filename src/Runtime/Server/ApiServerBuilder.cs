using System.ComponentModel;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Authorization;
using ApiBuilder.Runtime.Discovery;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Server;

/// <summary>Collects the resources and admission plugins of a server, then builds it.</summary>
public sealed class ApiServerBuilder
{
    private readonly List<ResourceDefinition> resources = [];
    private readonly List<IAdmissionPlugin> admission = [];
    private readonly List<PrecomputedGroupDiscovery> discovery = [];
    private readonly List<IAuthenticator> authenticators = [];
    private readonly List<IAuthorizer> authorizers = [];
    private readonly Dictionary<ResourceDefinition, Rest.RestStorageFactory> storages = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(string Group, string Kind), Storage.IStorage> kindStorages = [];
    private readonly List<Action<Controllers.ControllerManager>> controllers = [];
    private readonly Dictionary<ResourceDefinition, List<Rest.SubresourceDefinition>> subresources = new(ReferenceEqualityComparer.Instance);

    internal ApiServerBuilder(string name, ApiServerOptions options)
    {
        Name = name;
        Options = options;
    }

    /// <summary>The server's name: used as the kubeconfig context name and the OpenAPI title.</summary>
    public string Name { get; set; }

    /// <summary>Settings from the command line; may be replaced before <see cref="Build"/>.</summary>
    public ApiServerOptions Options { get; set; }

    /// <summary>Version reported by <c>/version</c> and OpenAPI, e.g. <c>v1.2.3</c>.</summary>
    public string? Version { get; set; }

    internal bool HelpRequested { get; init; }

    internal string? FlagError { get; init; }

    /// <summary>Serves a Kind in a group-version.</summary>
    public ApiServerBuilder AddResource(ResourceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!resources.Contains(definition, ReferenceEqualityComparer.Instance))
        {
            resources.Add(definition);
        }

        return this;
    }

    /// <summary>
    /// Serves a Kind from your own typed storage instead of the server's: objects computed on each request
    /// (like metrics-server's PodMetrics) or kept elsewhere. Clients can get and list them, with selectors,
    /// paging and Table output; they can create, update/patch and delete them when the storage also implements
    /// <see cref="Rest.ICreatableStorage{TKind}"/>, <see cref="Rest.IUpdatableStorage{TKind}"/> and
    /// <see cref="Rest.IDeletableStorage{TKind}"/>, and watch it when it implements <see cref="Rest.IWatchableStorage{TKind}"/>. Other verbs answer 405 and are left out of discovery and OpenAPI.
    /// </summary>
    /// <typeparam name="TKind">The Kind, a <c>[Kind]</c> class; it is served in the version of its definition.</typeparam>
    /// <param name="storage">Where the objects come from.</param>
    public ApiServerBuilder AddResource<TKind>(Rest.IReadOnlyStorage<TKind> storage)
        where TKind : Objects.KubernetesObject, Objects.IKind<TKind>
    {
        ArgumentNullException.ThrowIfNull(storage);
        var definition = TKind.Definition;
        AddResource(definition);
        storages[definition] = storage is Rest.IWatchableStorage<TKind> watchable
            ? context => new Rest.TypedRestWatcher<TKind>(watchable, context)
            : context => new Rest.TypedRestStorage<TKind>(storage, context);
        return this;
    }

    /// <summary>
    /// Keeps the objects of a Kind in your own storage (another database, an external system) instead of
    /// the server's: implement <see cref="Storage.IStorage"/>, Kubernetes' storage interface, and everything
    /// the server does for stored Kinds works on it (resourceVersion semantics, selectors, paging, watch,
    /// status, finalizers, admission). Every version of the Kind uses it. The server does not dispose it.
    /// </summary>
    /// <param name="definition">A version of the Kind; added if not yet served.</param>
    /// <param name="storage">Where the Kind's objects are kept.</param>
    public ApiServerBuilder AddResource(ResourceDefinition definition, Storage.IStorage storage)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(storage);
        AddResource(definition);
        kindStorages[(definition.Group, definition.Kind)] = storage;
        return this;
    }

    /// <summary>
    /// Serves a subresource of <paramref name="resource"/> with your code: <c>GET</c> and/or <c>POST</c> on
    /// <c>.../&lt;plural&gt;/&lt;name&gt;/&lt;subresource&gt;</c>, like <c>pods/log</c> or <c>pods/eviction</c>.
    /// </summary>
    /// <param name="resource">The resource it belongs to, e.g. <c>Flunder.Definition</c>; added if not yet served.</param>
    /// <param name="subresource">Its name and handlers.</param>
    public ApiServerBuilder AddSubresource(ResourceDefinition resource, Rest.SubresourceDefinition subresource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(subresource);
        if (Validation.NameRules.IsDns1123Label(subresource.Name).Count > 0 || subresource.Verbs.Count == 0)
        {
            throw new ArgumentException($"Subresource '{subresource.Name}' of {resource.QualifiedResource} needs a DNS-label name and a Get or Create handler.", nameof(subresource));
        }

        var taken = (subresource.Name == "status" && resource.HasStatusSubresource) || (subresource.Name == "scale" && resource.Scale is not null);
        if (!subresources.TryGetValue(resource, out var list))
        {
            subresources[resource] = list = [];
        }

        if (taken || list.Exists(s => s.Name == subresource.Name))
        {
            throw new ArgumentException($"{resource.QualifiedResource} already has a subresource '{subresource.Name}'.", nameof(subresource));
        }

        AddResource(resource);
        list.Add(subresource);
        return this;
    }

    /// <summary>
    /// Runs the controllers among <paramref name="registrations"/> whose class implements <c>ReconcileAsync</c>
    /// in the server's process once it serves (the generated <c>AddGeneratedResources()</c> adds the project's own):
    /// each watches its Kind through the server's loopback client and reconciles changed objects. A controller
    /// class added twice runs once.
    /// </summary>
    /// <param name="registrations">The controllers; those that do not implement <c>ReconcileAsync</c> are skipped.</param>
    /// <param name="options">Concurrency, resync and backoff; the defaults of <see cref="Controllers.ControllerOptions"/> when null.</param>
    public ApiServerBuilder AddControllers(IEnumerable<Objects.ControllerRegistration> registrations, Controllers.ControllerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        var list = registrations.ToList();
        controllers.Add(manager => manager.Add(list, options));
        return this;
    }

    /// <summary>Runs a controller of <typeparamref name="TKind"/> in the server's process once it serves.</summary>
    /// <typeparam name="TKind">The Kind reconciled.</typeparam>
    /// <param name="reconciler">The reconciler.</param>
    /// <param name="options">Concurrency, resync and backoff.</param>
    public ApiServerBuilder AddController<TKind>(Objects.IReconciler<TKind> reconciler, Controllers.ControllerOptions? options = null)
        where TKind : Objects.KubernetesObject, Objects.IKind<TKind>
    {
        ArgumentNullException.ThrowIfNull(reconciler);
        controllers.Add(manager => manager.Add(reconciler, options));
        return this;
    }

    /// <summary>Adds an admission plugin; plugins run in the order added.</summary>
    public ApiServerBuilder AddAdmission(IAdmissionPlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        admission.Add(plugin);
        return this;
    }

    /// <summary>
    /// Adds an authenticator, asked after the built-in ones (front proxy, client certificate, bearer token by
    /// TokenReview) find no credential, and before anonymous access; authenticators run in the order added.
    /// </summary>
    public ApiServerBuilder AddAuthenticator(IAuthenticator authenticator)
    {
        ArgumentNullException.ThrowIfNull(authenticator);
        authenticators.Add(authenticator);
        return this;
    }

    /// <summary>
    /// Adds an authorizer, asked after the always-allowed paths and groups and before the built-in policy
    /// (the policy file, then SubjectAccessReview in a cluster or the discovery-only default alone).
    /// The first Allow or Deny decides; authorizers run in the order added.
    /// </summary>
    public ApiServerBuilder AddAuthorizer(IAuthorizer authorizer)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        authorizers.Add(authorizer);
        return this;
    }

    /// <summary>
    /// Offers the generator's precomputed discovery documents of a group. The server serves them when
    /// the group's resources are exactly the definitions they describe, and computes the group's
    /// documents otherwise. Called by the generated <c>AddGeneratedResources</c>.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ApiServerBuilder AddPrecomputedDiscovery(PrecomputedGroupDiscovery group)
    {
        ArgumentNullException.ThrowIfNull(group);
        discovery.Add(group);
        return this;
    }

    /// <summary>
    /// Builds the server. Definitions are checked here, so a mistake fails the start, not a request:
    /// <see cref="ApiServer.RunAsync"/> prints it as one line and returns 1, <see cref="ApiServer.StartAsync"/>
    /// throws <see cref="InvalidOperationException"/> with it.
    /// </summary>
    public ApiServer Build()
    {
        string? definitionError = null;
        try
        {
            ResourceDefinitionChecks.Validate(resources);
        }
        catch (InvalidOperationException e)
        {
            definitionError = e.Message;
        }

        var factories = new Dictionary<ResourceDefinition, Rest.RestStorageFactory>(storages, ReferenceEqualityComparer.Instance);
        foreach (var resource in resources)
        {
            if (!factories.ContainsKey(resource) && kindStorages.TryGetValue((resource.Group, resource.Kind), out var own))
            {
                factories[resource] = context => new Registry.ResourceStore(new Registry.ResourceModel(context.Definition, context.StorageVersion), own, context.Admission, context.Time);
            }
        }

        return new ApiServer(Name, Options, Version, [.. resources], [.. admission], [.. discovery], [.. authenticators], [.. authorizers], factories, subresources.ToDictionary(e => e.Key, e => (IReadOnlyList<Rest.SubresourceDefinition>)[.. e.Value], (IEqualityComparer<ResourceDefinition>)ReferenceEqualityComparer.Instance))
        {
            HelpText = HelpRequested ? FlagParser.Usage(Name, Options.ControllerManager) : null,
            FlagError = FlagError,
            DefinitionError = definitionError,
            Controllers = [.. controllers],
        };
    }
}
