// Nothing lost: results wait in IndexedDB until the server has them, sent in order, once.
//
// Each result carries an idempotency key made when the exercise ended, so a retry after a lost
// answer is recognised by the server and never recorded twice. The session being played is
// kept here too, so a reload, a closed tab or a stopped server can resume where it stopped.

const DB_NAME = "spinecoach-player";
const RETRY_MS = [500, 1000, 2000, 4000, 8000];

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

async function openDatabase() {
  const opening = indexedDB.open(DB_NAME, 1);
  opening.onupgradeneeded = () => {
    opening.result.createObjectStore("outbox", { autoIncrement: true });
    opening.result.createObjectStore("state");
  };
  return request(opening);
}

/** Return a random key; crypto.randomUUID needs a secure context, a LAN address is not one. */
export function idempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class Outbox {
  constructor({ onStatus = () => {}, onAnswer = () => {} } = {}) {
    this.onStatus = onStatus; // ({pending, reachable}) after every attempt
    this.onAnswer = onAnswer; // (item, status, body) once the server has answered an item
    this.db = null;
    this.flushing = false;
    this.failures = 0;
    this.retryTimer = null;
    this.reachable = true;
    addEventListener("online", () => this.flush());
  }

  async open() {
    this.db = await openDatabase();
    return this;
  }

  _store(name, mode = "readonly") {
    return this.db.transaction(name, mode).objectStore(name);
  }

  async saveState(state) {
    await request(this._store("state", "readwrite").put(state, "current"));
  }

  async loadState() {
    return (await request(this._store("state").get("current"))) ?? null;
  }

  async clearState() {
    await request(this._store("state", "readwrite").delete("current"));
  }

  async pending() {
    return request(this._store("outbox").count());
  }

  /** Keep a request (url, body) until the server has answered it; then try to send. */
  async add(item) {
    await request(this._store("outbox", "readwrite").add(item));
    this.flush();
  }

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
        if (answer === null) {
          this._retryLater();
          break;
        }
        await request(this._store("outbox", "readwrite").delete(next.key));
        this.failures = 0;
        this.onAnswer(next.item, answer.status, answer.body);
      }
    } finally {
      this.flushing = false;
      this.onStatus({ pending: await this.pending(), reachable: this.reachable });
    }
  }

  /** Return the server's answer, or null when it should be tried again later. */
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
      return null;
    }
    this.reachable = true;
    // A server error or a proxy's "bad gateway" may pass: keep the item and try again.
    if (response.status >= 500 || response.status === 429) return null;
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    return { status: response.status, body };
  }

  _retryLater() {
    const wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)];
    this.failures += 1;
    this.retryTimer = setTimeout(() => this.flush(), wait);
  }
}
