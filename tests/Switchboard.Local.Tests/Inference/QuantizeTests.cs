using System.Text;
using Switchboard.Local.Gguf;
using Switchboard.Local.Inference;
using Switchboard.Local.Native;

namespace Switchboard.Local.Tests.Inference;

/// <summary>llama.cpp's quantiser through our binding, checked against ggml's block layout with our own GGUF reader.</summary>
public sealed class QuantizeTests
{
    [Fact]
    public void Stories260K_ToQ8_0_HasTheExpectedBlockLayout_LoadsAndGenerates()
    {
        var api = LlamaLibrary.Load();
        var output = Path.Combine(Path.GetTempPath(), $"stories-q8-{Guid.NewGuid():N}.gguf");
        try
        {
            ModelQuantizer.Quantize(api, SharedModels.Stories260K, output, "Q8_0");

            var before = GgufReader.Read(SharedModels.Stories260K);
            var after = GgufReader.Read(output);
            var original = before.Tensors.ToDictionary(t => t.Name);
            Assert.Equal(before.Tensors.Count, after.Tensors.Count);
            foreach (var tensor in after.Tensors)
            {
                Assert.Equal(original[tensor.Name].ElementCount, tensor.ElementCount);
                // Matrices whose rows split into 32-element blocks become Q8_0 (34 bytes per block); rows that do not
                // (ffn_down: 172 columns) fall back to F16, as llama.cpp does; vectors (norms) stay F32.
                var expected = tensor.Dimensions.Count < 2 ? GgmlType.F32 : tensor.Dimensions[0] % 32 == 0 ? GgmlType.Q8_0 : GgmlType.F16;
                Assert.True(expected == tensor.Type, $"{tensor.Name}: {tensor.Type}, expected {expected}");
            }

            var q8Tensors = after.Tensors.Where(t => t.Type == GgmlType.Q8_0).ToList();
            Assert.NotEmpty(q8Tensors);
            Assert.All(q8Tensors, t => Assert.Equal(t.ElementCount / 32 * 34, t.ByteCount));
            var expectedRatio = (double)after.TensorDataBytes / before.TensorDataBytes;
            var fileRatio = (double)new FileInfo(output).Length / new FileInfo(SharedModels.Stories260K).Length;
            // Headers and alignment padding are the only difference between the data ratio and the file ratio.
            Assert.InRange(fileRatio, expectedRatio, expectedRatio + 0.02);
            Assert.InRange(expectedRatio, 0.26, 0.35);

            using var model = LlamaModel.Load(output, api);
            using var context = new LlamaContext(model, 128);
            var text = new StringBuilder();
            var stats = TextGenerator.Generate(context, [model.Bos], 20, SamplingOptions.Greedy, p => text.Append(p));
            Assert.Equal(20, stats.GeneratedTokens);
            Assert.StartsWith(" Once upon a time", text.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
