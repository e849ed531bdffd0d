namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// How each input feature is scaled before the network. The statistics are fitted on the training rows, kept in the
/// model and applied to every row the model later sees (validation, scoring, the hidden-layer transform).
/// </summary>
public enum FeatureScaling
{
    /// <summary>The network sees the raw features; use it only when they are already on a common, small scale.</summary>
    None = 0,
    /// <summary>
    /// x' = (x − mean) / standard deviation (population, unweighted); a constant feature maps to x − mean (0 on the
    /// training rows). A few huge values (counts, money amounts) inflate the deviation and squash the ordinary rows.
    /// </summary>
    Standard = 1,
    /// <summary>
    /// RealMLP's robust scaling with smooth clipping (Holzmüller et al. 2024, "Better by Default"):
    /// z = (x − median) / IQR, where the IQR is the 75 % minus the 25 % quantile (linear interpolation, unweighted),
    /// or half the range (max − min) when the IQR is 0; then x' = z / √(1 + (z/3)²), which keeps small values and bends
    /// large ones smoothly into (−3, 3). A feature constant on the training rows maps to 0. Outliers no longer dominate,
    /// and a rare 0/1 column (IQR 0) maps to 0 and about 1.66.
    /// </summary>
    Robust = 2,
}
