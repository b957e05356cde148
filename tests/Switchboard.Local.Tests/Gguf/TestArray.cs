using Switchboard.Local.Gguf;

namespace Switchboard.Local.Tests.Gguf;

/// <summary>An array value for <see cref="TestGgufWriter"/>; <see cref="Count"/> overrides the written length to fake corruption.</summary>
internal sealed record TestArray(GgufValueType ElementType, IReadOnlyList<object> Items, ulong? Count = null);
