using ApiBuilder.Generator.Parsing;

namespace ApiBuilder.Cli.Deployment;

/// <summary>The checks of the deployment flags: each failure is one line with the fix.</summary>
internal static class DeploymentRules
{
    /// <summary>Room for the longest suffix of a derived name (<c>-serving-cert</c>) within a 63-character label.</summary>
    public const int MaxNameLength = 50;

    /// <summary>How much longer <c>-controller-manager</c> is than <c>-serving-cert</c>.</summary>
    private const int ControllerManagerSuffixExtra = 6;

    public static void Check(DeploymentRequest request)
    {
        if (request.Name.Length == 0 || request.Name.Length > MaxNameLength || !NameRules.IsResourceName(request.Name) || !char.IsAsciiLetterLower(request.Name[0]))
        {
            throw new UserError(
                $"invalid --name \"{request.Name}\": it names the Service and Deployment, so it must be a DNS-1035 label of at most {MaxNameLength} characters (lowercase letters, digits and '-', starting with a letter, ending with a letter or digit)",
                "Pass a name such as --name ships-server");
        }

        if (!NameRules.IsResourceName(request.Namespace))
        {
            throw new UserError(
                $"invalid --namespace \"{request.Namespace}\": a namespace must be a DNS-1123 label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)",
                "Pass a namespace such as --namespace ships");
        }

        if (string.IsNullOrWhiteSpace(request.Image) || request.Image.Any(char.IsWhiteSpace))
        {
            throw new UserError($"invalid --image \"{request.Image}\"", "Pass an image reference such as --image registry.example.com/ships-server:v0.1.0");
        }

        if (request.ServiceAccount is { } account && !IsSubdomain(account))
        {
            throw new UserError($"invalid --service-account \"{account}\": it must be a DNS-1123 name", "Pass a name such as --service-account ships-server");
        }

        if (request.Replicas is < 1 or > 100)
        {
            throw new UserError($"invalid --replicas {request.Replicas}", "Pass a number from 1 to 100");
        }

        if (request.Storage == StorageKind.Sqlite && request.Replicas > 1)
        {
            throw new UserError(
                $"--storage sqlite keeps objects in one file on one volume, so it serves from 1 replica, not {request.Replicas}",
                "Use --storage etcd for several replicas, or drop --replicas");
        }

        if (request.ControllerManager && request.Name.Length > MaxNameLength - ControllerManagerSuffixExtra)
        {
            throw new UserError(
                $"--name \"{request.Name}\" is too long for --controller-manager: {request.Name}-controller-manager must fit a 63-character label",
                $"Pass a name of at most {MaxNameLength - ControllerManagerSuffixExtra} characters");
        }

        if (request.ControllerManagerReplicas is < 1 or > 100)
        {
            throw new UserError($"invalid --controller-manager-replicas {request.ControllerManagerReplicas}", "Pass a number from 1 to 100");
        }

        if (request.ControllerManagerReplicas != 1 && !request.ControllerManager)
        {
            throw new UserError("--controller-manager-replicas is for the controller-manager Deployment", "Add --controller-manager, or drop --controller-manager-replicas");
        }

        if (request.EtcdReplicas is < 1 or > 9 || request.EtcdReplicas % 2 == 0)
        {
            throw new UserError($"invalid --etcd-replicas {request.EtcdReplicas}: etcd needs an odd number of members for a quorum", "Pass 1, 3 or 5");
        }

        foreach (var secret in request.ImagePullSecrets)
        {
            if (!IsSubdomain(secret))
            {
                throw new UserError($"invalid --image-pull-secrets \"{secret}\": it must be the name of a Secret", "Pass the names of docker-registry Secrets of the namespace");
            }
        }

        if (request.StorageClass is { } storageClass && (storageClass.Length == 0 || storageClass.Any(char.IsWhiteSpace)))
        {
            throw new UserError($"invalid --storage-class \"{storageClass}\"", "Pass the name of a StorageClass of the cluster (kubectl get storageclass)");
        }

        CheckOutput(request.Output);
    }

    /// <summary>A DNS-1123 subdomain: the names of ServiceAccounts and Secrets.</summary>
    private static bool IsSubdomain(string name) => name.Length is > 0 and <= 253 && name.Split('.').All(NameRules.IsResourceName);

    /// <summary>The output must be a folder, or a path whose existing parts are folders.</summary>
    private static void CheckOutput(string output)
    {
        for (var path = output; !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                throw new UserError(
                    path == output ? $"--output {output} is a file, not a folder" : $"--output {output} is under {path}, which is a file",
                    "Pass a folder for the manifests, such as --output config");
            }

            if (Directory.Exists(path))
            {
                return;
            }
        }
    }
}
