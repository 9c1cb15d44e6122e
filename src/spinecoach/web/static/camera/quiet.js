// @ts-check
// When the camera coach may speak: never over the words of a cue (a breath, a hold, a switch).
//
// Pure: takes the Playback and `now` (seconds, the player's monotonic clock) and returns the
// time until which the coach keeps quiet, the `quietUntil` that FormCoach.frame honours.

const WORDS_PER_SECOND = 2.5; // the voice speaks about 150 words a minute at rate 1
const SPEECH_MARGIN_SECONDS = 0.6; // a voice starts and ends with a little silence
// A correction needs about this long; one that would run into the next cue's words waits.
export const CORRECTION_SECONDS = 3.5;
const LOOK_AHEAD_CUES = 12;

/**
 * Return about how long the voice takes to say the text at the given rate.
 * @param {string | null | undefined} text
 * @param {number} [rate]
 * @returns {number}
 */
export function speechSeconds(text, rate = 1) {
  const words = String(text ?? "").split(/\s+/).filter(Boolean).length;
  return words ? SPEECH_MARGIN_SECONDS + words / (WORDS_PER_SECOND * rate) : 0;
}

/**
 * Return until when the coach must stay quiet: the end of the current cue's words, and of
 * every following cue that starts before a correction said then would be over.
 * @param {import("../player/playback.js").Playback} playback
 * @param {number} now
 * @param {number} [rate]
 * @returns {number}
 */
export function quietUntil(playback, now, rate = 1) {
  const index = playback.currentIndex;
  if (index === null || playback.finished) return now;
  if (playback.paused) return now; // pausing silenced the cue; nothing else will be said
  const cues = playback.cues;
  let quiet = playback.deadline(index) + speechSeconds(cues[index].text, rate);
  const last = Math.min(cues.length - 1, index + LOOK_AHEAD_CUES);
  for (let next = index + 1; next <= last; next += 1) {
    const starts = playback.deadline(next);
    if (starts >= Math.max(quiet, now) + CORRECTION_SECONDS) break;
    quiet = Math.max(quiet, starts + speechSeconds(cues[next].text, rate));
  }
  return quiet;
}
