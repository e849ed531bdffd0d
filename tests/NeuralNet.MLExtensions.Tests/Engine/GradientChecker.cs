namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// Central-difference gradient checks: the numeric side is computed in double precision from a reference function
/// written in the test, and compared with the engine's float32 analytic gradient.
/// </summary>
internal static class GradientChecker
{
    /// <summary>Step for central differences in double: truncation error ~h², rounding ~1e-16/h, both far below float32 noise.</summary>
    public const double Step = 1e-5;

    /// <summary>∂f/∂x[i] ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h for every i.</summary>
    public static double[] CentralDifference(Func<double[], double> f, IReadOnlyList<double> at, double h = Step)
    {
        var x = at.ToArray();
        var gradient = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double keep = x[i];
            x[i] = keep + h;
            double up = f(x);
            x[i] = keep - h;
            double down = f(x);
            x[i] = keep;
            gradient[i] = (up - down) / (2 * h);
        }
        return gradient;
    }

    /// <summary>
    /// Fails unless |analytic − numeric| ≤ absolute + relative·max(|analytic|, |numeric|) for every element, naming
    /// the first element that is off.
    /// </summary>
    public static void AssertClose(IReadOnlyList<double> analytic, IReadOnlyList<double> numeric, string what,
        double relative = 2e-3, double absolute = 1e-6)
    {
        Assert.HasCount(numeric.Count, analytic, $"{what}: analytic and numeric gradients differ in length.");
        for (int i = 0; i < numeric.Count; i++)
        {
            double a = analytic[i], n = numeric[i];
            double allowed = absolute + relative * Math.Max(Math.Abs(a), Math.Abs(n));
            Assert.IsLessThanOrEqualTo(allowed, Math.Abs(a - n),
                $"{what}[{i}]: analytic {a:R} vs numeric {n:R} (allowed difference {allowed:G3}).");
        }
    }

    /// <summary>As <see cref="AssertClose(IReadOnlyList{double}, IReadOnlyList{double}, string, double, double)"/> for a float32 analytic gradient.</summary>
    public static void AssertClose(ReadOnlySpan<float> analytic, IReadOnlyList<double> numeric, string what,
        double relative = 2e-3, double absolute = 1e-6)
    {
        var widened = new double[analytic.Length];
        for (int i = 0; i < analytic.Length; i++) widened[i] = analytic[i];
        AssertClose(widened, numeric, what, relative, absolute);
    }

    /// <summary>n deterministic values uniform in [−scale, scale).</summary>
    public static float[] Uniform(int n, double scale, int seed)
    {
        var random = new Random(seed);
        var values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float)((2 * random.NextDouble() - 1) * scale);
        return values;
    }
}
