// @ts-check
// The screens around the session: which stage shows, the connection note, the summary and
// the sound settings dialog.

import { $, elementOf } from "./dom.js";
import { saveSettings, soundFields } from "./voice.js";

/**
 * The server's summary of a finished session (SessionSummaryAnswer in web/schemas.py); read
 * leniently, as an older server's answer may lack fields or wrap it in `summary`.
 * @typedef {{
 *   routine_name?: string, ending?: string, minutes?: number, done?: string[],
 *   skipped?: string[], not_reached?: string[], pain_before?: number | null, pain_after?: number | null,
 *   advice?: string[] | string, advice_lines?: string[] | string, camera?: string[],
 * }} Summary
 */

const STAGES = ["loading", "before", "play", "pain", "after", "saving", "summary", "problem"];

/**
 * Show one stage of the player and hide the others; move focus to its heading.
 * @param {string} name
 */
export function showStage(name) {
  for (const stage of STAGES) $(`stage-${stage}`).hidden = stage !== name;
  document.body.dataset.stage = name;
  // The pain button stays on screen for the whole session, paused or not.
  $("btn-pain").hidden = name !== "play";
  // While playing, the middle scrolls on its own when the screen is short: keys must reach it.
  if (name === "play") $("player-body").tabIndex = 0;
  else $("player-body").removeAttribute("tabindex");
  const heading = $(`stage-${name}`).querySelector("h1, h2");
  if (heading instanceof HTMLElement && name !== "play") {
    heading.tabIndex = -1;
    heading.focus();
  }
}

/**
 * Say clearly when results wait on this device for the server.
 * @param {{pending: number, reachable: boolean, busy?: boolean, retryInSeconds?: number}} status
 */
export function showConnection({ pending, reachable, busy = false, retryInSeconds = 0 }) {
  const note = $("connection");
  if (reachable && pending === 0) {
    note.hidden = true;
    return;
  }
  note.hidden = false;
  note.dataset.state = !reachable ? "offline" : busy ? "busy" : "sending";
  const waiting = pending === 1 ? "1 result waits" : `${pending} results wait`;
  if (!reachable) {
    note.textContent =
      `No connection to spinecoach. The session carries on; ${pending ? waiting : "results are kept"} ` +
      "on this device and will be sent when it is back.";
  } else if (busy) {
    const later = retryInSeconds >= 1 ? `in ${Math.round(retryInSeconds)} s` : "shortly";
    note.textContent =
      `spinecoach is busy for a moment. The session carries on; ${waiting} on this device ` +
      `and will be sent again ${later}.`;
  } else {
    note.textContent = `Sending your results (${waiting}).`;
  }
}

/**
 * Tell the person which results spinecoach refused; they stay until the person decides.
 * @param {import("./outbox.js").KeptItem[]} kept
 */
export function showKept(kept) {
  const box = $("kept");
  box.hidden = kept.length === 0;
  if (!kept.length) return;
  const what = kept.length === 1 ? "1 result was" : `${kept.length} results were`;
  const reasons = Array.from(new Set(kept.map((entry) => entry.detail))).join("; ");
  $("kept-text").textContent =
    `${what} not saved, because spinecoach said: ${reasons}. ` +
    "It stays on this device until you save a copy of it or discard it.";
}

/**
 * Make the clear error under a pain scale go away once a score is picked.
 * @param {HTMLFormElement} form
 */
export function bindPainScale(form) {
  form.addEventListener("change", () => {
    for (const error of form.querySelectorAll(".form-error")) {
      if (error instanceof HTMLElement) error.hidden = true;
    }
  });
}

/**
 * @param {HTMLElement} list
 * @param {string[]} lines
 */
function listItems(list, lines) {
  list.replaceChildren(
    ...lines.map((line) => {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    }),
  );
}

/**
 * Show the server's summary of the finished session, or the advice after a pain stop.
 * @param {{summary?: Summary} & Summary | null} body
 * @param {string} reason
 */
export function showSummary(body, reason) {
  const summary = body?.summary ?? body ?? {};
  const advice = summary.advice ?? summary.advice_lines ?? [];
  const lines = Array.isArray(advice) ? advice : [advice];
  if (reason === "pain") {
    listItems($("pain-advice"), lines);
    $("pain-recorded").textContent = "Recorded: this session stopped because the pain got worse.";
    return;
  }
  const facts = [];
  if (summary.routine_name) facts.push(`${summary.routine_name}: ${summary.ending ?? "saved"}`);
  if (summary.minutes !== undefined) {
    const minutes = Number(summary.minutes);
    facts.push(minutes < 1 ? "Time: under a minute" : `Time: ${Math.round(minutes)} minutes`);
  }
  if (summary.done?.length) facts.push(`Done: ${summary.done.join(", ")}`);
  if (summary.skipped?.length) facts.push(`Skipped: ${summary.skipped.join(", ")}`);
  if (summary.not_reached?.length) facts.push(`Not reached: ${summary.not_reached.join(", ")}`);
  if (summary.pain_before !== undefined && summary.pain_before !== null) {
    facts.push(`Pain before: ${summary.pain_before} of 10`);
  }
  if (summary.pain_after !== undefined && summary.pain_after !== null) {
    facts.push(`Pain after: ${summary.pain_after} of 10`);
  }
  for (const line of summary.camera ?? []) facts.push(`Camera coach: ${line}`);
  listItems($("summary-facts"), facts);
  listItems($("summary-advice"), lines.filter(Boolean));
  showStage("summary");
}

/**
 * Fill and wire the sound settings dialog (the Settings page's fields); kept in this browser.
 * @param {import("./voice.js").Voice} voice
 * @param {import("./audio.js").SoundScheduler} sound
 */
export function soundDialog(voice, sound) {
  const form = elementOf("sound-form", HTMLFormElement);
  const fields = soundFields(form);
  const select = fields.voiceName;
  for (const v of voice.voices) select.add(new Option(`${v.name} (${v.lang})`, v.name));
  $("sound-voice-name-row").hidden = voice.voices.length === 0;
  const settings = voice.settings;
  fields.voice.value = settings.voice;
  select.value = settings.voiceName;
  fields.rate.value = String(settings.rate);
  fields.volume.value = String(settings.volume);
  fields.beeps.checked = settings.beeps;
  const showValues = () => {
    $("sound-rate-value").textContent = Number(fields.rate.value).toFixed(1);
    $("sound-volume-value").textContent = String(Math.round(Number(fields.volume.value) * 100));
  };
  showValues();
  form.addEventListener("input", showValues);
  form.addEventListener("change", () => {
    settings.voice = fields.voice.value;
    settings.voiceName = select.value;
    settings.rate = Number(fields.rate.value);
    settings.volume = Number(fields.volume.value);
    settings.beeps = fields.beeps.checked;
    sound.volume = settings.volume;
    saveSettings(settings);
  });
}
