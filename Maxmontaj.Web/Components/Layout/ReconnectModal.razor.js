// The reconnect dialog (adapted from the .NET 10 Blazor template): one message at a time with a countdown to the next try,
// a "retry now" button, and a reload as soon as the server answers without this page's circuit (after a restart or a deploy).
// The words come from the dialog's data- attributes, rendered from the resx by ReconnectModal.razor. ADR 0030.
const reconnectModal = document.getElementById("components-reconnect-modal");
const message = document.getElementById("components-reconnect-message");
reconnectModal.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);

document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);
document.getElementById("components-reload-button").addEventListener("click", () => location.reload());

function say(text) {
    if (message.textContent !== text) {
        message.textContent = text;
    }
}

function handleReconnectStateChanged(event) {
    const state = event.detail.state;
    reconnectModal.dataset.state = state;
    if (state === "show") {
        say(reconnectModal.dataset.lost);
        if (!reconnectModal.open) {
            reconnectModal.showModal();
        }
    } else if (state === "hide") {
        reconnectModal.close();
    } else if (state === "retrying") {
        const seconds = event.detail.secondsToNextAttempt;
        say(seconds > 0 ? reconnectModal.dataset.countdown.replace("{0}", seconds) : reconnectModal.dataset.lost);
    } else if (state === "failed") {
        say(reconnectModal.dataset.failed);
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    } else if (state === "paused") {
        say(reconnectModal.dataset.paused);
    } else if (state === "resume-failed") {
        say(reconnectModal.dataset.resumeFailed);
    } else if (state === "rejected") {
        reload();
    }
}

function reload() {
    say(reconnectModal.dataset.reloading);
    location.reload();
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    say(reconnectModal.dataset.lost);
    try {
        // true: back on this circuit; false: the server answered but no longer knows the circuit; a throw: still down.
        const successful = await Blazor.reconnect();
        if (successful) {
            reconnectModal.close();
        } else if (await Blazor.resumeCircuit()) {
            reconnectModal.close();
        } else {
            reload();
        }
    } catch {
        say(reconnectModal.dataset.failed);
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    }
}

async function resume() {
    try {
        if (!await Blazor.resumeCircuit()) {
            reload();
        }
    } catch {
        reconnectModal.dataset.state = "resume-failed";
        say(reconnectModal.dataset.resumeFailed);
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
