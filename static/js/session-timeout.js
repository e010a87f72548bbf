// Warns a logged-in user shortly before the session ends for inactivity (kompotten.middleware.SessionTimeoutMiddleware)
// and offers to keep it. The numbers and addresses come from base.html's meta tags, the Swedish (or English) text
// from its <template>. Before warning and before ending, it asks the server how long is really left, so that work
// in another tab keeps this one from warning. Without JavaScript nothing changes: the session just ends, and the
// next page asks the user to log in again.
const meta = (name) => document.querySelector(`meta[name="kompotten-session-${name}"]`)?.content;

const idleSeconds = Number(meta("idle-seconds"));
const warningSeconds = Number(meta("warning-seconds"));
const statusUrl = meta("status-url");
const keepaliveUrl = meta("keepalive-url");
const template = document.getElementById("kompotten-session-warning");

let timer;
let banner;

async function secondsLeft(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok || response.redirected) {
    return 0;
  }
  const body = await response.json();
  return Number(body.idle_seconds_left) || 0;
}

function endSession() {
  // A fresh GET of this page: the server logs the user out and shows the login page saying why.
  window.location.assign(window.location.href.split("#")[0]);
}

function hideWarning() {
  banner?.remove();
  banner = undefined;
}

function showWarning(deadline) {
  if (!banner) {
    banner = template.content.firstElementChild.cloneNode(true);
    banner.querySelector("[data-session-continue]").addEventListener("click", keepAlive);
    document.body.append(banner);
  }
  const lang = document.documentElement.lang || "sv";
  banner.querySelector("[data-session-deadline]").textContent = deadline.toLocaleTimeString(lang, {
    hour: "2-digit",
    minute: "2-digit",
  });
}

function schedule(left) {
  clearTimeout(timer);
  if (left <= 0) {
    endSession();
  } else if (left > warningSeconds) {
    hideWarning();
    timer = setTimeout(check, (left - warningSeconds) * 1000);
  } else {
    showWarning(new Date(Date.now() + left * 1000));
    timer = setTimeout(check, (left + 1) * 1000);
  }
}

async function check() {
  try {
    schedule(await secondsLeft(statusUrl));
  } catch {
    timer = setTimeout(check, 15000); // the network is away for a moment: ask again soon
  }
}

async function keepAlive() {
  try {
    schedule(await secondsLeft(keepaliveUrl));
  } catch {
    endSession();
  }
}

if (template && statusUrl && keepaliveUrl && idleSeconds > 0) {
  schedule(idleSeconds);
}
