// The globals of an AudioWorkletGlobalScope that player/probe-worklet.js uses. TypeScript ships
// no library for that scope (the DOM one would wrongly offer `document` there), so they are
// declared here, as the Web Audio API specification defines them.

/** The audio rendering thread's end of the node's message channel. */
interface AudioWorkletPort {
  postMessage(message: unknown): void;
}

declare class AudioWorkletProcessor {
  readonly port: AudioWorkletPort;
}

/** The frame being rendered, counted from the context's start. */
declare const currentFrame: number;
/** Frames a second of the context the worklet runs in. */
declare const sampleRate: number;

declare function registerProcessor(
  name: string,
  processorCtor: new (options?: unknown) => AudioWorkletProcessor,
): void;
