using Microsoft.ML.Data;
using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>Checks that the model a trainer continues from fits the trainer's task and the data's features and classes.</summary>
internal static class WarmStartChecks
{
    public static void Check(MlpModelParameters model, MlpTask task, DataViewSchema.Column features, DataViewSchema.Column label)
    {
        if (model.Task != task)
            throw new ArgumentException(
                $"The model parameters to continue from are a {model.Task} model, but this trainer trains {task}; warm start needs a model of the same task.", "modelParameters");
        int size = ((VectorDataViewType)features.Type).Size;
        if (model.FeatureCount != size)
            throw new ArgumentException(
                $"The model parameters to continue from take {model.FeatureCount} features, but Features column '{features.Name}' has {size}; warm start needs the same features.", "modelParameters");
        if (task != MlpTask.Multiclass) return;
        var classes = ClassLabels.FromLabelColumn(label);
        if (!model.Classes.Names.SequenceEqual(classes.Names))
            throw new ArgumentException(
                $"The model parameters to continue from were trained on {model.Classes.Count} classes ({ClassList(model.Classes)}), but Label column '{label.Name}' has {classes.Count} ({ClassList(classes)}); warm start needs the same classes.", "modelParameters");
    }

    public static string ClassList(ClassLabels classes) =>
        string.Join(", ", classes.Names.Take(10)) + (classes.Count > 10 ? ", …" : "");
}
