namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>Turns a class weighting into per-row weights, multiplied into the example weights.</summary>
internal static class ClassWeights
{
    /// <summary>One weight per class: 1 for none, rows/(classes present·rows of c) for balanced, or the explicit list.</summary>
    public static float[] PerClass(ClassWeighting weighting, IReadOnlyList<float>? explicitWeights, ReadOnlySpan<int> labels, int classCount)
    {
        var perClass = new float[classCount];
        switch (weighting)
        {
            case ClassWeighting.None:
                Array.Fill(perClass, 1f);
                break;
            case ClassWeighting.Explicit:
                for (int c = 0; c < classCount; c++) perClass[c] = explicitWeights![c];
                break;
            case ClassWeighting.Balanced:
                var counts = new int[classCount];
                foreach (int y in labels) counts[y]++;
                int present = counts.Count(n => n > 0);
                for (int c = 0; c < classCount; c++)
                    perClass[c] = counts[c] == 0 ? 0f : (float)((double)labels.Length / ((double)present * counts[c]));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(weighting), weighting, "Unknown class weighting.");
        }
        return perClass;
    }

    /// <summary>As <see cref="PerClass(ClassWeighting, IReadOnlyList{float}?, ReadOnlySpan{int}, int)"/> from each class's row count (a streamed run's counts).</summary>
    public static float[] PerClass(ClassWeighting weighting, IReadOnlyList<float>? explicitWeights, ReadOnlySpan<long> classRows)
    {
        if (weighting != ClassWeighting.Balanced) return PerClass(weighting, explicitWeights, [], classRows.Length);
        long rows = 0;
        int present = 0;
        foreach (long n in classRows) (rows, present) = (rows + n, present + (n > 0 ? 1 : 0));
        var perClass = new float[classRows.Length];
        for (int c = 0; c < perClass.Length; c++)
            perClass[c] = classRows[c] == 0 ? 0f : (float)((double)rows / ((double)present * classRows[c]));
        return perClass;
    }

    /// <summary>The example weights times each row's class weight; the example weights themselves when there is no weighting.</summary>
    public static float[]? Apply(ClassWeighting weighting, IReadOnlyList<float>? explicitWeights, int[] labels, int rows, int classCount, float[]? exampleWeights)
    {
        if (weighting == ClassWeighting.None) return exampleWeights;
        float[] perClass = PerClass(weighting, explicitWeights, labels.AsSpan(0, rows), classCount);
        var weights = new float[rows];
        for (int r = 0; r < rows; r++) weights[r] = (exampleWeights is null ? 1f : exampleWeights[r]) * perClass[labels[r]];
        return weights;
    }
}
