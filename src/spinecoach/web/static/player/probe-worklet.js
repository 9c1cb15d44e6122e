// @ts-check
// Audio-thread probe: reports the exact audio frame at which each cue's marker began.
//
// Every scheduled cue also starts a tiny constant signal whose value is the cue's index + 1.
// This runs on the audio rendering thread, so it sees the sound start on time even while the
// page's main thread is hidden, throttled or frozen; messages wait until the page returns.
class CueProbe extends AudioWorkletProcessor {
  constructor() {
    super();
    this.last = 0;
  }

  /**
   * Look for markers starting in this render quantum; keep the node alive.
   * @param {Float32Array[][]} inputs each input's channels
   * @returns {boolean}
   */
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) return true;
    for (let i = 0; i < channel.length; i += 1) {
      const value = Math.round(channel[i]);
      if (value !== 0 && value !== this.last) {
        this.port.postMessage({ index: value - 1, contextTime: (currentFrame + i) / sampleRate });
      }
      this.last = value;
    }
    return true;
  }
}

registerProcessor("cue-probe", CueProbe);
