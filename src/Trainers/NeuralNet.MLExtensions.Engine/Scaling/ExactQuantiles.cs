using System.Numerics;

namespace NeuralNet.MLExtensions.Engine.Scaling;

/// <summary>
/// Exact quantiles of a list of numbers with linear interpolation between order statistics (NumPy's default,
/// Hyndman–Fan type 7): with the values sorted as v₀ ≤ … ≤ vₙ₋₁, the q-quantile at h = (n − 1)·q is
/// v⌊h⌋ + (h − ⌊h⌋)·(v⌊h⌋₊₁ − v⌊h⌋); the median (q = ½) is the middle value or the mean of the two middle ones.
/// Found by selection (expected linear time, no full sort), falling back to a sort when selection degrades.
/// </summary>
internal static class ExactQuantiles
{
    /// <summary>
    /// The 25 %, 50 % and 75 % quantiles of <paramref name="values"/> (at least one; reordered in place).
    /// Values must not be NaN.
    /// </summary>
    public static (double Lower, double Median, double Upper) Quartiles(Span<double> values)
    {
        if (values.IsEmpty) throw new ArgumentException("Quantiles need at least one value.", nameof(values));
        // Increasing quantiles: each selection works on the part right of the previous one.
        double lower = Quantile(values, 0.25, 0);
        int from = Position(values.Length, 0.25).Index;
        double median = Quantile(values, 0.5, from);
        from = Position(values.Length, 0.5).Index;
        double upper = Quantile(values, 0.75, from);
        return (lower, median, upper);
    }

    /// <summary>
    /// The q-quantile of all of <paramref name="values"/>, whose first <paramref name="from"/> entries are already the
    /// smallest ones (from an earlier call with a lower q); reorders the rest.
    /// </summary>
    public static double Quantile(Span<double> values, double q, int from = 0)
    {
        var (index, fraction) = Position(values.Length, q);
        Select(values[from..], index - from);
        double low = values[index];
        if (fraction == 0 || index + 1 >= values.Length) return low;
        double high = double.PositiveInfinity;
        foreach (double v in values[(index + 1)..]) high = Math.Min(high, v);
        return low + fraction * (high - low);
    }

    private static (int Index, double Fraction) Position(int count, double q)
    {
        double h = (count - 1) * q;
        int index = (int)Math.Floor(h);
        return (index, h - index);
    }

    /// <summary>
    /// Reorders <paramref name="a"/> so that a[k] is its k-th smallest value, with nothing larger before it and nothing
    /// smaller after it: quickselect with a median-of-three pivot and a three-way partition (runs of equal values,
    /// such as the zeros of a sparse column, end in one step); sorts the rest when the partitions stop shrinking.
    /// </summary>
    internal static void Select(Span<double> a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        int budget = 2 * BitOperations.Log2((uint)Math.Max(1, a.Length)) + 8;
        while (hi > lo)
        {
            if (hi - lo < 16 || budget-- == 0)
            {
                a[lo..(hi + 1)].Sort();
                return;
            }
            double pivot = MedianOfThree(a[lo], a[lo + (hi - lo) / 2], a[hi]);
            int lt = lo, i = lo, gt = hi;
            // [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot.
            while (i <= gt)
            {
                double v = a[i];
                if (v < pivot) { a[i++] = a[lt]; a[lt++] = v; }
                else if (v > pivot) { a[i] = a[gt]; a[gt--] = v; }
                else i++;
            }
            if (k < lt) hi = lt - 1;
            else if (k > gt) lo = gt + 1;
            else return;
        }
    }

    private static double MedianOfThree(double a, double b, double c) =>
        Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
