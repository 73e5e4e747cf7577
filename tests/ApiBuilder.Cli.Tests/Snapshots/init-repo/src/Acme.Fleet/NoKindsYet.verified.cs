using ApiBuilder.Runtime.Server;

/// <summary>
/// Lets the project build before it declares its first Kind. ApiBuilder's source generator writes
/// <c>AddGeneratedResources()</c> (in <c>ApiBuilder.Runtime.Server.GeneratedResources</c>) once
/// there is a <c>[Kind]</c> class; until then the calls in Program.cs and in the tests find this
/// one, which serves nothing. As soon as the generated method exists C# prefers it, because those
/// files import <c>ApiBuilder.Runtime.Server</c> inside their namespace, while this class is in
/// the global namespace, which C# searches last. <c>apiserver-boot create group version
/// resource</c> deletes this file with the first Kind, unless you changed it.
/// </summary>
internal static class NoKindsYet
{
    /// <summary>Serves nothing: the project has no Kind yet.</summary>
    /// <param name="builder">The server being built.</param>
    /// <returns>The same builder.</returns>
    public static ApiServerBuilder AddGeneratedResources(this ApiServerBuilder builder) => builder;
}
