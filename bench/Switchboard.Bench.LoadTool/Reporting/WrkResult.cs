namespace Switchboard.Bench.LoadTool.Reporting;

/// <summary>The figures read from one <c>wrk --latency</c> run's text output.</summary>
internal sealed record WrkResult(double RequestsPerSecond, long Requests, long Non2xx, long SocketErrors, double? P50Us, double? P90Us, double? P99Us);
