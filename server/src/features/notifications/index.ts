// The notifications module's face to the other modules: what they may use of it.
export { type Channels, channelsOf } from "./channels.ts";
export { notify } from "./commands/notify.ts";
export { deliverPending } from "./deliver.ts";
export { dailySchedules, runDaily } from "./schedule.ts";
