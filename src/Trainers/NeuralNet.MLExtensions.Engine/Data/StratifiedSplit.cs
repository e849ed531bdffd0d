using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Engine.Data;

/// <summary>
/// Holds out a fraction of the rows of every class as validation data (stratified), chosen by a random source
/// derived from the seed alone. Each class keeps at least one training row; both parts keep the rows' order.
/// </summary>
internal static class StratifiedSplit
{
    /// <summary>
    /// How many rows a split of <paramref name="fraction"/> holds out: per class round(fraction × its rows), but each
    /// class keeps at least one training row.
    /// </summary>
    public static int HeldOutCount(ReadOnlySpan<int> labels, int classCount, float fraction)
    {
        var counts = new int[Math.Max(classCount, 1)];
        foreach (int label in labels) counts[label]++;
        int held = 0;
        foreach (int n in counts) held += Math.Max(0, Math.Min((int)Math.Round(fraction * n), n - 1));
        return held;
    }

    /// <summary>The stream number of the split's random source (epochs use 1, 2, ...).</summary>
    private const int Stream = -1;

    public static (float[] Features, int[] Labels, float[]? Weights, ValidationSet Validation) Split(
        float[] features, int rows, int featureCount, int[] labels, float[]? weights, int classCount, float fraction, int seed)
    {
        var split = Split(features, rows, featureCount, labels, null, weights, classCount, fraction, seed);
        return (split.Features, split.Labels, split.Weights, split.Validation);
    }

    /// <summary>As above, splitting regression <paramref name="targets"/> (all labels 0, one class) alongside.</summary>
    public static (float[] Features, int[] Labels, float[]? Targets, float[]? Weights, ValidationSet Validation) Split(
        float[] features, int rows, int featureCount, int[] labels, float[]? targets, float[]? weights, int classCount, float fraction, int seed)
    {
        var random = SeededRandom.Derive(seed, Stream);
        var held = new bool[rows];
        int heldCount = 0;
        for (int c = 0; c < classCount; c++)
        {
            var members = new List<int>();
            for (int r = 0; r < rows; r++) if (labels[r] == c) members.Add(r);
            int take = Math.Min((int)Math.Round(fraction * members.Count), members.Count - 1);
            if (take <= 0) continue;
            int[] order = members.ToArray();
            random.Shuffle(order);
            for (int i = 0; i < take; i++) held[order[i]] = true;
            heldCount += take;
        }
        if (heldCount == 0)
            throw new ArgumentOutOfRangeException("ValidationFraction", fraction,
                $"ValidationFraction {fraction} of {rows} rows holds out no row (each class keeps at least one training row); raise it or pass validation data.");

        int d = featureCount, trainCount = rows - heldCount;
        var trainX = new float[trainCount * d];
        var trainY = new int[trainCount];
        var trainW = weights is null ? null : new float[trainCount];
        var trainT = targets is null ? null : new float[trainCount];
        var validT = targets is null ? null : new float[heldCount];
        var validX = new float[heldCount * d];
        var validY = new int[heldCount];
        var validW = weights is null ? null : new float[heldCount];
        int t = 0, v = 0;
        for (int r = 0; r < rows; r++)
        {
            if (held[r])
            {
                features.AsSpan(r * d, d).CopyTo(validX.AsSpan(v * d, d));
                validY[v] = labels[r];
                if (validW is not null) validW[v] = weights![r];
                if (validT is not null) validT[v] = targets![r];
                v++;
            }
            else
            {
                features.AsSpan(r * d, d).CopyTo(trainX.AsSpan(t * d, d));
                trainY[t] = labels[r];
                if (trainW is not null) trainW[t] = weights![r];
                if (trainT is not null) trainT[t] = targets![r];
                t++;
            }
        }
        return (trainX, trainY, trainT, trainW, new ValidationSet(validX, validY, validW) { Targets = validT });
    }
}
