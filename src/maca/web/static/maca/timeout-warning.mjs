// The GOV.UK timeout warning: before maca signs someone out for being idle, a modal dialog says
// so and offers to stay signed in. Progressive enhancement: without script (or without
// <dialog>) nothing shows, and a form sent after the session ended is kept by the server
// (common/kept.py) and given back after sign-in. No inline script: this module is loaded by
// init.mjs. The last activity is shared by the tabs of the browser through localStorage, so a
// page used in one tab keeps the others from warning.

const ACTIVITY_KEY = "maca-last-activity";

function now() {
  return Date.now();
}

function lastActivity(pageLoaded) {
  let stored = 0;
  try {
    stored = Number(window.localStorage.getItem(ACTIVITY_KEY)) || 0;
  } catch (error) {
    stored = 0; // storage switched off: this tab's own activity only
  }
  return Math.max(stored, pageLoaded);
}

function recordActivity(when) {
  try {
    window.localStorage.setItem(ACTIVITY_KEY, String(when));
  } catch (error) {
    // storage switched off: nothing to share
  }
}

function inWords(seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  }
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}

export function initTimeoutWarning(dialog) {
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  const timeout = Number(dialog.dataset.timeoutSeconds) * 1000;
  const warnBefore = Number(dialog.dataset.warnSeconds) * 1000;
  if (!timeout || !warnBefore) {
    return;
  }
  const form = dialog.querySelector("form");
  const countdown = dialog.querySelector(".maca-timeout__countdown");
  const announce = dialog.querySelector(".maca-timeout__announce");
  const title = dialog.querySelector("#maca-timeout-title");
  let pageLoaded = now();
  let returnFocus = null;
  let ended = false;
  let lastAnnounced = "";
  recordActivity(pageLoaded);

  function open() {
    if (!dialog.open) {
      returnFocus = document.activeElement;
      dialog.showModal();
      dialog.querySelector(".maca-timeout__stay").focus();
    }
  }

  function close() {
    if (dialog.open) {
      dialog.close();
    }
    if (returnFocus && typeof returnFocus.focus === "function") {
      returnFocus.focus();
    }
  }

  function showEnded() {
    ended = true;
    title.textContent = title.dataset.signedOutText;
    dialog.querySelectorAll(".maca-timeout__warning, .maca-timeout__actions").forEach((el) => {
      el.hidden = true;
    });
    dialog.querySelectorAll(".maca-timeout__ended").forEach((el) => {
      el.hidden = false;
    });
    open();
    dialog.querySelector(".maca-timeout__close").focus();
  }

  function tick() {
    if (ended) {
      return;
    }
    const left = timeout - (now() - lastActivity(pageLoaded));
    if (left <= 0) {
      showEnded();
      return;
    }
    if (left > warnBefore) {
      if (dialog.open) {
        close(); // another tab kept the session going
      }
      return;
    }
    const seconds = Math.ceil(left / 1000);
    countdown.textContent = inWords(seconds);
    // Screen readers hear the time each minute, then every 20 seconds, not every second.
    const spoken = inWords(seconds > 60 ? Math.ceil(seconds / 60) * 60 : Math.ceil(seconds / 20) * 20);
    if (spoken !== lastAnnounced) {
      announce.textContent = `You will be signed out in ${spoken}.`;
      lastAnnounced = spoken;
    }
    open();
  }

  async function stay(event) {
    event.preventDefault();
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
        redirect: "manual",
      });
      if (response.status !== 204) {
        showEnded();
        return;
      }
    } catch (error) {
      showEnded();
      return;
    }
    pageLoaded = now();
    recordActivity(pageLoaded);
    lastAnnounced = "";
    close();
  }

  dialog.querySelector(".maca-timeout__stay").addEventListener("click", stay);
  dialog.querySelector(".maca-timeout__close").addEventListener("click", close);
  // Escape means "carry on": stay signed in, as the dialog's main button does.
  dialog.addEventListener("cancel", (event) => {
    if (!ended) {
      stay(event);
    }
  });
  window.addEventListener("storage", (event) => {
    if (event.key === ACTIVITY_KEY) {
      tick();
    }
  });
  window.setInterval(tick, 1000);
}
