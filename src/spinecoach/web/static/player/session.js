// Finding the session to play: resume the server's, carry on offline from this browser's
// copy, or get ready for a new one. The player never compiles a timeline itself.

const LIST_FIELDS = new Set(["avoid", "region"]);
const NUMBER_FIELDS = new Set(["minutes", "pain_before"]);
// The page's choices that decide what is left of an interrupted session to play.
const CURRENT_FIELDS = ["place", "minutes", "avoid", "region"];

export class ProblemError extends Error {}
/** The interrupted session cannot carry on: nothing left of it fits the page's choices. */
export class NothingLeftError extends ProblemError {}

async function detail(response) {
  try {
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
 */
export async function createSession(form, speed) {
  const body = { speed };
  for (const [field, value] of new FormData(form)) {
    if (value === "") continue; // "Rather not say"
    if (LIST_FIELDS.has(field)) body[field] = [...(body[field] ?? []), value];
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
  const created = await response.json();
  return { ...created, ended: [], pain_before: body.pain_before };
}
