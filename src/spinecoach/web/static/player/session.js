// @ts-check
// Finding the session to play: resume the server's, carry on offline from this browser's
// copy, or get ready for a new one. The player never compiles a timeline itself.

const LIST_FIELDS = new Set(["avoid", "region"]);
const NUMBER_FIELDS = new Set(["minutes", "pain_before"]);
// The page's choices that decide what is left of an interrupted session to play.
const CURRENT_FIELDS = ["place", "minutes", "avoid", "region"];

/**
 * The session's shapes as the server sends them (web/schemas.py) and as this browser keeps them.
 * @typedef {import("./playback.js").Cue} Cue
 * @typedef {import("./playback.js").Reason} Reason
 * @typedef {{exercise: string, name: string, repetitions: number, hold_seconds: number}}
 *   PlannedExercise
 * @typedef {{id: string, name: string, exercises: PlannedExercise[]}} Routine
 * @typedef {{routine: Routine, setting: string, total_seconds: number, cues: Cue[]}} Timeline
 * @typedef {{
 *   session: {id: number}, timeline: Timeline, first_exercise: number, speed: number,
 *   positions: number[], results?: {position: number}[], pain_before?: number | null,
 * }} PlayableSession
 *
 * A session being played: what the server said, the positions this browser ended, and how it
 * stopped once it has.
 * @typedef {PlayableSession & {ended: number[], finished?: Reason}} SessionState
 * @typedef {{mode: "resume" | "offline", state: SessionState} | {mode: "new", state: null}} Found
 */

export class ProblemError extends Error {}
/** The interrupted session cannot carry on: nothing left of it fits the page's choices. */
export class NothingLeftError extends ProblemError {}

/**
 * Return the server's own words from an error answer, or a sentence naming its status.
 * @param {Response} response
 * @returns {Promise<string>}
 */
async function detail(response) {
  try {
    /** @type {{detail?: string | {msg: string}[]}} */
    const body = await response.json();
    if (typeof body.detail === "string") return body.detail;
    if (Array.isArray(body.detail)) return body.detail.map((d) => d.msg).join("; ");
  } catch {
    // not JSON: fall through to the status line
  }
  return `The server answered ${response.status}.`;
}

/**
 * Merge what the server knows with what this browser still has to send. The server says what
 * is left and under which position each exercise is recorded; an exercise this browser ended
 * but has not sent yet is not played again.
 * @param {PlayableSession} server
 * @param {SessionState | null} local
 * @returns {SessionState}
 */
function merged(server, local) {
  const recorded = (server.results ?? []).map((r) => r.position);
  const sameSession = local && local.session.id === server.session.id;
  const ended = new Set([...recorded, ...(sameSession ? (local.ended ?? []) : [])]);
  const positions = server.positions ?? [];
  let first = server.first_exercise ?? 0;
  while (first < positions.length && ended.has(positions[first])) first += 1;
  const kept = sameSession ? local : {};
  return { ...kept, ...server, first_exercise: first, ended: Array.from(ended) };
}

/**
 * Return how to begin: {mode: "resume"|"new"|"offline", state} or throw ProblemError.
 * "offline" means the server did not answer and this browser holds an unfinished session.
 * @param {import("./outbox.js").Outbox} outbox
 * @param {URLSearchParams} [query]
 * @returns {Promise<Found>}
 */
export async function findSession(outbox, query = new URLSearchParams()) {
  const local = await outbox.loadState();
  let response;
  try {
    // The page's choices (place, minutes, what to avoid) decide what is left of it to play.
    const asked = new URLSearchParams();
    for (const field of CURRENT_FIELDS) for (const value of query.getAll(field)) asked.append(field, value);
    const url = `/api/sessions/current${asked.size ? `?${asked}` : ""}`;
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } catch {
    if (local && !local.finished) return { mode: "offline", state: local };
    throw new ProblemError(
      "spinecoach is not running on your computer, so a new session cannot start. " +
        "Start it again, then reload this page.",
    );
  }
  if (response.ok) return { mode: "resume", state: merged(await response.json(), local) };
  if (response.status === 404) {
    if (local && !local.finished && (await outbox.pending()) > 0) {
      return { mode: "resume", state: local };
    }
    return { mode: "new", state: null };
  }
  if (response.status === 400) throw new NothingLeftError(await detail(response));
  throw new ProblemError(await detail(response));
}

/**
 * Create a session from the start form: the plan it carries (routine, place, minutes...), the
 * pain score and how it feels. `speed` comes from the page's address (tests, demonstrations).
 * @param {HTMLFormElement} form
 * @param {number} speed
 * @returns {Promise<SessionState>}
 */
export async function createSession(form, speed) {
  /** @type {Record<string, unknown>} */
  const body = { speed };
  for (const [field, value] of new FormData(form)) {
    if (value === "") continue; // "Rather not say"
    const earlier = body[field];
    if (LIST_FIELDS.has(field)) body[field] = [...(Array.isArray(earlier) ? earlier : []), value];
    else body[field] = NUMBER_FIELDS.has(field) ? Number(value) : value;
  }
  let response;
  try {
    response = await fetch("/api/sessions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ProblemError(
      "spinecoach is not reachable, so a new session cannot start. Start it again and retry.",
    );
  }
  if (!response.ok) throw new ProblemError(await detail(response));
  /** @type {PlayableSession} */
  const created = await response.json();
  const painBefore = body.pain_before; // a number: pain_before is one of the NUMBER_FIELDS
  const pain = typeof painBefore === "number" ? painBefore : undefined;
  return { ...created, ended: [], pain_before: pain };
}
