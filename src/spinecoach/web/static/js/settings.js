// @ts-check
// Voice, rate, volume and beeps, kept in this browser's localStorage: the player's own settings
// (one set of defaults), shown with the same fields as the player's Sound dialog.
import { $ } from "../player/dom.js";
import { loadSettings, saveSettings, soundFields } from "../player/voice.js";

/**
 * Offer the browser's voices that the list lacks, the chosen one selected.
 * @param {HTMLSelectElement} select
 * @param {string} chosen
 */
function fillVoices(select, chosen) {
  if (!("speechSynthesis" in window)) return;
  const voices = window.speechSynthesis.getVoices();
  for (const voice of voices) {
    if ([...select.options].some((option) => option.value === voice.name)) continue;
    const option = new Option(`${voice.name} (${voice.lang})`, voice.name);
    option.selected = voice.name === chosen;
    select.add(option);
  }
}

function start() {
  const form = document.getElementById("settings-form");
  if (!(form instanceof HTMLFormElement)) return;
  const settings = loadSettings();
  const { voice, voiceName, rate, volume, beeps } = soundFields(form);
  const rateValue = $("rate-value");
  const volumeValue = $("volume-value");
  const status = $("settings-status");
  voice.value = settings.voice;
  rate.value = String(settings.rate);
  volume.value = String(settings.volume);
  beeps.checked = settings.beeps;
  const show = () => {
    rateValue.textContent = Number(rate.value).toFixed(1);
    volumeValue.textContent = String(Math.round(Number(volume.value) * 100));
  };
  show();
  rate.addEventListener("input", show);
  volume.addEventListener("input", show);
  fillVoices(voiceName, settings.voiceName);
  if ("speechSynthesis" in window) {
    window.speechSynthesis.addEventListener("voiceschanged", () =>
      fillVoices(voiceName, settings.voiceName),
    );
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const saved = {
      voice: voice.value,
      voiceName: voiceName.value,
      rate: Number(rate.value),
      volume: Number(volume.value),
      beeps: beeps.checked,
    };
    saveSettings(saved);
    status.textContent = "Saved.";
  });
  $("test-voice").addEventListener("click", () => {
    if (!("speechSynthesis" in window)) {
      status.textContent = "This browser has no voice; the player uses spinecoach's own.";
      return;
    }
    const utterance = new SpeechSynthesisUtterance("Breathe in slowly, and hold.");
    utterance.rate = Number(rate.value);
    utterance.volume = Number(volume.value);
    const match = window.speechSynthesis.getVoices().find((v) => v.name === voiceName.value);
    if (match) utterance.voice = match;
    window.speechSynthesis.speak(utterance);
  });
}

start();
