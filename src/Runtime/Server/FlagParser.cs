using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Server;

/// <summary>A command-line flag the user got wrong; the message names the flag and the fix.</summary>
internal sealed class FlagException(string message) : Exception(message);

/// <summary>Parses Kubernetes-style flags (<c>--name=value</c>, <c>--name value</c>, <c>--bool</c>) into <see cref="ApiServerOptions"/>.</summary>
internal static class FlagParser
{
    private sealed record Flag(string Name, string Usage, Func<ApiServerOptions, string, ApiServerOptions> Apply, bool IsBool = false);

    private static readonly Flag[] Flags =
    [
        new("secure-port", "HTTPS port to serve on; 0 picks a free port. (default 9443)", (o, v) => o with { SecurePort = Port(v) }),
        new("bind-address", "IP address to listen on. (default 0.0.0.0)", (o, v) => o with { BindAddress = Address(v) }),
        new("cert-dir", "Directory for the generated CA and serving certificate, reused on later starts. (default apiserver.local.config/certificates)", (o, v) => o with { CertDirectory = v }),
        new("tls-cert-file", "Serving certificate (PEM, may include intermediates). Overrides --cert-dir.", (o, v) => o with { TlsCertFile = v }),
        new("tls-private-key-file", "Private key of --tls-cert-file (PEM).", (o, v) => o with { TlsPrivateKeyFile = v }),
        new("client-ca-file", "CA bundle that signs client certificates; users authenticate with CN=user, O=group.", (o, v) => o with { ClientCaFile = v }),
        new("write-kubeconfig", "Write a kubeconfig for an administrator (client certificate from the local CA) to this path.", (o, v) => o with { WriteKubeconfig = v }),
        new("requestheader-client-ca-file", "CA of the front-proxy client certificate kube-apiserver uses to call this server.", (o, v) => o with { RequestHeaderClientCaFile = v }),
        new("requestheader-allowed-names", "Comma-separated common names allowed for the front-proxy certificate; empty allows any.", (o, v) => o with { RequestHeaderAllowedNames = List(v) }),
        new("requestheader-username-headers", "Comma-separated headers that carry the user name. (default X-Remote-User)", (o, v) => o with { RequestHeaderUsernameHeaders = List(v) }),
        new("requestheader-group-headers", "Comma-separated headers that carry groups. (default X-Remote-Group)", (o, v) => o with { RequestHeaderGroupHeaders = List(v) }),
        new("requestheader-extra-headers-prefix", "Comma-separated prefixes of headers that carry extra attributes. (default X-Remote-Extra-)", (o, v) => o with { RequestHeaderExtraHeadersPrefix = List(v) }),
        new("anonymous-auth", "Serve requests without credentials as system:anonymous. (default false)", (o, v) => o with { AnonymousAuth = Bool("anonymous-auth", v) }, IsBool: true),
        new("kubeconfig", "kubeconfig of the cluster's kube-apiserver: namespaces, and the default of the two flags below. In a pod the service account is used without it.", (o, v) => o with { Kubeconfig = PathValue("kubeconfig", v) }),
        new("authentication-kubeconfig", "kubeconfig for TokenReview and the kube-system/extension-apiserver-authentication ConfigMap.", (o, v) => o with { AuthenticationKubeconfig = PathValue("authentication-kubeconfig", v) }),
        new("authentication-skip-lookup", "Do not read kube-system/extension-apiserver-authentication for what the requestheader and client-ca flags leave out. (default false)", (o, v) => o with { AuthenticationSkipLookup = Bool("authentication-skip-lookup", v) }, IsBool: true),
        new("authentication-tolerate-lookup-failure", "Start even when that ConfigMap cannot be read. (default false)", (o, v) => o with { AuthenticationTolerateLookupFailure = Bool("authentication-tolerate-lookup-failure", v) }, IsBool: true),
        new("authentication-token-webhook-cache-ttl", "How long accepted bearer tokens are remembered. (default 10s)", (o, v) => o with { AuthenticationTokenWebhookCacheTtl = Duration("authentication-token-webhook-cache-ttl", v) }),
        new("authorization-kubeconfig", "kubeconfig for SubjectAccessReview: the cluster's RBAC decides every request.", (o, v) => o with { AuthorizationKubeconfig = PathValue("authorization-kubeconfig", v) }),
        new("authorization-webhook-cache-authorized-ttl", "How long allowed SubjectAccessReview answers are remembered. (default 10s)", (o, v) => o with { AuthorizationWebhookCacheAuthorizedTtl = Duration("authorization-webhook-cache-authorized-ttl", v) }),
        new("authorization-webhook-cache-unauthorized-ttl", "How long denied SubjectAccessReview answers are remembered. (default 10s)", (o, v) => o with { AuthorizationWebhookCacheUnauthorizedTtl = Duration("authorization-webhook-cache-unauthorized-ttl", v) }),
        new("authorization-always-allow-paths", "Comma-separated non-resource paths allowed to everyone; a trailing * makes a prefix. (default /healthz,/readyz,/livez)", (o, v) => o with { AuthorizationAlwaysAllowPaths = Paths(v) }),
        new("authorization-always-allow-groups", "Comma-separated groups allowed everything without asking the cluster. (default system:masters)", (o, v) => o with { AuthorizationAlwaysAllowGroups = List(v) }),
        new("authorization-policy-file", "Local policy in Kubernetes' ABAC format (one Policy JSON object per line), for servers run without a cluster.", (o, v) => o with { AuthorizationPolicyFile = PathValue("authorization-policy-file", v) }),
        new("controllers", "Comma-separated in-process controllers to run: * for all, plural.group names for those only, -name to leave one out, empty for none. (default *)", (o, v) => o with { Controllers = List(v) }),
        new("leader-elect", "Run the in-process controllers only in the replica that holds a lease (a Lease in the cluster, else one in the storage). (default true)", (o, v) => o with { LeaderElect = Bool("leader-elect", v) }, IsBool: true),
        new("leader-elect-lease-duration", "How long other replicas wait after the leader's last renewal. (default 15s)", (o, v) => o with { LeaderElection = o.LeaderElection with { LeaseDuration = Positive("leader-elect-lease-duration", v) } }),
        new("leader-elect-renew-deadline", "How long the leader tries to renew before it stops its controllers. (default 10s)", (o, v) => o with { LeaderElection = o.LeaderElection with { RenewDeadline = Positive("leader-elect-renew-deadline", v) } }),
        new("leader-elect-retry-period", "How often replicas try to take the lease. (default 2s)", (o, v) => o with { LeaderElection = o.LeaderElection with { RetryPeriod = Positive("leader-elect-retry-period", v) } }),
        new("leader-elect-resource-namespace", "Namespace of the controllers' Lease in a cluster. (default the pod's namespace)", (o, v) => o with { LeaderElectResourceNamespace = v.Length > 0 ? v : throw new FlagException("--leader-elect-resource-namespace needs a namespace") }),
        new("health-probe-bind-address", "controller-manager: host:port of /healthz and /readyz over HTTP; 0 for none. (default 0.0.0.0:8081)", (o, v) => o with { HealthProbeBindAddress = Endpoint("health-probe-bind-address", v) }),
        new("storage", "Storage backend: sqlite, sqlite:PATH, etcd or memory. (default sqlite: storage.db beside --cert-dir; etcd when --etcd-servers is given)", (o, v) => o with { Storage = StorageValue(v) }),
        new("etcd-servers", "Comma-separated etcd client URLs (http:// or https://); requests fail over between members. Implies --storage etcd.", (o, v) => o with { EtcdServers = List(v) }),
        new("etcd-prefix", "Prefix of every key in etcd. (default /registry)", (o, v) => o with { EtcdPrefix = v }),
        new("etcd-cafile", "CA bundle (PEM) that signs the etcd servers' certificates.", (o, v) => o with { EtcdCaFile = v }),
        new("etcd-certfile", "Client certificate (PEM) presented to etcd.", (o, v) => o with { EtcdCertFile = v }),
        new("etcd-keyfile", "Private key (PEM) of --etcd-certfile.", (o, v) => o with { EtcdKeyFile = v }),
        new("etcd-client", "How to talk to etcd: grpc (its gRPC API, as kube-apiserver) or json (its JSON gateway, for endpoints that expose only that). (default grpc)", (o, v) => o with { EtcdClient = v is "grpc" or "json" ? v : throw new FlagException($"invalid value \"{v}\" for --etcd-client: use grpc or json") }),
        new("cert-dns-names", "Comma-separated extra DNS names for the generated serving certificate (e.g. <service>.<namespace>.svc).", (o, v) => o with { CertDnsNames = List(v) }),
        new("audit-log-path", "Write audit events (audit.k8s.io/v1 Event JSON lines) to this file; - writes them to standard output. Without it nothing is audited.", (o, v) => o with { AuditLogPath = PathValue("audit-log-path", v) }),
        new("audit-policy-file", "Audit policy (audit.k8s.io/v1 Policy, YAML or JSON): per-rule levels None, Metadata, Request, RequestResponse by users, userGroups, verbs, resources, namespaces, nonResourceURLs; omitStages.", (o, v) => o with { AuditPolicyFile = PathValue("audit-policy-file", v) }),
        new("audit-log-maxsize", "Megabytes the audit log file may reach before it is rotated to <name>-<time><ext>; 0 means 100, as kube-apiserver. (default 0)", (o, v) => o with { AuditLogMaxSize = Count("audit-log-maxsize", v) }),
        new("audit-log-maxbackup", "Rotated audit log files kept; 0 keeps all. (default 0)", (o, v) => o with { AuditLogMaxBackup = Count("audit-log-maxbackup", v) }),
        new("audit-log-maxage", "Days a rotated audit log file is kept (by the time in its name); 0 keeps them. (default 0)", (o, v) => o with { AuditLogMaxAge = Count("audit-log-maxage", v) }),
        new("audit-log-compress", "Gzip rotated audit log files. (default false)", (o, v) => o with { AuditLogCompress = Bool("audit-log-compress", v) }, IsBool: true),
        new("audit-log-level", "Audit level of every request when no --audit-policy-file is given: None, Metadata, Request or RequestResponse. (default Metadata)", (o, v) => o with { AuditLogLevel = AuditLevelValue(v) }),
        new("tracing-config-file", "Export request traces with OpenTelemetry as this apiserver.config.k8s.io TracingConfiguration says (endpoint host:port for OTLP/gRPC or an http(s) URL for OTLP/HTTP, default localhost:4317; samplingRatePerMillion, default 0). Off without it.", (o, v) => o with { TracingConfigFile = PathValue("tracing-config-file", v) }),
        new("log-level", "Minimum log level: Trace, Debug, Information, Warning, Error. (default Information)", (o, v) => o with { LogLevel = Level(v) }),
    ];

    /// <summary>The first argument that runs the process as the server's controller-manager.</summary>
    public const string ControllerManagerCommand = "controller-manager";

    /// <summary>The flags a controller-manager takes; the others are the server's.</summary>
    private static readonly HashSet<string> ControllerManagerFlags = new(StringComparer.Ordinal)
    {
        "kubeconfig", "controllers", "leader-elect", "leader-elect-lease-duration", "leader-elect-renew-deadline", "leader-elect-retry-period",
        "leader-elect-resource-namespace", "health-probe-bind-address", "log-level",
    };

    private static bool ControllerManagerOnly(string flag) => flag == "health-probe-bind-address";

    /// <summary>Whether <paramref name="args"/> start the controller-manager rather than the server.</summary>
    public static bool IsControllerManager(IReadOnlyList<string> args) => args.Count > 0 && args[0] == ControllerManagerCommand;

    /// <summary>Parses flags; returns null when help was requested.</summary>
    public static ApiServerOptions? Parse(IReadOnlyList<string> args, ApiServerOptions defaults)
    {
        var options = defaults;
        var controllerManager = IsControllerManager(args);
        if (controllerManager)
        {
            options = options with { ControllerManager = true };
        }

        for (var i = controllerManager ? 1 : 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "help")
            {
                return null;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new FlagException($"unexpected argument \"{arg}\": flags look like --name=value (see --help)");
            }

            var eq = arg.IndexOf('=');
            var name = eq < 0 ? arg[2..] : arg[2..eq];
            var flag = Flags.FirstOrDefault(f => f.Name == name)
                ?? throw new FlagException($"unknown flag: --{name} (see --help for the flags this server takes)");
            if (controllerManager ? !ControllerManagerFlags.Contains(name) : ControllerManagerOnly(name))
            {
                throw new FlagException(controllerManager
                    ? $"--{name} is a flag of the server, not of {ControllerManagerCommand} (see {ControllerManagerCommand} --help)"
                    : $"--{name} is a flag of {ControllerManagerCommand} (run the process as '{ControllerManagerCommand} --{name} ...')");
            }

            string value;
            if (eq >= 0)
            {
                value = arg[(eq + 1)..];
            }
            else if (flag.IsBool)
            {
                value = "true";
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new FlagException($"flag needs an argument: --{name}");
            }

            options = flag.Apply(options, value);
        }

        if (options.LeaderElection.RenewDeadline >= options.LeaderElection.LeaseDuration || options.LeaderElection.RetryPeriod >= options.LeaderElection.RenewDeadline)
        {
            throw new FlagException("leader election needs --leader-elect-retry-period < --leader-elect-renew-deadline < --leader-elect-lease-duration");
        }

        if ((options.TlsCertFile is null) != (options.TlsPrivateKeyFile is null))
        {
            throw new FlagException("--tls-cert-file and --tls-private-key-file must be given together");
        }

        if ((options.EtcdCertFile is null) != (options.EtcdKeyFile is null))
        {
            throw new FlagException("--etcd-certfile and --etcd-keyfile must be given together");
        }

        if (options.TracingConfigFile is { } tracing)
        {
            TracingConfiguration.Load(tracing);
        }

        if (options.AuditPolicyFile is not null && options.AuditLogPath is null)
        {
            throw new FlagException("--audit-policy-file needs --audit-log-path (a file, or - for standard output)");
        }

        if (options.AuditPolicyFile is not null && args.Any(a => a.StartsWith("--audit-log-level", StringComparison.Ordinal)))
        {
            throw new FlagException("--audit-log-level is for servers without --audit-policy-file: set the levels in the policy's rules");
        }

        if (options.EtcdServers.Count > 0 && options.Storage == "sqlite")
        {
            options = options with { Storage = "etcd" };
        }
        else if (options.EtcdServers.Count > 0 && options.Storage != "etcd")
        {
            throw new FlagException($"--etcd-servers is for --storage etcd, but --storage is {options.Storage}: drop one of them");
        }
        else if (options.EtcdServers.Count == 0 && options.Storage == "etcd")
        {
            throw new FlagException("--storage etcd needs --etcd-servers, e.g. --etcd-servers http://127.0.0.1:2379");
        }

        return options;
    }

    public static string Usage(string program, bool controllerManager = false)
    {
        var text = new StringBuilder();
        if (controllerManager)
        {
            text.Append("Usage: ").Append(program).Append(' ').Append(ControllerManagerCommand).Append(" [flags]\n\n")
                .Append("Runs the server's controllers in a process of their own, against the server through the cluster's\n")
                .Append("kube-apiserver (--kubeconfig, or the pod's service account); start the server with --controllers= then.\n\nFlags:\n");
        }
        else
        {
            text.Append("Usage: ").Append(program).Append(" [flags]\n       ").Append(program).Append(' ').Append(ControllerManagerCommand)
                .Append(" [flags]   (the controllers alone; see its --help)\n\nFlags:\n");
        }

        foreach (var flag in Flags.Where(f => controllerManager ? ControllerManagerFlags.Contains(f.Name) : !ControllerManagerOnly(f.Name)))
        {
            text.Append("  --").Append(flag.Name.PadRight(38)).Append(flag.Usage).Append('\n');
        }

        return text.ToString();
    }

    private static int Port(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new FlagException($"invalid value \"{value}\" for --secure-port: must be a port number between 0 and 65535");

    private static IPAddress Address(string value) =>
        IPAddress.TryParse(value, out var address)
            ? address
            : throw new FlagException($"invalid value \"{value}\" for --bind-address: must be an IP address such as 127.0.0.1 or 0.0.0.0");

    private static IPEndPoint? Endpoint(string name, string value)
    {
        if (value == "0")
        {
            return null;
        }

        var colon = value.LastIndexOf(':');
        var host = colon < 0 ? "" : value[..colon].Trim('[', ']');
        if (colon < 0 || !int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FlagException($"invalid value \"{value}\" for --{name}: use host:port such as 0.0.0.0:8081 or :8081, or 0 for none");
        }

        if (host.Length == 0)
        {
            return new IPEndPoint(IPAddress.Any, port);
        }

        return IPAddress.TryParse(host, out var address)
            ? new IPEndPoint(address, port)
            : throw new FlagException($"invalid value \"{value}\" for --{name}: the host must be an IP address such as 127.0.0.1 or 0.0.0.0");
    }

    private static int Count(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new FlagException($"invalid value \"{value}\" for --{name}: must be a whole number, 0 or more");

    private static bool Bool(string name, string value) => value switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new FlagException($"invalid value \"{value}\" for --{name}: must be true or false"),
    };

    private static string StorageValue(string value) =>
        Storage.StorageFactory.Validate(value) is { } problem ? throw new FlagException($"invalid value \"{value}\" for --storage: {problem}") : value;

    private static LogLevel Level(string value) =>
        Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level)
            ? level
            : throw new FlagException($"invalid value \"{value}\" for --log-level: use Trace, Debug, Information, Warning or Error");

    private static string AuditLevelValue(string value) =>
        Enum.TryParse<Audit.AuditLevel>(value, ignoreCase: false, out var level) && level.ToString() == value
            ? value
            : throw new FlagException($"invalid value \"{value}\" for --audit-log-level: use None, Metadata, Request or RequestResponse");

    private static string PathValue(string name, string value) =>
        value.Length > 0 ? value : throw new FlagException($"--{name} needs a file path");

    private static IReadOnlyList<string> Paths(string value)
    {
        var paths = List(value);
        foreach (var path in paths)
        {
            if (!path.StartsWith('/') || path.IndexOf('*') is var star && star >= 0 && star != path.Length - 1)
            {
                throw new FlagException($"invalid path \"{path}\" for --authorization-always-allow-paths: paths start with / and may end in * for a prefix");
            }
        }

        return paths;
    }

    /// <summary>A Go-style duration: <c>10s</c>, <c>1m30s</c>, <c>500ms</c>, <c>2h</c> or <c>0</c>.</summary>
    private static TimeSpan Duration(string name, string value)
    {
        var match = System.Text.RegularExpressions.Regex.Match(value, @"^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$");
        if (value == "0")
        {
            return TimeSpan.Zero;
        }

        if (value.Length == 0 || !match.Success)
        {
            throw new FlagException($"invalid value \"{value}\" for --{name}: use a duration such as 10s, 2m or 1h30m");
        }

        long Part(int group) => match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        try
        {
            return TimeSpan.FromHours(Part(1)) + TimeSpan.FromMinutes(Part(2)) + TimeSpan.FromSeconds(Part(3)) + TimeSpan.FromMilliseconds(Part(4));
        }
        catch (Exception e) when (e is OverflowException or FormatException)
        {
            throw new FlagException($"invalid value \"{value}\" for --{name}: the duration is too long");
        }
    }

    private static TimeSpan Positive(string name, string value) =>
        Duration(name, value) is var d && d > TimeSpan.Zero ? d : throw new FlagException($"invalid value \"{value}\" for --{name}: must be longer than 0s");

    private static IReadOnlyList<string> List(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
