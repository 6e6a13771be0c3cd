using ILGPU;
using ILGPU.Runtime;

namespace GpuTraining;

/// <summary>
/// The kernels of a one-hidden-layer classifier, x -> relu(x W1 + b1) -> softmax(h W2 + b2), trained on the mean
/// cross-entropy plus <c>l2 / 2 * |W|^2</c> (the QuickStart network with ReLU). Matrices are row-major; a layer's weights
/// are stored with its bias as one extra, last row.
/// </summary>
internal static class MlpKernels
{
    /// <summary>hidden[n, j] = relu(b1[j] + sum_k x[n, k] w1[k, j]), one thread per (n, j).</summary>
    public static void Hidden(Index2D index, ArrayView2D<float, Stride2D.DenseX> x, ArrayView2D<float, Stride2D.DenseX> w1, ArrayView2D<float, Stride2D.DenseX> hidden)
    {
        int n = index.X, j = index.Y;
        var inputs = (int)x.IntExtent.Y;
        var sum = w1[inputs, j];
        for (var k = 0; k < inputs; k++)
        {
            sum += x[n, k] * w1[k, j];
        }

        hidden[n, j] = MathF.Max(sum, 0f);
    }

    /// <summary>
    /// Per example: the logits, their softmax, the example's loss, and the gradient of the mean loss with respect to the
    /// logits, <c>(p - onehot) / N</c>. One thread per example.
    /// </summary>
    public static void Output(
        Index1D n,
        ArrayView2D<float, Stride2D.DenseX> hidden,
        ArrayView2D<float, Stride2D.DenseX> w2,
        ArrayView<int> labels,
        ArrayView2D<float, Stride2D.DenseX> delta,
        ArrayView<float> loss)
    {
        var units = (int)hidden.IntExtent.Y;
        var classes = (int)w2.IntExtent.Y;
        var max = float.MinValue;
        for (var c = 0; c < classes; c++)
        {
            var logit = w2[units, c];
            for (var j = 0; j < units; j++)
            {
                logit += hidden[n, j] * w2[j, c];
            }

            delta[n, c] = logit;
            max = MathF.Max(max, logit);
        }

        var total = 0f;
        for (var c = 0; c < classes; c++)
        {
            total += MathF.Exp(delta[n, c] - max);
        }

        var logTotal = MathF.Log(total) + max;
        var count = (float)labels.Length;
        for (var c = 0; c < classes; c++)
        {
            var p = MathF.Exp(delta[n, c] - logTotal);
            delta[n, c] = (p - (c == labels[n] ? 1f : 0f)) / count;
        }

        loss[n] = logTotal - LogitOf(n, hidden, w2, labels[n]);
    }

    /// <summary>The gradient of a layer's weights and bias: g[i, j] = sum_n in[n, i] out[n, j] (+ l2 w[i, j] for weights); row <c>inputs</c> is the bias.</summary>
    public static void WeightGradient(
        Index2D index,
        ArrayView2D<float, Stride2D.DenseX> input,
        ArrayView2D<float, Stride2D.DenseX> outputDelta,
        ArrayView2D<float, Stride2D.DenseX> weights,
        ArrayView2D<float, Stride2D.DenseX> gradient,
        float l2)
    {
        int i = index.X, j = index.Y;
        var rows = (int)input.IntExtent.X;
        var isBias = i == (int)input.IntExtent.Y;
        var sum = 0f;
        for (var n = 0; n < rows; n++)
        {
            sum += (isBias ? 1f : input[n, i]) * outputDelta[n, j];
        }

        gradient[i, j] = isBias ? sum : sum + (l2 * weights[i, j]);
    }

    /// <summary>The hidden layer's delta: d[n, j] = (sum_c delta[n, c] w2[j, c]) where hidden[n, j] &gt; 0, else 0.</summary>
    public static void HiddenDelta(
        Index2D index,
        ArrayView2D<float, Stride2D.DenseX> hidden,
        ArrayView2D<float, Stride2D.DenseX> delta,
        ArrayView2D<float, Stride2D.DenseX> w2,
        ArrayView2D<float, Stride2D.DenseX> hiddenDelta)
    {
        int n = index.X, j = index.Y;
        var sum = 0f;
        for (var c = 0; c < (int)delta.IntExtent.Y; c++)
        {
            sum += delta[n, c] * w2[j, c];
        }

        hiddenDelta[n, j] = hidden[n, j] > 0f ? sum : 0f;
    }

    /// <summary>Plain gradient descent: w -= rate * g, one thread per weight.</summary>
    public static void Step(Index1D i, ArrayView<float> weights, ArrayView<float> gradient, float rate) => weights[i] -= rate * gradient[i];

    private static float LogitOf(int n, ArrayView2D<float, Stride2D.DenseX> hidden, ArrayView2D<float, Stride2D.DenseX> w2, int c)
    {
        var units = (int)hidden.IntExtent.Y;
        var logit = w2[units, c];
        for (var j = 0; j < units; j++)
        {
            logit += hidden[n, j] * w2[j, c];
        }

        return logit;
    }
}
