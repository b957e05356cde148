using System.Globalization;
using System.Net;
using Switchboard.Bench.MockUpstream;

var failRate = 0.0;
if (args is not ["--port", var portText, ..] || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
    || (args.Length > 2 && (args is not [_, _, "--fail-rate", var rateText] || !double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out failRate))))
{
    Console.Error.WriteLine("usage: Switchboard.Bench.MockUpstream --port N [--fail-rate 0.3]");
    return 2;
}

ChatCompletionsEndpoint.FailRate = failRate;

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, port);
});

var app = builder.Build();
app.MapMockEndpoints();
await app.RunAsync();
return 0;
