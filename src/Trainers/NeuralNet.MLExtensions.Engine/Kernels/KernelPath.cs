using System.Runtime.Intrinsics;

namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>
/// Which SIMD path the kernels (<see cref="Gemm"/> through <see cref="ComputeContext.Path"/>, and
/// <see cref="ElementWise"/>) take: the widest the machine accelerates, unless narrowed. Tests pass a narrower path to
/// each kernel to check every path against the references on one machine; setting the environment variable
/// <c>NNMLX_KERNEL_PATH</c> to <c>Scalar</c>, <c>Vector256</c> or <c>Vector512</c> narrows the default of a whole
/// process (for example a test run) to at most that path.
/// </summary>
internal static class KernelPath
{
    /// <summary>The environment variable that narrows <see cref="Default"/>.</summary>
    public const string EnvironmentVariable = "NNMLX_KERNEL_PATH";

    /// <summary>The widest path this machine accelerates.</summary>
    public static GemmPath Hardware { get; } =
        Vector512.IsHardwareAccelerated ? GemmPath.Vector512 : Vector256.IsHardwareAccelerated ? GemmPath.Vector256 : GemmPath.Scalar;

    /// <summary>The path kernels take when not told otherwise: <see cref="Hardware"/>, narrowed by the environment variable.</summary>
    public static readonly GemmPath Default = Narrowed(Hardware, Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary><paramref name="requested"/>, or <see cref="Default"/> when that is narrower.</summary>
    public static GemmPath AtMost(GemmPath requested) => requested < Default ? requested : Default;

    /// <summary><paramref name="widest"/>, narrowed to <paramref name="setting"/> (a <see cref="GemmPath"/> name) when given.</summary>
    /// <exception cref="InvalidOperationException">The setting names no path.</exception>
    internal static GemmPath Narrowed(GemmPath widest, string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting)) return widest;
        if (!Enum.TryParse<GemmPath>(setting.Trim(), ignoreCase: true, out var path) || !Enum.IsDefined(path))
            throw new InvalidOperationException(
                $"{EnvironmentVariable} must be one of {string.Join(", ", Enum.GetNames<GemmPath>())}; got '{setting}'. Unset it to use the widest path.");
        return path < widest ? path : widest;
    }
}
