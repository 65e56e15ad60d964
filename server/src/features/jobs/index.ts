// The jobs module's face to the other modules. Modules declare their handlers in their manifests
// (lib/jobs.ts: defineJob) and start them through app.deps.jobs; app.ts opens the queue.
export { openJobQueue, type RunningQueue } from "./queue.ts";
