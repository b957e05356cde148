using Microsoft.Extensions.Hosting;

namespace Switchboard.Gateway.Accounting;

/// <summary>
/// Waits at shutdown for settlements still on their way to a remote limits store, so a stopping process leaves
/// no reservation behind. Stops after the web server (hosted services stop in reverse order of registration).
/// </summary>
internal sealed class AccountingShutdown(RequestCompletion completion) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await completion.DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Out of shutdown time: Redis expires the leftovers (limits.leaseSeconds).
        }
    }
}
