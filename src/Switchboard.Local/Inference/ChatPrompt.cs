using System.Text;
using Switchboard.Local.Native;

namespace Switchboard.Local.Inference;

/// <summary>
/// Turns chat messages into the prompt text a model was trained on, with llama.cpp's template support:
/// the model's own template from its GGUF metadata, or ChatML when it has none; or <c>raw</c>, the
/// message texts joined by newlines without any roles (for base models such as stories260K).
/// </summary>
internal static unsafe class ChatPrompt
{
    public const string Raw = "raw";

    /// <summary>The prompt for <paramref name="messages"/> (role, text) ending where the assistant's answer begins.</summary>
    public static string Render(LlamaModel model, IReadOnlyList<(string Role, string Content)> messages, string template)
    {
        if (string.Equals(template, Raw, StringComparison.OrdinalIgnoreCase))
        {
            return string.Join('\n', messages.Select(m => m.Content));
        }

        var chosen = template is "auto" or "" ? model.ChatTemplate() ?? "chatml" : template;
        var native = new LlamaChatMessage[messages.Count];
        var handles = new List<System.Runtime.InteropServices.GCHandle>();
        try
        {
            for (var i = 0; i < messages.Count; i++)
            {
                var role = Pin(Encoding.UTF8.GetBytes(messages[i].Role + "\0"), handles);
                var content = Pin(Encoding.UTF8.GetBytes(messages[i].Content + "\0"), handles);
                native[i] = new LlamaChatMessage { Role = role, Content = content };
            }

            var templateBytes = Encoding.UTF8.GetBytes(chosen + "\0");
            var capacity = Math.Max(1024, messages.Sum(m => m.Content.Length + m.Role.Length) * 2 + 256);
            while (true)
            {
                var buffer = new byte[capacity];
                int length;
                fixed (byte* t = templateBytes)
                fixed (LlamaChatMessage* m = native)
                fixed (byte* b = buffer)
                {
                    length = model.Api.ChatApplyTemplate(t, m, (nuint)native.Length, 1, b, buffer.Length);
                }

                if (length < 0)
                {
                    throw new ArgumentException($"chat template '{(chosen.Length > 40 ? chosen[..40] + "…" : chosen)}' is not supported by llama.cpp; set chatTemplate to a known name or raw");
                }

                if (length <= buffer.Length)
                {
                    return Encoding.UTF8.GetString(buffer, 0, length);
                }

                capacity = length;
            }
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Free();
            }
        }
    }

    private static byte* Pin(byte[] bytes, List<System.Runtime.InteropServices.GCHandle> handles)
    {
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(bytes, System.Runtime.InteropServices.GCHandleType.Pinned);
        handles.Add(handle);
        return (byte*)handle.AddrOfPinnedObject();
    }
}
