using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Persistence;

/// <summary>
/// Writes and reads the feature scaling (<see cref="FeatureStandardizer"/>), in the payload after the class count.
/// Version 5: a kind byte (<see cref="FeatureScaling"/>: 0 None, 1 Standard, 2 Robust), then for Standard and Robust
/// the centre and the scale of each feature (floats). Versions 1 to 4: a flag byte (0 none, 1 Standard), then for 1 the
/// means and scales; they load as None or Standard. Values are checked as the engine checks them (finite; scales
/// positive, or at least 0 for Robust) and the sizes against the bytes left before anything is allocated.
/// </summary>
internal static class FeatureScalingCodec
{
    /// <summary>The first format version with the kind byte.</summary>
    public const ushort KindVersion = 5;

    public static void Write(BinaryWriter w, FeatureStandardizer? scaling)
    {
        w.Write((byte)(scaling?.Kind ?? FeatureScaling.None));
        if (scaling is null) return;
        foreach (float v in scaling.Center) w.Write(v);
        foreach (float v in scaling.Scale) w.Write(v);
    }

    public static FeatureStandardizer? Read(ref PayloadReader r, int inputSize, ushort version)
    {
        FeatureScaling kind;
        if (version >= KindVersion)
        {
            byte code = r.ReadByte("feature scaling kind");
            if (!Enum.IsDefined(typeof(FeatureScaling), (int)code))
                throw new InvalidDataException($"MLP model is corrupt: feature scaling kind is {code}, expected 0 (None), 1 (Standard) or 2 (Robust).");
            kind = (FeatureScaling)code;
        }
        else
        {
            byte flag = r.ReadByte("standardisation flag");
            if (flag > 1) throw new InvalidDataException($"MLP model is corrupt: standardisation flag is {flag}, expected 0 or 1.");
            kind = flag == 1 ? FeatureScaling.Standard : FeatureScaling.None;
        }
        if (kind == FeatureScaling.None) return null;

        if ((long)inputSize * 8 > r.Remaining)
            throw new InvalidDataException($"MLP model is truncated or corrupt: {kind} feature scaling for {inputSize} features needs {(long)inputSize * 8} bytes but only {r.Remaining} remain.");
        var center = new float[inputSize];
        var scale = new float[inputSize];
        r.ReadSingles(center, "feature scaling centres");
        r.ReadSingles(scale, "feature scaling scales");
        for (int i = 0; i < inputSize; i++)
            if (!float.IsFinite(center[i]) || !FeatureStandardizer.IsValidScale(scale[i], kind))
                throw new InvalidDataException($"MLP model is corrupt: {kind} feature scaling of feature {i} has centre {center[i]} and scale {scale[i]}; " +
                    $"both must be finite and the scale {(kind == FeatureScaling.Robust ? "at least 0" : "positive")}.");
        return new FeatureStandardizer(center, scale, kind);
    }
}
