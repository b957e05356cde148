namespace Switchboard.Knowledge.Readers.PlainText;

/// <summary>Text decoded from bytes, and the name of the encoding that was used or detected.</summary>
internal readonly record struct DecodedText(string Text, string EncodingName);
