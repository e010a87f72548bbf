// Follows a report run while it is queued or running: asks the server for its state every two seconds, moves the
// progress bar and says which step it is on; when the run has finished, loads the page again to show the download
// or the reason it failed. The requests say they are a background check, so they do not keep the session alive.
// Without JavaScript the page has a link that reloads it.
const region = document.querySelector("[data-report-status-url]");
const INTERVAL_MS = 2000;

async function poll() {
  let body;
  try {
    const response = await fetch(region.dataset.reportStatusUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-Kompotten-Background": "1" },
    });
    if (!response.ok || response.redirected) {
      return; // logged out or gone: stop; the page's own link still works
    }
    body = await response.json();
  } catch {
    window.setTimeout(poll, INTERVAL_MS * 3);
    return;
  }
  if (body.finished) {
    window.location.reload();
    return;
  }
  region.querySelector("[data-report-progress]").value = body.progress;
  region.querySelector("[data-report-progress]").textContent = `${body.progress} %`;
  const step = region.querySelector("[data-report-step]");
  if (body.step && step.textContent !== body.step) {
    step.textContent = body.step;
  }
  const state = document.querySelector("[data-report-state]");
  if (state.textContent !== body.state_label) {
    state.textContent = body.state_label;
    state.className = `govuk-tag ${body.state === "running" ? "govuk-tag--blue" : "govuk-tag--grey"}`;
  }
  window.setTimeout(poll, INTERVAL_MS);
}

if (region) {
  window.setTimeout(poll, INTERVAL_MS);
}
