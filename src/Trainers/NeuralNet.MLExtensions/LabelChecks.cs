using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>
/// The label column each trainer takes, checked in ML.NET's wording with the fix: a key (multiclass), a Boolean
/// (binary) or a Single (regression). Thrown as <see cref="ArgumentOutOfRangeException"/> for "inputSchema".
/// </summary>
internal static class LabelChecks
{
    /// <param name="task">The trainer's task.</param>
    /// <param name="name">The label column.</param>
    /// <param name="scalarType">Its item type when it is a scalar; null for a vector.</param>
    /// <param name="isKey">Whether it is a key.</param>
    /// <param name="actualType">Its type in words.</param>
    public static void Check(MlpTask task, string name, DataViewType? scalarType, bool isKey, string actualType)
    {
        switch (task)
        {
            case MlpTask.Multiclass:
                SchemaChecks.CheckLabel(name, isKey, actualType);
                return;
            case MlpTask.Binary:
                if (scalarType is BooleanDataViewType) return;
                throw new ArgumentOutOfRangeException("inputSchema", $"Schema mismatch for Label column '{name}': expected Boolean, got {actualType}. " +
                    (isKey
                        ? "A key label has classes: use mlContext.MulticlassClassification.Trainers.Mlp, or map the two classes to a Boolean column (e.g. with mlContext.Transforms.CustomMapping)."
                        : $"Convert it to Boolean, e.g. mlContext.Transforms.Conversion.ConvertType(\"{name}\", outputKind: DataKind.Boolean) for 0/1 numbers, or an expression or CustomMapping for text."));
            default:
                if (scalarType == NumberDataViewType.Single && !isKey) return;
                throw new ArgumentOutOfRangeException("inputSchema", $"Schema mismatch for Label column '{name}': expected Single, got {actualType}. " +
                    (isKey
                        ? "A key label has classes: use mlContext.MulticlassClassification.Trainers.Mlp (or BinaryClassification for a Boolean), or map the key back to its numbers with MapKeyToValue and convert them to Single."
                        : scalarType is BooleanDataViewType
                            ? "A Boolean label is two classes: use mlContext.BinaryClassification.Trainers.Mlp."
                            : $"Convert it to Single, e.g. mlContext.Transforms.Conversion.ConvertType(\"{name}\", outputKind: DataKind.Single)."));
        }
    }
}
