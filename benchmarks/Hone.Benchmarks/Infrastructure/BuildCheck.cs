using System.Diagnostics;
using System.Reflection;

namespace Hone.Benchmarks.Infrastructure;

/// <summary>Tells whether the code under measurement was compiled with optimizations: Debug numbers mean nothing.
/// </summary>
internal static class BuildCheck
{
    /// <summary>Returns whether every given assembly was built with the JIT optimizer enabled (Release).</summary>
    public static bool AreOptimized(params ReadOnlySpan<Assembly> assemblies)
    {
        foreach (var assembly in assemblies)
        {
            if (assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
            {
                return false;
            }
        }

        return true;
    }
}
