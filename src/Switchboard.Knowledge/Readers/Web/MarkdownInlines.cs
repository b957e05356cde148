using System.Runtime.CompilerServices;
using System.Text;
using Markdig.Syntax.Inlines;

namespace Switchboard.Knowledge.Readers.Web;

/// <summary>Plain text of Markdown inlines: literals, code spans, link labels and image alt texts; inline HTML dropped.</summary>
internal static class MarkdownInlines
{
    public static string Text(ContainerInline? inline)
    {
        var text = new StringBuilder();
        Append(text, inline);
        return text.ToString();
    }

    /// <summary>The text between tags of a raw HTML block; comments vanish with the tags.</summary>
    public static string StripTags(string html)
    {
        var text = new StringBuilder(html.Length);
        var inTag = false;
        foreach (var c in html)
        {
            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>' && inTag)
            {
                inTag = false;
                text.Append(' ');
            }
            else if (!inTag)
            {
                text.Append(c);
            }
        }

        return System.Net.WebUtility.HtmlDecode(text.ToString());
    }

    private static void Append(StringBuilder text, ContainerInline? container)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? '\n' : ' ');
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case ContainerInline inner:
                    Append(text, inner);
                    break;
            }
        }
    }
}
