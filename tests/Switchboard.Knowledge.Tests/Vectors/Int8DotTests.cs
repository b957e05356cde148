using Switchboard.Knowledge.Vectors.Storage;

namespace Switchboard.Knowledge.Tests.Vectors;

public sealed class Int8DotTests
{
    [Fact]
    public void Dot_AnyLength_EqualsScalarSum()
    {
        var random = new Random(7);
        foreach (var length in new[] { 0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 384, 1000 })
        {
            var x = new sbyte[length];
            var y = new sbyte[length];
            for (var i = 0; i < length; i++)
            {
                x[i] = (sbyte)random.Next(-127, 128);
                y[i] = (sbyte)random.Next(-127, 128);
            }

            var expected = 0;
            for (var i = 0; i < length; i++)
            {
                expected += x[i] * y[i];
            }

            Assert.Equal(expected, Int8Dot.Dot(x, y));
        }
    }

    [Fact]
    public void Dot_ExtremeValues_DoesNotOverflow()
    {
        var x = Enumerable.Repeat((sbyte)-127, 4096).ToArray();
        Assert.Equal(127 * 127 * 4096, Int8Dot.Dot(x, x));
    }

    [Fact]
    public void Quantize_UnitVector_RoundTripsWithinHalfAStep()
    {
        var unit = RandomVectors.Uniform(1, 384, 3)[0];
        var bytes = new sbyte[unit.Length];
        var scale = VectorMath.Quantize(unit, bytes);
        for (var i = 0; i < unit.Length; i++)
        {
            Assert.InRange(unit[i] - (bytes[i] * scale), -scale / 2 - 1e-6f, scale / 2 + 1e-6f);
        }

        Assert.Equal(127, bytes.Max(b => Math.Abs((int)b)));
    }
}
