namespace Switchboard.Knowledge.Readers.Pdf;

/// <summary>
/// Code-to-Unicode layouts of the TeX math fonts for codes 0–127: OML (CMMI, math italic), OMS (CMSY, symbols) and
/// the CMEX extension font. An entry of null keeps the code's ASCII character, an empty string drops a glyph that is
/// only a piece of a larger symbol. Glyph names follow the Adobe Glyph List (so CMMI's "phi" is φ, its "phi1" ϕ).
/// Immutable and thread-safe.
/// </summary>
internal sealed class TexMathTables
{
    public static readonly TexMathTables MathItalic = new(
        [
            "Γ", "Δ", "Θ", "Λ", "Ξ", "Π", "Σ", "Υ", "Φ", "Ψ", "Ω", "α", "β", "γ", "δ", "ϵ",
            "ζ", "η", "θ", "ι", "κ", "λ", "μ", "ν", "ξ", "π", "ρ", "σ", "τ", "υ", "φ", "χ",
            "ψ", "ω", "ε", "ϑ", "ϖ", "ϱ", "ς", "ϕ", "↼", "↽", "⇀", "⇁", "", "", "▹", "◃",
            null, null, null, null, null, null, null, null, null, null, ".", ",", "<", "/", ">", "⋆",
            "∂", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, "♭", "♮", "♯", "⌣", "⌢",
            "ℓ", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, "ı", "ȷ", "℘", "", "",
        ],
        foreign: ";:[]{}|\\!\"#$%&'()*+-=?@^_`~");

    public static readonly TexMathTables Symbols = new(
        [
            "−", "·", "×", "∗", "÷", "⋄", "±", "∓", "⊕", "⊖", "⊗", "⊘", "⊙", "◯", "◦", "•",
            "≍", "≡", "⊆", "⊇", "≤", "≥", "⪯", "⪰", "∼", "≈", "⊂", "⊃", "≪", "≫", "≺", "≻",
            "←", "→", "↑", "↓", "↔", "↗", "↘", "≃", "⇐", "⇒", "⇑", "⇓", "⇔", "↖", "↙", "∝",
            "′", "∞", "∈", "∋", "△", "▽", "\u0338", "↦", "∀", "∃", "¬", "∅", "ℜ", "ℑ", "⊤", "⊥",
            "ℵ", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, "∪", "∩", "⊎", "∧", "∨",
            "⊢", "⊣", "⌊", "⌋", "⌈", "⌉", "{", "}", "〈", "〉", "|", "‖", "↕", "⇕", "\\", "≀",
            "√", "⨿", "∇", "∫", "⊔", "⊓", "⊑", "⊒", "§", "†", "‡", "¶", "♣", "♦", "♥", "♠",
        ],
        foreign: "0123456789abcdefghijklmnopqrstuvwxyz!\"#$%&'()*+,-./:;<=>?@[]^_`");

    public static readonly TexMathTables Extension = new(
        [
            "(", ")", "[", "]", "⌊", "⌋", "⌈", "⌉", "{", "}", "〈", "〉", "|", "‖", "/", "\\",
            "(", ")", "(", ")", "[", "]", "⌊", "⌋", "⌈", "⌉", "{", "}", "〈", "〉", "/", "\\",
            "(", ")", "[", "]", "⌊", "⌋", "⌈", "⌉", "{", "}", "〈", "〉", "/", "\\", "/", "\\",
            "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
            "", "", "", "", "〈", "〉", "⊔", "⊔", "∮", "∮", "⊙", "⊙", "⊕", "⊕", "⊗", "⊗",
            "∑", "∏", "∫", "⋃", "⋂", "⊎", "⋀", "⋁", "∑", "∏", "∫", "⋃", "⋂", "⊎", "⋀", "⋁",
            "∐", "∐", "^", "^", "^", "~", "~", "~", "[", "]", "⌊", "⌋", "⌈", "⌉", "{", "}",
            "√", "√", "√", "√", "√", "", "", "", "", "", "", "", "", "", "", "",
        ],
        foreign: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private readonly string?[] _map;
    private readonly string _foreign;

    private TexMathTables(string?[] map, string foreign)
    {
        _map = map;
        _foreign = foreign;
    }

    /// <summary>The text for a raw code, or null to keep the character.</summary>
    public string? Map(char code) => code < _map.Length ? _map[code] : null;

    /// <summary>True for an ASCII character that only a raw code yields in this font (its own layout has another glyph there).</summary>
    public bool IsForeign(char c) => _foreign.Contains(c, StringComparison.Ordinal);
}
