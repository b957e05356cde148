using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Tokens;

/// <summary>
/// The HMAC key access tokens are signed with: from configuration, else from <c>DATA/jwt-signing.key</c>,
/// which is generated (64 random bytes, mode 0600) the first time a token is issued or checked — not
/// before, so CLI verbs that never touch tokens leave the data directory alone. Singleton; thread-safe.
/// </summary>
internal sealed partial class JwtSigningKey
{
    public const int MinimumBytes = 32;
    private const int GeneratedBytes = 64;

    private readonly Lazy<SymmetricSecurityKey> _key;

    public JwtSigningKey(IOptions<ControlPlaneOptions> options, ILogger<JwtSigningKey> logger) =>
        _key = new Lazy<SymmetricSecurityKey>(() => new SymmetricSecurityKey(Load(options.Value, logger)));

    public SymmetricSecurityKey Key => _key.Value;

    public static bool TryDecode(string base64, out byte[] bytes)
    {
        bytes = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64.Trim(), bytes, out var written) && written >= MinimumBytes)
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }

    private static byte[] Load(ControlPlaneOptions options, ILogger logger)
    {
        if (options.Tokens.SigningKey is { } configured)
        {
            return TryDecode(configured, out var decoded)
                ? decoded
                : throw new InvalidOperationException($"The configured JWT signing key is not valid base64 of at least {MinimumBytes} bytes.");
        }

        var path = Path.Combine(Path.GetFullPath(options.DataDirectory), options.Tokens.SigningKeyFile);
        if (options.Storage.Provider == ControlPlaneProvider.Postgres)
        {
            LogPerNodeKey(logger, path);
        }

        return LoadOrCreate(path, logger);
    }

    private static byte[] LoadOrCreate(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var created = System.Security.Cryptography.RandomNumberGenerator.GetBytes(GeneratedBytes);
            var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using (var writer = new StreamWriter(path, file))
                {
                    writer.Write(Convert.ToBase64String(created));
                }

                LogCreated(logger, path);
                return created;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }

        return TryDecode(File.ReadAllText(path), out var bytes)
            ? bytes
            : throw new InvalidOperationException($"{path} does not hold base64 of at least {MinimumBytes} bytes; delete it to generate a new key (this logs everyone out).");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated a JWT signing key in {Path}")]
    private static partial void LogCreated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "JWT signing key read from {Path}: every node of a PostgreSQL cluster needs the same key; set SWITCHBOARD_JWT_SIGNING_KEY")]
    private static partial void LogPerNodeKey(ILogger logger, string path);
}
