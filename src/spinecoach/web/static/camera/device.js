// @ts-check
// The device's camera: is there one this page may use, and opening and closing its stream.
//
// getUserMedia is only called from switchOn, that is after the person turned the switch on:
// the browser asks for permission then and never before.

const VIDEO = { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: "user" };

/**
 * Return why the camera coach cannot run on this page, or null when it can.
 * @param {{modelServed: boolean}} what the page knows
 * @returns {Promise<string | null>}
 */
export async function cameraUnavailable({ modelServed }) {
  if (!modelServed) {
    return "The camera coach is not installed with this copy of spinecoach, so there is no camera switch.";
  }
  if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
    // Browsers give a camera only to secure pages: http://127.0.0.1 is one, a LAN address is not.
    return "This browser lets a page use the camera only when it is opened on the computer " +
      "that runs spinecoach, so there is no camera switch here.";
  }
  /** @type {MediaDeviceInfo[]} */
  let devices = [];
  try {
    devices = await navigator.mediaDevices.enumerateDevices();
  } catch {
    // a browser that will not even list devices has no camera for us
  }
  if (!devices.some((device) => device.kind === "videoinput")) {
    return "No camera was found on this device, so there is no camera switch.";
  }
  return null;
}

/**
 * Open the camera into the video element; throw an Error with a plain message if refused.
 * @param {HTMLVideoElement} video
 * @returns {Promise<MediaStream>}
 */
export async function openCamera(video) {
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: VIDEO, audio: false });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : null;
    const refused = name === "NotAllowedError" || name === "SecurityError";
    throw new Error(
      refused
        ? "The camera was not allowed. You can allow it in the browser's site settings and try again."
        : "The camera could not start. Close other programs that use it and try again.",
      { cause: error },
    );
  }
  video.srcObject = stream;
  video.muted = true;
  await video.play();
  return stream;
}

/**
 * Stop every track of the stream so the camera light goes out.
 * @param {HTMLVideoElement} video
 * @param {MediaStream | null} stream
 */
export function closeCamera(video, stream) {
  for (const track of stream?.getTracks() ?? []) track.stop();
  video.srcObject = null;
}
