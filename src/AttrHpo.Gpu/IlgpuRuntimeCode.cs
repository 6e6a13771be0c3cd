namespace AttrHpo;

/// <summary>Why this package is not native-AOT or trim compatible, for the attributes that say so on its entry points.</summary>
internal static class IlgpuRuntimeCode
{
    /// <summary>The message of every <c>RequiresDynamicCode</c> and <c>RequiresUnreferencedCode</c> of this package.</summary>
    public const string Reason =
        "ILGPU compiles kernels at run time through System.Reflection.Emit and reflection, so the AttrHpo.Gpu package cannot be published with PublishAot or trimmed. " +
        "The core package, AttrHpo.Sqlite and AttrHpo.Console can.";
}
