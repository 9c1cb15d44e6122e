// Globals the page code reads that vendored classic scripts define (static/vendor/, copied
// from npm by tools/vendor-pose and tools/vendor-swagger-ui): only what our code uses.
import type { Pose } from "@mediapipe/pose";

declare global {
  interface Window {
    /** Defined by vendor/pose/pose.js, which camera/pose.js adds as a classic script. */
    Pose: typeof Pose;
    /** Defined by vendor/swagger-ui/swagger-ui-bundle.js, loaded before js/docs.js. */
    SwaggerUIBundle: (options: { url: string; dom_id: string; deepLinking: boolean }) => unknown;
  }
}
