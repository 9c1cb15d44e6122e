// @ts-check
// Nothing lost: results wait in IndexedDB until the server has stored them, sent in order, once.
//
// Each result carries an idempotency key made when the exercise ended, so a retry after a lost
// answer is recognised by the server and never recorded twice. A server that is away, busy
// (503, 429) or failing (5xx) is tried again with a growing pause, or after the Retry-After it
// asks for. A refusal the player cannot fix by sending again (another 4xx) is not dropped: the
// item moves to a "kept" store and the person is told; only they discard it or save a copy.
// The session being played is kept here too, so a reload, a closed tab or a stopped server
// can resume where it stopped.

const DB_NAME = "spinecoach-player";
const DB_VERSION = 2; // 2: the "kept" store for items the server refused
const RETRY_SECONDS = [1, 2, 4, 8, 16, 30]; // then every 30 s until it is stored
const MAX_RETRY_AFTER_SECONDS = 30;

/**
 * @typedef {{kind: string, url: string, body: Record<string, unknown>}} OutboxItem
 * @typedef {{item: OutboxItem, status: number, detail: string, refusedAt: string}} KeptItem
 * @typedef {{pending: number, reachable: boolean, busy: boolean, retryInSeconds: number}} OutboxStatus
 * @typedef {{status: number, body: unknown}} Answer
 * @typedef {{retryAfter: number | null}} TryAgain
 * @typedef {import("./session.js").SessionState} SessionState
 */

/**
 * Resolve with an IndexedDB request's result.
 * @template T
 * @param {IDBRequest<T>} idbRequest
 * @returns {Promise<T>}
 */
function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

/**
 * Resolve once a transaction has committed.
 * @param {IDBTransaction} transaction
 * @returns {Promise<void>}
 */
function committed(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

/** @returns {Promise<IDBDatabase>} */
async function openDatabase() {
  const opening = indexedDB.open(DB_NAME, DB_VERSION);
  opening.onupgradeneeded = () => {
    const db = opening.result;
    if (!db.objectStoreNames.contains("outbox")) {
      db.createObjectStore("outbox", { autoIncrement: true });
    }
    if (!db.objectStoreNames.contains("state")) db.createObjectStore("state");
    if (!db.objectStoreNames.contains("kept")) db.createObjectStore("kept", { autoIncrement: true });
  };
  return request(opening);
}

/** Return a random key; crypto.randomUUID needs a secure context, a LAN address is not one. */
export function idempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Return the seconds a Retry-After header asks for (a number or an HTTP date), or null.
 * @param {string | null} header
 * @returns {number | null}
 */
export function retryAfterSeconds(header) {
  if (!header) return null;
  const seconds = Number(header);
  const wait = Number.isFinite(seconds) ? seconds : (Date.parse(header) - Date.now()) / 1000;
  if (!Number.isFinite(wait)) return null;
  return Math.min(Math.max(wait, 0), MAX_RETRY_AFTER_SECONDS);
}

/**
 * Return the server's own words from an error body, or a sentence naming the status.
 * @param {unknown} body
 * @param {number} status
 * @returns {string}
 */
function detailOf(body, status) {
  const detail = body && typeof body === "object" && "detail" in body ? body.detail : null;
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) return detail.map((problem) => String(problem?.msg)).join("; ");
  return `the server answered ${status}`;
}

export class Outbox {
  /**
   * @param {{
   *   onStatus?: (status: OutboxStatus) => void,
   *   onAnswer?: (item: OutboxItem, status: number, body: unknown) => void,
   *   onKept?: (kept: KeptItem[]) => void,
   * }} [handlers]
   */
  constructor({ onStatus = () => {}, onAnswer = () => {}, onKept = () => {} } = {}) {
    this.onStatus = onStatus; // after every attempt
    this.onAnswer = onAnswer; // once the server has answered an item for good (stored or refused)
    this.onKept = onKept; // whenever the items the server refused change
    /** @type {IDBDatabase | null} */
    this.db = null;
    this.flushing = false;
    this.failures = 0;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.retryTimer = undefined;
    this.reachable = true;
    this.busy = false;
    this.retryInSeconds = 0;
    addEventListener("online", () => this.flush());
  }

  async open() {
    this.db = await openDatabase();
    this.onKept(await this.kept());
    return this;
  }

  /**
   * @param {string} name
   * @param {IDBTransactionMode} [mode]
   */
  _store(name, mode = "readonly") {
    if (!this.db) throw new Error("the outbox is not open yet");
    return this.db.transaction(name, mode).objectStore(name);
  }

  /** @param {SessionState} state */
  async saveState(state) {
    await request(this._store("state", "readwrite").put(state, "current"));
  }

  /** @returns {Promise<SessionState | null>} the session being played, as last saved */
  async loadState() {
    return (await request(this._store("state").get("current"))) ?? null;
  }

  async clearState() {
    await request(this._store("state", "readwrite").delete("current"));
  }

  /** @returns {Promise<number>} */
  async pending() {
    return request(this._store("outbox").count());
  }

  /** @returns {Promise<KeptItem[]>} the items the server refused, oldest first */
  async kept() {
    return request(this._store("kept").getAll());
  }

  /** Forget the refused items: only ever on the person's say-so. */
  async discardKept() {
    await request(this._store("kept", "readwrite").clear());
    this.onKept([]);
  }

  /**
   * Keep a request until the server has answered it; then try to send.
   * @param {OutboxItem} item
   */
  async add(item) {
    await request(this._store("outbox", "readwrite").add(item));
    this.flush();
  }

  /** @returns {Promise<{key: IDBValidKey, item: OutboxItem} | null>} */
  async _first() {
    const cursor = await request(this._store("outbox").openCursor());
    return cursor ? { key: cursor.key, item: cursor.value } : null;
  }

  async flush() {
    if (this.flushing || !this.db) return;
    this.flushing = true;
    clearTimeout(this.retryTimer);
    try {
      let next;
      while ((next = await this._first())) {
        const answer = await this._send(next.item);
        if ("retryAfter" in answer) {
          this._retryLater(answer.retryAfter);
          break;
        }
        this.failures = 0;
        this.busy = false;
        if (answer.status >= 400) {
          await this._keep(next.key, next.item, answer);
        } else {
          await request(this._store("outbox", "readwrite").delete(next.key));
        }
        this.onAnswer(next.item, answer.status, answer.body);
      }
    } finally {
      this.flushing = false;
      this.onStatus({
        pending: await this.pending(),
        reachable: this.reachable,
        busy: this.busy,
        retryInSeconds: this.retryInSeconds,
      });
    }
  }

  /**
   * Move a refused item from the queue to the kept store, in one transaction.
   * @param {IDBValidKey} key
   * @param {OutboxItem} item
   * @param {Answer} answer
   */
  async _keep(key, item, answer) {
    if (!this.db) return;
    const moving = this.db.transaction(["outbox", "kept"], "readwrite");
    moving.objectStore("outbox").delete(key);
    /** @type {KeptItem} */
    const kept = {
      item,
      status: answer.status,
      detail: detailOf(answer.body, answer.status),
      refusedAt: new Date().toISOString(),
    };
    moving.objectStore("kept").add(kept);
    await committed(moving);
    this.onKept(await this.kept());
  }

  /**
   * Return the server's answer, or when to try again (after Retry-After seconds, if given).
   * @param {OutboxItem} item
   * @returns {Promise<Answer | TryAgain>}
   */
  async _send(item) {
    let response;
    try {
      response = await fetch(item.url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(item.body),
      });
    } catch {
      this.reachable = false;
      this.busy = false;
      return { retryAfter: null };
    }
    this.reachable = true;
    // Busy (503, 429), a server error or a proxy's "bad gateway", a timed-out request: these
    // pass, so the item is kept in the queue and sent again.
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      this.busy = true;
      return { retryAfter: retryAfterSeconds(response.headers.get("Retry-After")) };
    }
    /** @type {unknown} */
    let body;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    return { status: response.status, body };
  }

  /** @param {number | null} retryAfter */
  _retryLater(retryAfter) {
    const backoff = RETRY_SECONDS[Math.min(this.failures, RETRY_SECONDS.length - 1)];
    this.failures += 1;
    this.retryInSeconds = retryAfter ?? backoff;
    this.retryTimer = setTimeout(() => this.flush(), this.retryInSeconds * 1000);
  }
}
