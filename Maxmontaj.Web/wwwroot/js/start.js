// Starts Blazor with Maxmontaj's reconnection schedule: a try at once, then every second for half a minute, every 2 s for the
// next two minutes, then every 5 s, about a quarter of an hour in all. Blazor's default (ten quick tries, then 5 s, then
// 30 s) left open pages waiting up to 30 s after the server was back. A try against a server that is down costs one refused
// connection (or Apache's 503). ADR 0030.
Blazor.start({
    circuit: {
        reconnectionOptions: {
            maxRetries: 240,
            retryIntervalMilliseconds: (previousAttempts) =>
                previousAttempts === 0 ? 0 : previousAttempts < 30 ? 1000 : previousAttempts < 90 ? 2000 : 5000,
        },
    },
});
