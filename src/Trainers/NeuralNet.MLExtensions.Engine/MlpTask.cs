namespace NeuralNet.MLExtensions.Engine;

/// <summary>What a network predicts; it fixes the output layer, the loss and the validation metrics.</summary>
public enum MlpTask
{
    /// <summary>One of K ≥ 2 classes: K logits, softmax, cross-entropy; validation loss and accuracy.</summary>
    Multiclass = 0,
    /// <summary>One of two classes (labels 0 and 1): one logit, sigmoid, logistic loss; validation log-loss and accuracy.</summary>
    Binary = 1,
    /// <summary>A number: one linear output on the standardised target, squared or Huber loss; validation loss and RMSE.</summary>
    Regression = 2,
}
