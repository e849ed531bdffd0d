namespace NeuralNet.Cli.Commands;

/// <summary>The train command's arguments.</summary>
internal sealed record TrainSettings(
    string TrainPath,
    string Label,
    string? TestPath,
    double TestFraction,
    int[]? Hidden,
    string Activation,
    int? Epochs,
    int? BatchSize,
    float? LearningRate,
    int Seed,
    double? ValidationFraction,
    string? ModelPath,
    string? ReportPath,
    string Task = "auto",
    string? PositiveClass = null,
    string Preset = "tabular");
